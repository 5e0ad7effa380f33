"""Budget lines and budgetable proposals as the API and pages show them (no personal
data: a proposal carries its ref, item, location and amount only)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from queue_server.persistence.case_models import Case
from queue_server.services.auth import Principal

from ..musrenbang.models import MusrenbangItem, MusrenbangProposal
from ..project.models import ProjectPackage
from .access import office_id_of, require, who_is
from .decisions import MAX_ID
from .errors import LineNotFound
from .lines import READY_STATE
from .models import BudgetLine, BudgetStandardCost


def packaged(uow: Any, line_id: int) -> int:
    """Rupiah of the line's packages that are not cancelled."""
    return int(uow.session.scalar(select(func.coalesce(func.sum(ProjectPackage.value), 0))
                                  .where(ProjectPackage.budget_line_id == line_id,
                                         ProjectPackage.state != "cancelled")))


def line_view(uow: Any, line: BudgetLine) -> dict[str, Any]:
    """One line: id, year, account code, office (code and name), title, source, proposal
    ref, standard cost code, quantity (float), unit price, amount, packaged and left
    (rupiah), flags, reason, state."""
    office = uow.offices.by_id(line.office_id)
    proposal = uow.session.get(MusrenbangProposal, line.proposal_id) if line.proposal_id \
        else None
    standard = uow.session.get(BudgetStandardCost, line.standard_cost_id) \
        if line.standard_cost_id else None
    used = packaged(uow, line.id)
    return {"id": line.id, "year": line.year, "code": line.code, "office": office.code,
            "office_name": office.name, "title": line.title, "source": line.source,
            "proposal": proposal.ref if proposal else None,
            "standard_cost": standard.code if standard else None,
            "quantity": float(line.quantity), "unit_price": line.unit_price,
            "amount": line.amount, "packaged": used, "left": line.amount - used,
            "flags": list(line.flags or []), "reason": line.reason, "state": line.state}


def lines(uow: Any, who: Principal, year: int | None = None, office: str = "",
          state: str = "") -> list[dict[str, Any]]:
    """The lines the caller reads (its offices'; the agency and admin: all), filtered by
    year, office code and state; asking for another office's is 403."""
    with uow:
        caller = who_is(uow, who)
        q = select(BudgetLine).order_by(BudgetLine.year, BudgetLine.office_id, BudgetLine.id)
        if office:
            office_id = office_id_of(uow, office)
            require(caller.reads(office_id), "membaca anggaran kantor lain",
                    "read another office's budget")
            q = q.where(BudgetLine.office_id == office_id)
        elif not (caller.agency or caller.admin):
            q = q.where(BudgetLine.office_id.in_(list(caller.offices) or [0]))
        if year is not None:
            q = q.where(BudgetLine.year == year)
        if state:
            q = q.where(BudgetLine.state == state)
        return [line_view(uow, line) for line in uow.session.scalars(q)]


def one(uow: Any, who: Principal, line_id: int) -> dict[str, Any]:
    """One line; 404 when there is none, 403 for another office's."""
    with uow:
        line = uow.session.get(BudgetLine, line_id) if 0 < line_id <= MAX_ID else None
        if line is None:
            raise LineNotFound(line_id)
        require(who_is(uow, who).reads(line.office_id), "membaca anggaran kantor lain",
                "read another office's budget")
        return line_view(uow, line)


def ready_proposals(uow: Any, who: Principal, office: str) -> list[dict[str, Any]]:
    """The office's accepted, within-ceiling proposals with no line yet: ref, item,
    location, quantity, unit price (adjusted if the office adjusted it), amount."""
    with uow:
        office_id = office_id_of(uow, office)
        require(who_is(uow, who).reads(office_id), "membaca usulan kantor lain",
                "read another office's proposals")
        q = (select(MusrenbangProposal, MusrenbangItem.name)
             .join(Case, Case.id == MusrenbangProposal.case_id)
             .join(MusrenbangItem, MusrenbangItem.id == MusrenbangProposal.item_id)
             .outerjoin(BudgetLine, BudgetLine.proposal_id == MusrenbangProposal.id)
             .where(MusrenbangProposal.office_id == office_id, Case.state == READY_STATE,
                    MusrenbangProposal.within_ceiling.is_(True), BudgetLine.id.is_(None))
             .order_by(MusrenbangProposal.rank, MusrenbangProposal.id))
        return [{"ref": p.ref, "item": name, "location": p.location,
                 "quantity": float(p.quantity), "unit_price": p.adjusted_price or p.unit_price,
                 "amount": p.amount} for p, name in uow.session.execute(q)]

