"""Lists of complaints: an office's inbox (its staff see their offices' complaints only),
the Media Center's queue (new, verified, and those an office returned), and the public
list (public complaints by reference, with nothing of the reporter)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from queue_server.services.auth import ADMIN, CITY, Principal
from queue_server.services.cases import city_today
from queue_server.services.port_cases import CaseWork
from queue_server.services.ports import Clock

from . import WORKFLOW
from .domain import NON_PUBLIC_STATES, OfficeUnknown, StateUnknown, WadulForbidden, WrongOffice
from .models import WadulCategory
from .reading import category_of, desk_id, public_row, summary
from .store import ListFilter, WadulStore

MAX_PER_PAGE = 100
DESK_STATES = ("received", "verified", "returned")


@dataclass
class ListIn:
    """What a list is asked for: an office code, a state (a workflow state, or
    `returned` on the desk), overdue/escalated flags, a category code, and the page
    (1-based; `per_page` at most MAX_PER_PAGE)."""

    office: str | None = None
    state: str | None = None
    overdue: bool | None = None
    escalated: bool | None = None
    category: str | None = None
    page: int = 1
    per_page: int = 50


def sees_all(uow: CaseWork, principal: Principal) -> bool:
    """Whether a staff member sees every office's complaints: the admin, the city's
    health office account (CITY) and the Media Center desk."""
    if principal.kind != "staff":
        return False
    if principal.role in (ADMIN, CITY):
        return True
    desk = desk_id(uow)
    return desk is not None and desk in uow.offices.roles_of(principal.id)


def _offices(uow: CaseWork, principal: Principal, office: str | None) -> list[int] | None:
    """The office ids a staff list covers (None: all). Raises OfficeUnknown (422),
    WrongOffice (403: an office not theirs), WadulForbidden (403: no office at all)."""
    wanted = None
    if office:
        found = uow.offices.by_code(office)
        if found is None:
            raise OfficeUnknown(office)
        wanted = found.id
    if sees_all(uow, principal):
        return None if wanted is None else [wanted]
    held = set(uow.offices.roles_of(principal.id)) if principal.kind == "staff" else set()
    if not held:
        raise WadulForbidden("melihat daftar pengaduan", "list complaints")
    if wanted is not None and wanted not in held:
        raise WrongOffice()
    return [wanted] if wanted is not None else sorted(held)


def _page(uow: CaseWork, clock: Clock, tz: str, where: ListFilter,
          public: bool) -> dict[str, Any]:
    where.per_page = max(1, min(where.per_page, MAX_PER_PAGE))
    where.page = max(1, where.page)
    where.today = city_today(clock, tz)
    store = WadulStore(uow)
    rows, total = store.page(where)
    cache: dict[int, WadulCategory] = {}
    items = [public_row(uow, case, report, category_of(store, report, cache), tz) if public
             else summary(uow, case, report, category_of(store, report, cache), tz,
                          where.today)
             for case, report in rows]
    return {"items": items, "page": where.page, "per_page": where.per_page, "total": total}


def _states(state: str | None, allowed: tuple[str, ...] | None = None) -> list[str] | None:
    if not state:
        return list(allowed) if allowed else None
    if state not in WORKFLOW.states and state != "returned":
        raise StateUnknown(state, [*WORKFLOW.states, "returned"])
    return [state]


def public_states() -> list[str]:
    """The workflow states a public complaint can be in (domain.NON_PUBLIC_STATES left
    out), in workflow order."""
    return [name for name in WORKFLOW.states if name not in NON_PUBLIC_STATES]


def _public_states(state: str | None) -> list[str] | None:
    if state and state not in public_states():
        raise StateUnknown(state, public_states())
    return [state] if state else None


def staff_list(uow: CaseWork, clock: Clock, tz: str, principal: Principal,
               asked: ListIn) -> dict[str, Any]:
    """An office's inbox (or, for the admin, city and desk, any office's or all):
    `{"items": [reading.summary rows], "page", "per_page", "total"}`, newest first.
    Raises OfficeUnknown (422), WrongOffice or WadulForbidden (403)."""
    with uow:
        offices = _offices(uow, principal, asked.office)
        return _page(uow, clock, tz, ListFilter(
            offices=offices, states=_states(asked.state), overdue=asked.overdue,
            escalated=asked.escalated, category=asked.category, page=asked.page,
            per_page=asked.per_page), public=False)


def desk_queue(uow: CaseWork, clock: Clock, tz: str, principal: Principal,
               asked: ListIn) -> dict[str, Any]:
    """The Media Center's queue: received and verified complaints, and those an office
    returned (`state=returned` for those alone). Desk and admin only (WadulForbidden)."""
    with uow:
        desk = desk_id(uow)
        if principal.role != ADMIN and (desk is None
                                        or desk not in uow.offices.roles_of(principal.id)):
            raise WadulForbidden("melihat antrean Media Center", "see the Media Center queue")
        return _page(uow, clock, tz, ListFilter(
            states=_states(asked.state, DESK_STATES), overdue=asked.overdue,
            escalated=asked.escalated, category=asked.category, page=asked.page,
            per_page=asked.per_page), public=False)


def public_list(uow: CaseWork, clock: Clock, tz: str, asked: ListIn) -> dict[str, Any]:
    """The public list: public complaints (domain.is_public: confirmed, verified, not
    confidential), newest first, as reading.public_row (by reference; no reporter, no
    description): `{"items", "page", "per_page", "total"}`. Raises StateUnknown (422) for
    a state no public complaint is in."""
    with uow:
        return _page(uow, clock, tz, ListFilter(
            states=_public_states(asked.state), category=asked.category, public=True,
            page=asked.page, per_page=asked.per_page), public=True)
