"""Budget lines: made by an office from an accepted, within-ceiling musrenbang proposal
of an item it is responsible for, or from its own programme; priced from the proposal's
(adjusted) price or a standard cost; flagged over the standard price or the office's
ceiling; approved or rejected by the planning agency (a flagged line only with a reason)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select

from queue_server.persistence.case_models import Case
from queue_server.services.auth import Principal
from queue_server.services.ports import Clock

from ..musrenbang.models import MusrenbangCycle, MusrenbangItem, MusrenbangProposal
from .access import LINE_ROLES, office_id_of, require, who_is
from .ceilings import ceiling_of
from .errors import (
    LineInputInvalid,
    ProposalBudgeted,
    ProposalNotFound,
    ProposalNotReady,
    StandardCostNotFound,
)
from .models import BudgetLine, BudgetStandardCost
from .rules import MAX_RUPIAH, account_code, amount_of, flags_of

READY_STATE = "accepted"  # the proposal case's state once the office accepted it


@dataclass(frozen=True)
class NewLine:
    """What a caller asks for: `office` (code), `code` (account code), and either
    `proposal` (its ref) or a programme's `title`, `year`, `standard_cost` (code) and
    `quantity`; `unit_price` overrides the standard cost's price (flagged if above)."""

    office: str
    code: str
    proposal: str = ""
    title: str = ""
    year: int | None = None
    standard_cost: str = ""
    quantity: Decimal | None = None
    unit_price: int | None = None


def _standard(uow: Any, year: int, code: str) -> BudgetStandardCost | None:
    if not code:
        return None
    cost = uow.session.scalar(select(BudgetStandardCost).where(
        BudgetStandardCost.year == year, BudgetStandardCost.code == code))
    if cost is None:
        raise StandardCostNotFound(code, year)
    return cost


def _from_proposal(uow: Any, office_id: int, ask: NewLine) -> dict[str, Any]:
    proposal = uow.session.scalar(select(MusrenbangProposal).where(
        MusrenbangProposal.ref == ask.proposal).with_for_update())
    if proposal is None:
        raise ProposalNotFound(ask.proposal)
    case = uow.session.get(Case, proposal.case_id)
    require(proposal.office_id == office_id, "menganggarkan usulan kantor lain",
            "budget another office's proposal")
    if case is None or case.state != READY_STATE or not proposal.within_ceiling:
        raise ProposalNotReady(ask.proposal)
    taken = uow.session.scalar(select(BudgetLine).where(BudgetLine.proposal_id == proposal.id))
    if taken is not None:
        raise ProposalBudgeted(ask.proposal, taken.code)
    year = uow.session.scalar(select(MusrenbangCycle.year).where(
        MusrenbangCycle.id == proposal.cycle_id))
    item = uow.session.get(MusrenbangItem, proposal.item_id)
    price = proposal.adjusted_price or proposal.unit_price
    return {"year": year, "source": "musrenbang", "proposal_id": proposal.id,
            "title": ask.title or f"{item.name if item else ''} - {proposal.location}"[:300],
            "quantity": Decimal(proposal.quantity), "unit_price": price,
            "standard": _standard(uow, year, ask.standard_cost)}


def _from_programme(uow: Any, ask: NewLine) -> dict[str, Any]:
    if not ask.title.strip() or ask.year is None or ask.quantity is None:
        raise LineInputInvalid("judul, tahun dan volume wajib untuk program",
                               "a programme line needs a title, a year and a quantity")
    if not ask.standard_cost:
        raise LineInputInvalid("pilih standar harga", "choose a standard cost")
    standard = _standard(uow, ask.year, ask.standard_cost)
    assert standard is not None
    return {"year": ask.year, "source": "programme", "proposal_id": None,
            "title": ask.title.strip(), "quantity": ask.quantity,
            "unit_price": ask.unit_price or standard.price, "standard": standard}


def office_total(uow: Any, year: int, office_id: int, leave_out: int | None = None) -> int:
    """Rupiah of the office's draft and approved lines of `year` (without `leave_out`)."""
    q = select(func.coalesce(func.sum(BudgetLine.amount), 0)).where(
        BudgetLine.year == year, BudgetLine.office_id == office_id,
        BudgetLine.state.in_(("draft", "approved")))
    if leave_out is not None:
        q = q.where(BudgetLine.id != leave_out)
    return int(uow.session.scalar(q))


def line_flags(uow: Any, line: BudgetLine) -> list[str]:
    """The line's flags as things stand now (rules.flags_of over the stored rows)."""
    standard = uow.session.get(BudgetStandardCost, line.standard_cost_id) \
        if line.standard_cost_id else None
    total = office_total(uow, line.year, line.office_id, line.id) + line.amount
    return flags_of(line.unit_price, standard.price if standard else None, total,
                    ceiling_of(uow, line.year, line.office_id))


def create(uow: Any, clock: Clock, who: Principal, ask: NewLine) -> int:
    """Make a draft line for the caller's office (its staff or head; other offices 403);
    a proposal becomes at most one line (409). Returns the line's id."""
    with uow:
        office_id = office_id_of(uow, ask.office)
        require(who_is(uow, who).acts_for(office_id, LINE_ROLES),
                "membuat anggaran kantor ini", "make this office's budget lines")
        code = account_code(ask.code)
        found = _from_proposal(uow, office_id, ask) if ask.proposal \
            else _from_programme(uow, ask)
        standard = found.pop("standard")
        amount = amount_of(found["quantity"], found["unit_price"])
        if found["quantity"] <= 0 or amount > MAX_RUPIAH:
            raise LineInputInvalid("volume harus di atas nol dan pagu tidak lebih dari "
                                   "Rp 1.000 triliun", "the quantity must be above zero "
                                   "and the amount at most Rp 1,000 trillion")
        line = BudgetLine(code=code, office_id=office_id, created_at=clock.now(),
                          created_by=who.id, standard_cost_id=standard.id if standard else None,
                          amount=amount, flags=[], state="draft", reason="", extra={},
                          **found)
        uow.session.add(line)
        uow.session.flush()
        line.flags = line_flags(uow, line)
        uow.commit()
        return int(line.id)
