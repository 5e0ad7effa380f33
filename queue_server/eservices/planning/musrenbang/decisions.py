"""The verifying offices' steps on a proposal: the kelurahan verifies, the kecamatan
forum agrees, the responsible office accepts it as feasible (optionally at an adjusted
unit price, the amount recomputed); any of them returns it to the RW or rejects it with
a reason (public). Each acts only on proposals at its own step (flow.roles_on) and in
the phase of that step (rules.ACTION_PHASES, rules.STEP_PHASES)."""

from __future__ import annotations

from typing import Any

from queue_server.domain.errors import Words
from queue_server.services.auth import Principal
from queue_server.services.cases import Actor, Step, act
from queue_server.services.ports import Clock

from .errors import PriceOverTolerance, PriceReasonRequired, ProposalInvalid
from .flow import WORKFLOW, city_tz, price_tolerance, proposal, roles_on, today
from .models import MusrenbangCycle, MusrenbangProposal
from .proposals import due_by_phase
from .rules import ACTION_PHASES, STEP_PHASES, amount_of, money, require_phase

STEP_ACTIONS = ("verify", "forum", "accept", "return", "reject")
MAX_PRICE = 10**12


def decide(uow: Any, clock: Clock, who: Principal, ref: str, action: str, comment: str = "",
           adjusted_price: int | None = None) -> MusrenbangProposal:
    """Take `action` (verify, forum, accept, return, reject) on proposal `ref`: the
    workflow decides (UnknownAction/CommentRequired 422, ActionNotAllowed 409,
    ActionForbidden 403 for an office whose step it is not), then the phase (PhaseClosed
    409). `adjusted_price` (rupiah per unit) only with accept: see _adjusted. Commits;
    returns the proposal."""
    with uow:
        row = proposal(uow, ref)
        case = uow.cases.by_id(row.case_id)
        roles = roles_on(uow, who, row, case.state)
        WORKFLOW.take(case.state, action, roles, comment=comment)
        if action not in STEP_ACTIONS:
            raise ProposalInvalid(Words(f"aksi {action} bukan langkah verifikasi",
                                        f"{action} is not a verification step"))
        the_cycle = uow.session.get(MusrenbangCycle, row.cycle_id)
        allowed = ACTION_PHASES.get(action) or STEP_PHASES.get(case.state, ())
        require_phase(the_cycle.phases, allowed, today(clock))
        data: dict[str, Any] = {}
        if adjusted_price is not None:
            data, comment = _adjusted(row, action, adjusted_price, comment)
        act(uow, clock, WORKFLOW, case, Step(action, comment=comment, data=data),
            Actor(who.actor, roles, who.id), timezone=city_tz())
        due_by_phase(uow, case, the_cycle.phases)
        uow.commit()
    return row



def _adjusted(row: MusrenbangProposal, action: str, price: int, comment: str
              ) -> tuple[dict[str, Any], str]:
    """The office's adjusted unit price on `row` (accept only, whole rupiah above 0, else
    ProposalInvalid 422), with a reason (PriceReasonRequired 422), at most the tolerance
    (flow.price_tolerance, percent) above the catalogue price the RW proposed at
    (PriceOverTolerance 422). Sets the price and amount; returns the timeline's data (old
    and new price) and its public comment naming both prices."""
    if action != "accept" or not 0 < price <= MAX_PRICE:
        raise price_not_a_number()
    if not comment.strip():
        raise PriceReasonRequired()
    percent = price_tolerance()
    highest = row.unit_price * (100 + percent) // 100
    if price > highest:
        raise PriceOverTolerance(price, row.unit_price, percent, highest)
    old = row.adjusted_price or row.unit_price
    row.adjusted_price = price
    row.amount = amount_of(row.quantity, price)
    said = (f"Harga satuan disesuaikan dari {money(old).id} menjadi {money(price).id} "
            f"(jumlah {money(row.amount).id}). Alasan: {comment.strip()}")
    return {"old_price": old, "adjusted_price": price, "amount": row.amount}, said


def price_not_a_number() -> ProposalInvalid:
    """The refusal of an adjusted price that is no whole rupiah above 0 or not at an
    accept (422), about the form's `adjusted_price` field."""
    error = ProposalInvalid(Words(
        "harga satuan baru hanya saat menerima, bilangan bulat rupiah di atas 0 "
        "(tanpa titik atau koma)",
        "an adjusted unit price only when accepting, whole rupiah above 0"))
    error.field = "adjusted_price"  # type: ignore[attr-defined]
    return error
