"""e-Wadul's staff pages, signed in with the shared staff login (session cookie): the
Media Center desk (`/wadul/desk`: the queue to verify, reject, merge or forward, and a
form for reports received by other channels), an office's inbox (`/wadul/inbox`) and a
case with its full timeline (`/wadul/kasus/{ref}`, by its public reference `WADUL-123`:
staff never see a tracking code, which makes its holder the citizen). Lists are read
through e-Wadul's use cases; every action is posted by the page's script to
`/api/v1/wadul/...`, which checks the caller's roles again."""

from __future__ import annotations

from typing import Any

from flask import redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from queue_server.domain.codes import is_public_ref, normalise_code
from queue_server.domain.errors import DomainError
from queue_server.edge import code_guard
from queue_server.i18n import page_language
from queue_server.runtime import current
from queue_server.services.auth import Principal
from queue_server.services.cases import city_today, find, find_by_ref, public_ref
from queue_server.staff_session import sign_out, signed_in, try_sign_in

from . import MODULE, WORKFLOW
from .categories import categories
from .domain import DESK_CHANNELS
from .lists import ListIn, desk_queue, staff_list
from .pages import bp, city_zone, lang_args, said, state_choices
from .pages_nav import (
    by_deadline,
    excerpt,
    filter_offices,
    office_names,
    own_page,
    staff_nav,
    timeline_words,
)
from .reading import read_report, staff_roles
from .replies import replies

# The staff pages a sign-in may return to (never an address taken from the request).
PAGES = {"desk": "wadul_pages.desk", "inbox": "wadul_pages.inbox",
         "dashboard": "wadul_pages.dashboard", "skm": "wadul_pages.skm"}
STATUS = {"forbidden": 403, "not_found": 404, "unauthorized": 401, "rate_limited": 429}


def login_page(back: str, error: str | None = None, status: int = 200,
               username: str = "") -> tuple[str, int]:
    """The shared sign-in form, returning to the staff page `back` (a key of PAGES)."""
    lang = page_language()
    other: dict[str, Any] = {} if lang == "en" else {"lang": "en"}
    switch = url_for(PAGES[back], **other)
    return render_template("wadul/login.html", lang=lang, back=back, switch=switch,
                           error=error, username=username), status


def refused(who: Principal, exc: DomainError) -> ResponseReturnValue:
    """A signed-in member of staff whose roles do not open this page (403) or an unknown
    case (404): a page that says so, with the way out."""
    return render_template("wadul/refused.html", lang=page_language(), message=said(exc),
                           user=who.name, nav=staff_nav(current().uow(write=False), who)
                           ), STATUS.get(exc.kind, 422)


def _offices() -> list[dict[str, str]]:
    with current().uow(write=False) as uow:
        return [{"code": o.code, "name": o.name} for o in uow.offices.all(active_only=True)]


def with_actions(who: Principal, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The listed cases, each with the actions `who` may take on it now (as
    `read_report` gives them), for the rows' action forms."""
    with current().uow(write=False) as uow:
        for item in items:
            item["excerpt"] = excerpt(item.get("description"))
            try:
                roles = staff_roles(uow, who, find_by_ref(uow, item["ref"], MODULE))
            except DomainError:
                roles = frozenset()
            item["actions"] = [
                {"action": t.action, "label": t.label_id, "label_en": t.label_en,
                 "comment": t.comment, "office": t.office}
                for t in WORKFLOW.actions_from(item["state"], roles)]
    return items


def _shared(who: Principal) -> dict[str, Any]:
    """What every staff page's action forms need: offices to forward to, reply
    templates, each category's routed office (a template's {opd}), the user's name."""
    routing = {c["code"]: c["office_name"]
               for c in categories(current().uow(write=False), active_only=False)}
    rt = current()
    return {"lang": page_language(), "user": who.name, "offices": _offices(),
            "replies": replies(None), "states": dict(state_choices()), "routing": routing,
            "nav": staff_nav(rt.uow(write=False), who),
            "filter_offices": filter_offices(rt.uow(write=False), who)}


@bp.get("/desk")
def desk() -> ResponseReturnValue:
    """The Media Center's queue (received, verified and returned cases) with their
    actions, and the form for a report received by another channel."""
    who = signed_in()
    if who is None:
        return login_page("desk")
    rt = current()
    try:
        queue = desk_queue(rt.uow(write=False), rt.clock, city_zone(), who,
                           ListIn(per_page=100))
    except DomainError as exc:
        return refused(who, exc)
    queue["items"] = by_deadline(with_actions(who, queue["items"]))
    listed = categories(rt.uow(write=False), active_only=True)
    return render_template("wadul/desk.html", queue=queue, categories=listed,
                           channels=DESK_CHANNELS, **_shared(who))


def _flag(name: str) -> bool | None:
    return True if request.args.get(name) in ("1", "true", "on") else None


@bp.get("/inbox")
def inbox() -> ResponseReturnValue:
    """An office's cases (its staff see their offices' only; the desk and the admin
    every office's), with overdue and escalated ones flagged and filters for them."""
    who = signed_in()
    if who is None:
        return login_page("inbox")
    rt = current()
    office = request.args.get("office", "").strip() or None
    state = request.args.get("state", "").strip() or None
    overdue, escalated = _flag("overdue"), _flag("escalated")
    try:
        found = staff_list(rt.uow(write=False), rt.clock, city_zone(), who,
                           ListIn(office=office, state=state, overdue=overdue,
                                  escalated=escalated, per_page=100))
    except DomainError as exc:
        return refused(who, exc)
    found["items"] = by_deadline(with_actions(who, found["items"]))
    return render_template("wadul/inbox.html", found=found, office=office, state=state,
                           overdue=overdue, escalated=escalated, **_shared(who))


@bp.get("/kasus")
def open_case() -> ResponseReturnValue:
    """The staff pages' "open a report" form: on to the case page of the public
    reference or tracking code typed (`ref`), or back to the inbox when none was."""
    said = request.args.get("ref", "").strip()[:80]
    said = said.upper() if is_public_ref(said) else normalise_code(said)
    if not said:
        return redirect(url_for("wadul_pages.inbox", **lang_args()), code=303)
    return redirect(url_for("wadul_pages.case", ref=said, **lang_args()), code=303)


def _by_code(who: Principal, code: str) -> ResponseReturnValue:
    """A tracking code in the case page's address (a caller read it out to the desk):
    on to the case's page by reference (303), so the code leaves the address bar. An
    unknown code counts against the caller like any code miss (edge/code_guard.py)."""
    try:
        with current().uow(write=False) as uow:
            ref = public_ref(find(uow, normalise_code(code), MODULE))
    except DomainError as exc:
        return refused(who, code_guard.counted(exc))
    return redirect(url_for("wadul_pages.case", ref=ref, **lang_args()), code=303)


@bp.get("/kasus/<ref>")
def case(ref: str) -> ResponseReturnValue:
    """One case for staff by its public reference: everything their roles may see, its
    actions and its full timeline (actors named). Another office's case: 403; an unknown
    reference: 404; a tracking code: on to the reference's page (`_by_code`)."""
    who = signed_in()
    if who is None:
        return login_page("inbox")
    if not is_public_ref(ref):
        return _by_code(who, ref)
    rt = current()
    try:
        report = read_report(rt.uow(write=False), city_zone(),
                             city_today(rt.clock, city_zone()), ref, who)
    except DomainError as exc:
        return refused(who, exc)
    report["entered_by_name"] = _username(report.get("entered_by"))
    return render_template("wadul/case.html", report=report, words=timeline_words(),
                           office_names=office_names(), **_shared(who))


def _username(user_id: int | None) -> str | None:
    """The username of the member of staff who entered a desk report (None: none)."""
    if user_id is None:
        return None
    with current().uow(write=False) as uow:
        user = uow.staff.user(user_id)
        return user.username if user is not None else None


@bp.get("/login")
def login_again() -> ResponseReturnValue:
    """The sign-in address opened again (a bookmark, a reload after a refused sign-in):
    the staff page it returns to, which shows the sign-in form when signed out."""
    back = request.args.get("back", "")
    return redirect(url_for(PAGES[back if back in PAGES else "inbox"], **lang_args()))


@bp.post("/login")
def login() -> ResponseReturnValue:
    """The sign-in form: a session cookie, then the staff page it was shown on."""
    back = request.args.get("back", "")
    back = back if back in PAGES else "inbox"
    refusal = try_sign_in()
    if refusal is not None:
        page, status = login_page(back, refusal.message, refusal.status, refusal.username)
        return page, status, refusal.headers
    who = signed_in()  # lands on a page of their own when `back` is not one (pages_nav)
    back = own_page(current().uow(write=False), who, back) if who else back
    return redirect(url_for(PAGES[back], **lang_args()), code=303)


@bp.post("/logout")
def logout() -> ResponseReturnValue:
    """End this login and forget the cookie; back to the citizens' form."""
    sign_out()
    return redirect(url_for("wadul_pages.form", **lang_args()), code=303)
