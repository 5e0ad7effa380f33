"""The RW chair's page (`/musrenbang/rw`): a new proposal from the catalogue within the
RW's remaining ceiling (rw.js says it as the form is filled; proposals.submit checks
again), offered only while the submission phase runs (else the phase's dates in words);
a returned proposal edited and sent again (`/musrenbang/rw/{ref}`: proposals.revise,
back to the step that returned it); a proposal withdrawn before the kelurahan verifies it
(`/musrenbang/rw/{ref}/tarik`). A refused form comes back as it was sent."""

from __future__ import annotations

from typing import Any

from flask import render_template, request
from flask.typing import ResponseReturnValue

from queue_server.domain.errors import DomainError
from queue_server.i18n import page_language
from queue_server.runtime import csrf, current
from queue_server.services.auth import Principal
from queue_server.staff_session import signed_in

from . import catalogue, proposals, views
from .flow import cycle, proposal, today
from .pages import bp, rupiah, said, status_of, with_money
from .pages_staff import login_page
from .rules import ACTION_PHASES, parse_quantity, require_phase

FIELDS = ("item", "quantity", "location", "justification", "priority", "lat", "lon")
CHANGEABLE = ("submitted", "returned")  # the RW may still withdraw (or edit: returned)


def _closed(phases: dict[str, Any], action: str, clock: Any) -> str | None:
    """Why `action` cannot be taken today (the phase it needs, in words), or None."""
    try:
        require_phase(phases, ACTION_PHASES[action], today(clock))
    except DomainError as exc:
        return said(exc)
    return None


def _whole_said(unit: str, lang: str) -> str:
    """For a countable unit, the server's own refusal of a fractional quantity (rw.js
    says it before sending); "" for other units."""
    try:
        parse_quantity("0.5", unit)
    except DomainError as exc:
        return exc.message_en if lang == "en" else exc.message
    return ""


def _editing(uow: Any, ref: str | None, rw_office_id: int) -> dict[str, Any] | None:
    """The returned proposal `ref` of this RW being edited: its values, reason and the
    action sending it back; None when not editing or it is not this RW's returned one."""
    if ref is None:
        return None
    row = proposal(uow, ref)
    case = uow.cases.by_id(row.case_id)
    if row.rw_office_id != rw_office_id or case.state != "returned":
        return None
    shown = views.rows(uow, views.MusrenbangProposal.id == row.id, page_language())[0]
    values = {k: str(v if v is not None else "") for k, v in proposals.sent_values(
        uow, row).items()}
    return {"ref": row.ref, "id": row.id, "values": values, "reason": shown["reason"],
            "action": proposals.resubmit_action(uow, case)}


def _rw_page(who: Principal, values: dict[str, str] | None = None, error: str | None = None,
             done: tuple[str, str] | None = None, status: int = 200,
             ref: str | None = None) -> ResponseReturnValue:
    lang, rt = page_language(), current()
    with rt.uow(write=False) as uow:
        try:
            row = cycle(uow)
            area = proposals.rw_area(uow, who, None)
            editing = _editing(uow, ref, area.rw_office_id)
        except DomainError as exc:
            return render_template("musrenbang/missing.html", lang=lang, user=who.name,
                                   message=said(exc)), status_of(exc)
        ceiling, used = proposals.budget_of(uow, row, area.rw_office_id,
                                            leave_out=editing["id"] if editing else None)
        office = uow.offices.by_id(area.rw_office_id)
        items = [catalogue.describe(uow, i) for i in catalogue.items(uow, row.id)]
        mine = [with_money(p) for p in views.rw_list(uow, area.rw_office_id, row, lang)]
    for item in items:
        item["price_said"] = rupiah(item["unit_price"])
        item["whole_said"] = _whole_said(item["unit"], lang)
    budget = {"ceiling": ceiling, "used": used, "left": max(ceiling - used, 0)}
    closed = _closed(row.phases, editing["action"] if editing else "submit", rt.clock)
    if values is None:
        values = editing["values"] if editing else {"priority": str(len(mine) + 1)}
    return render_template(
        "musrenbang/rw.html", lang=lang, user=who.name, year=row.year, items=items,
        rw=office.name if office else "", budget=budget, mine=mine, error=error, done=done,
        values=values, editing=editing, closed=closed,
        changeable=[p for p in mine if p["state"] in CHANGEABLE],
        said={k: rupiah(v) for k, v in budget.items()}), status


@bp.get("/rw")
def rw_form() -> ResponseReturnValue:
    """The RW chair's proposal form with the RW's remaining ceiling and its proposals."""
    who = signed_in()
    return login_page("rw") if who is None else _rw_page(who)


@bp.get("/rw/<ref>")
def rw_edit(ref: str) -> ResponseReturnValue:
    """The form filled with a returned proposal of the RW, to edit and send again (the
    new-proposal form when `ref` is not this RW's returned one)."""
    who = signed_in()
    return login_page("rw") if who is None else _rw_page(who, ref=ref)


def _number(value: str) -> float | None:
    try:
        return float(value.replace(",", ".")) if value.strip() else None
    except ValueError:
        return float("nan")


def _sent() -> tuple[dict[str, str], dict[str, Any]]:
    """The form as sent (to show again) and as proposals.Proposal's fields."""
    form = {k: request.form.get(k, "").strip() for k in FIELDS}
    return form, {"item": form["item"], "quantity": form["quantity"],
                  "location": form["location"], "justification": form["justification"],
                  "priority": int(form["priority"]) if form["priority"].isdigit() else 0,
                  "lat": _number(form["lat"]), "lon": _number(form["lon"])}


@bp.post("/rw")
def rw_submit() -> ResponseReturnValue:
    """The form posted: proposals.submit (its refusal said above the form, with the
    status of its kind); the page again with the new proposal's reference."""
    csrf.protect()
    who = signed_in()
    if who is None:
        return login_page("rw", status=401)
    form, fields = _sent()
    rt = current()
    try:
        made = proposals.submit(rt.uow(), rt.clock, who, None, proposals.Proposal(**fields))
    except DomainError as exc:
        return _rw_page(who, form, said(exc), status=status_of(exc))
    return _rw_page(who, done=("sent", made.ref), status=201)


@bp.post("/rw/<ref>")
def rw_resubmit(ref: str) -> ResponseReturnValue:
    """A returned proposal edited and sent again (proposals.revise); a refusal brings the
    edit form back as it was sent."""
    csrf.protect()
    who = signed_in()
    if who is None:
        return login_page("rw", status=401)
    form, fields = _sent()
    rt = current()
    try:
        row = proposals.revise(rt.uow(), rt.clock, who, ref, fields)
    except DomainError as exc:
        return _rw_page(who, form, said(exc), status=status_of(exc), ref=ref)
    return _rw_page(who, done=("resent", row.ref))


@bp.post("/rw/<ref>/tarik")
def rw_withdraw(ref: str) -> ResponseReturnValue:
    """The RW withdraws a proposal the kelurahan has not verified (proposals.withdraw)."""
    csrf.protect()
    who = signed_in()
    if who is None:
        return login_page("rw", status=401)
    rt = current()
    try:
        row = proposals.withdraw(rt.uow(), rt.clock, who, ref)
    except DomainError as exc:
        return _rw_page(who, error=said(exc), status=status_of(exc))
    return _rw_page(who, done=("withdrawn", row.ref))
