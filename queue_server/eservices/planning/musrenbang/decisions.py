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

from .errors import ProposalInvalid
from .flow import WORKFLOW, city_tz, proposal, roles_on, today
from .models import MusrenbangCycle, MusrenbangProposal
from .rules import ACTION_PHASES, STEP_PHASES, amount_of, require_phase

STEP_ACTIONS = ("verify", "forum", "accept", "return", "reject")
MAX_PRICE = 10**12


def decide(uow: Any, clock: Clock, who: Principal, ref: str, action: str, comment: str = "",
           adjusted_price: int | None = None) -> MusrenbangProposal:
    """Take `action` (verify, forum, accept, return, reject) on proposal `ref`: the
    workflow decides (UnknownAction/CommentRequired 422, ActionNotAllowed 409,
    ActionForbidden 403 for an office whose step it is not), then the phase (PhaseClosed
    409). `adjusted_price` (rupiah per unit) only with accept (ProposalInvalid 422
    otherwise). Commits; returns the proposal."""
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
            if action != "accept" or not 0 < adjusted_price <= MAX_PRICE:
                raise ProposalInvalid(Words(
                    "harga satuan baru hanya saat menerima, bilangan bulat rupiah > 0",
                    "an adjusted unit price only when accepting, whole rupiah above 0"))
            row.adjusted_price = adjusted_price
            row.amount = amount_of(row.quantity, adjusted_price)
            data = {"adjusted_price": adjusted_price, "amount": row.amount}
        act(uow, clock, WORKFLOW, case, Step(action, comment=comment, data=data),
            Actor(who.actor, roles, who.id), timezone=city_tz())
        uow.commit()
    return row

