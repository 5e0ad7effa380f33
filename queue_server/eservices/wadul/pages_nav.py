"""What e-Wadul's staff pages show a signed-in member of staff around the content: the
links their roles may open (the desk for the Media Center and the admin, the inbox for
office staff and those who see every office, the dashboard for those who see every
office and office heads, the SKM page for those who may read an index), the offices
their filters offer, the order of a work list (deadline first) and the words of a
case's timeline (action, role and office names instead of codes)."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext  # type: ignore[import-untyped]

from queue_server.i18n import page_language
from queue_server.runtime import current
from queue_server.services.auth import ADMIN, CITY, FACILITY_ADMIN, Principal
from queue_server.services.port_cases import CaseWork

from . import WORKFLOW
from .lists import sees_all
from .reading import desk_id

EXCERPT = 120  # characters of a description a list row shows
# Timeline actions that are not workflow transitions, and the roles an event records.
EXTRA_ACTIONS = ("file", "escalate", "photo", "note", "edit")
ROLES = ("admin", "head", "desk", "office", "citizen", "system")


def staff_nav(uow: CaseWork, who: Principal) -> dict[str, bool]:
    """Which staff pages `who` may open: `desk`, `inbox`, `dashboard`, `skm` (the same
    rules as the use cases behind them: lists.desk_queue, lists.staff_list,
    dashboard._offices, surveys._scope)."""
    with uow:
        roles = uow.offices.roles_of(who.id) if who.kind == "staff" else {}
        everything = sees_all(uow, who)
        desk = desk_id(uow)
    head = any("head" in held for held in roles.values())
    return {"desk": who.role == ADMIN or (desk is not None and desk in roles),
            "inbox": everything or bool(roles),
            "dashboard": everything or head,
            "skm": who.role in (ADMIN, CITY, FACILITY_ADMIN) or head}


def own_page(uow: CaseWork, who: Principal, asked: str) -> str:
    """The staff page to open after signing in on the page `asked` (desk, inbox,
    dashboard, skm): that one when `who` may open it, else the first they may (office
    staff signing in on the desk land on their inbox, not on a 403 page); `asked` when
    they may open none (its page then says why)."""
    nav = staff_nav(uow, who)
    if nav.get(asked):
        return asked
    return next((page for page in ("desk", "inbox", "dashboard", "skm") if nav[page]), asked)


def filter_offices(uow: CaseWork, who: Principal) -> list[dict[str, str]]:
    """The offices a list's office filter offers `who`: every office (active or not, so
    old cases can be found) for those who see all, else the offices they belong to."""
    with uow:
        everything = sees_all(uow, who)
        mine = set(uow.offices.roles_of(who.id)) if who.kind == "staff" else set()
        return [{"code": o.code, "name": o.name, "name_en": o.name_en or o.name}
                for o in uow.offices.all(active_only=False) if everything or o.id in mine]


def by_deadline(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A work list in the order to work it: the nearest (or most passed) state deadline
    first, cases without one last, then the oldest filed first."""
    return sorted(items, key=lambda r: (r.get("state_due") is None, r.get("state_due") or "",
                                        r.get("opened_at") or ""))


def excerpt(text: str | None, size: int = EXCERPT) -> str:
    """The first `size` characters of a description, cut at a word, with an ellipsis."""
    text = " ".join((text or "").split())
    if len(text) <= size:
        return text
    return text[:size].rsplit(" ", 1)[0] + "…"


def timeline_words() -> dict[str, dict[str, str]]:
    """The page language's names of the timeline's actions (workflow labels, and the
    catalogue's for filing, escalation, photos and notes) and roles."""
    en = page_language() == "en"
    actions = {t.action: (t.label_en if en else t.label_id)
               for t in WORKFLOW.transitions.values()}
    actions.update({a: gettext(f"wadul_pages.tl_{a}") for a in EXTRA_ACTIONS})
    return {"actions": actions, "roles": {r: gettext(f"wadul_pages.role_{r}") for r in ROLES}}


def office_names() -> dict[str, str]:
    """Office code → name, every office (a timeline names offices by code)."""
    with current().uow(write=False) as uow:
        return {o.code: o.name for o in uow.offices.all(active_only=False)}
