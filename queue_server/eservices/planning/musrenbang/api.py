"""e-Musrenbang's API (/api/v1/musrenbang/...): public reads (the cycle, the catalogue,
the proposals per kelurahan, one proposal with its public timeline and what became of
it) and the RW chair's proposals. The agency's and the verifiers' routes are in
api_staff.py, on the same blueprint."""

from __future__ import annotations

from typing import Any

from flask import Response, jsonify
from flask_smorest import Blueprint

from mobile_api.auth import principal
from queue_server.runtime import current

from ..controlling.follow import follow
from . import catalogue, cycles, proposals, views
from .api_schemas import (
    MusrenbangBudgetOut,
    MusrenbangCycleOut,
    MusrenbangItemOut,
    MusrenbangKelurahanOut,
    MusrenbangLangQuery,
    MusrenbangProposalBody,
    MusrenbangProposalEdit,
    MusrenbangProposalOut,
    MusrenbangProposalPageOut,
)
from .flow import cycle, proposal, today
from .rules import open_phase

blp = Blueprint("musrenbang", __name__, url_prefix="/api/v1/musrenbang",
                description="e-Musrenbang: the yearly cycle, the catalogue (kamus usulan), "
                            "RW proposals within ceilings, verification and ranking")
STAFF: list[dict[str, list[str]]] = [{"bearer": []}]


def cycle_out(year: int | None) -> dict[str, Any]:
    """A cycle (the latest when `year` is None) with its open phase today."""
    rt = current()
    with rt.uow(write=False) as uow:
        row = cycle(uow, year)
        return {**cycles.describe(row), "open_phase": open_phase(row.phases, today(rt.clock))}


@blp.get("/cycles/current")
@blp.response(200, MusrenbangCycleOut)
def current_cycle() -> Response:
    """The latest cycle: budget year, phases with dates, default RW ceiling (rupiah), the
    phase open today (null: none). `musrenbang_cycle_not_found` 404."""
    return jsonify(cycle_out(None))


@blp.get("/cycles/<int:year>")
@blp.response(200, MusrenbangCycleOut)
def one_cycle(year: int) -> Response:
    """The cycle of budget `year` (404 `musrenbang_cycle_not_found`)."""
    return jsonify(cycle_out(year))


@blp.get("/cycles/<int:year>/items")
@blp.response(200, MusrenbangItemOut(many=True))
def items(year: int) -> Response:
    """The cycle's active catalogue (kamus usulan, public): code, name, unit, unit price
    (rupiah), responsible office, category."""
    with current().uow(write=False) as uow:
        row = cycle(uow, year)
        return jsonify([catalogue.describe(uow, i) for i in catalogue.items(uow, row.id)])


@blp.get("/cycles/<int:year>/proposals")
@blp.arguments(MusrenbangLangQuery(), location="query")
@blp.response(200, MusrenbangKelurahanOut(many=True))
def public_list(args: dict[str, Any], year: int) -> Response:
    """Every proposal of the cycle per kelurahan (public; no personal data): state,
    amount, rank and whether it fits the ceiling, why it fell out, the reason of a
    returned or rejected one."""
    with current().uow(write=False) as uow:
        return jsonify(views.by_kelurahan(uow, cycle(uow, year), args["lang"]))


@blp.get("/proposals/<string:ref>")
@blp.arguments(MusrenbangLangQuery(), location="query")
@blp.response(200, MusrenbangProposalPageOut)
def one_proposal(args: dict[str, Any], ref: str) -> Response:
    """One proposal (public): its fields, public timeline and what became of it (`follow`:
    budget line, packages, progress; null before it is budgeted).
    `musrenbang_proposal_not_found` 404."""
    with current().uow(write=False) as uow:
        row = proposal(uow, ref)
        shown = views.rows(uow, views.MusrenbangProposal.id == row.id, args["lang"])[0]
        return jsonify({**shown, "timeline": views.public_timeline(uow, row),
                        "follow": follow(uow, row.id)})


@blp.get("/cycles/<int:year>/budget")
@blp.doc(security=STAFF)
@blp.response(200, MusrenbangBudgetOut)
def rw_budget(year: int) -> Response:
    """The signed-in RW chair's ceiling, the total of the RW's proposals not rejected,
    and what is left (rupiah). `musrenbang_forbidden` 403 for someone who is no RW's."""
    who = principal()
    with current().uow(write=False) as uow:
        area = proposals.rw_area(uow, who, None)
        ceiling, used = proposals.budget_of(uow, cycle(uow, year), area.rw_office_id)
        office = uow.offices.by_id(area.rw_office_id)
        return jsonify({"rw": office.code if office else "", "ceiling": ceiling, "used": used,
                        "left": max(ceiling - used, 0)})


@blp.post("/cycles/<int:year>/proposals")
@blp.doc(security=STAFF)
@blp.arguments(MusrenbangProposalBody())
@blp.response(201, MusrenbangProposalOut)
def submit(body: dict[str, Any], year: int) -> Response:
    """The RW chair submits a proposal from the active catalogue in the submission phase:
    amount = quantity × unit price (whole rupiah). `musrenbang_ceiling_exceeded` 422 (the
    RW's ceiling; `left` says what remains), `musrenbang_item_unknown`,
    `musrenbang_proposal_invalid` 422, `musrenbang_phase_closed` 409,
    `musrenbang_forbidden` 403."""
    rt = current()
    made = proposals.submit(rt.uow(), rt.clock, principal(), year, proposals.Proposal(**body))
    return _answer(made.ref, 201)


@blp.put("/proposals/<string:ref>")
@blp.doc(security=STAFF)
@blp.arguments(MusrenbangProposalEdit(partial=True))
@blp.response(200, MusrenbangProposalOut)
def revise(body: dict[str, Any], ref: str) -> Response:
    """The RW chair edits a returned proposal and submits it again: fields not sent keep
    their values; it goes back to the step that returned it, while that step's phase
    runs (`musrenbang_phase_closed` 409 otherwise): `action_forbidden` 403 (another
    RW's), `action_not_allowed` 409 (not returned), the ceiling and catalogue checks as
    on submitting."""
    rt = current()
    body.pop("rw", None)
    row = proposals.revise(rt.uow(), rt.clock, principal(), ref, body)
    return _answer(row.ref, 200)


@blp.post("/proposals/<string:ref>/withdraw")
@blp.doc(security=STAFF)
@blp.response(200, MusrenbangProposalOut)
def withdraw(ref: str) -> Response:
    """The RW chair withdraws a proposal the kelurahan has not verified (submitted or
    returned): it no longer counts against the RW's ceiling. `action_forbidden` 403
    (another RW's), `action_not_allowed` 409 (already verified or closed)."""
    rt = current()
    row = proposals.withdraw(rt.uow(), rt.clock, principal(), ref)
    return _answer(row.ref, 200)


def _answer(ref: str, status: int) -> Response:
    with current().uow(write=False) as uow:
        row = proposal(uow, ref)
        response = jsonify(views.rows(uow, views.MusrenbangProposal.id == row.id)[0])
    response.status_code = status
    return response
