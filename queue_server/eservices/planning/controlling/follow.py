"""What became of a proposal after it was accepted: its budget line, the line's work
packages, each one's procurement, contract, termins paid and latest approved progress.
A's public proposal page shows it (no person's data: providers are companies, whose
names procurement makes public)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from ..budgeting.models import BudgetLine
from ..project.models import ProjectPackage
from . import store


def _package(uow: Any, package: ProjectPackage) -> dict[str, Any]:
    """One package's chain: contract, provider, termins paid, latest approved progress."""
    contract = store.contract_of(uow, package.id)
    firm = store.provider(uow, contract.provider_id) if contract is not None else None
    count, rupiah = store.paid(uow, contract.id) if contract is not None else (0, 0)
    last = store.last_approved(uow, contract.id) if contract is not None else None
    done = package.state == "completed" or (
        contract is not None and contract.state == "handed_over")
    return {"code": package.code, "title": package.title, "value": package.value,
            "method": package.method, "state": package.state,
            "provider": firm.name if firm is not None else None,
            "contract_value": contract.value if contract is not None else None,
            "contract_state": contract.state if contract is not None else None,
            "termins_paid": count, "paid": rupiah,
            "progress": float(last.physical) if last and last.month else None,
            "progress_month": last.month if last else None,
            "completed": done}


def follow(uow: Any, proposal_id: int) -> dict[str, Any] | None:
    """The chain after the proposal `proposal_id`, None when it has not become a budget
    line. Shape: `{"budget_line": {code, title, amount, state, year}, "packages":
    [{code, title, value (rupiah), method, state, provider (name or None),
    contract_value, contract_state, termins_paid (count), paid (rupiah), progress
    (latest approved physical percent or None), progress_month ("YYYY-MM" or None),
    completed (bool)}], "completed": every package completed (False without one)}`.
    Reads inside the caller's open unit of work (`with uow:`)."""
    line = uow.session.scalar(select(BudgetLine).where(BudgetLine.proposal_id == proposal_id))
    if line is None:
        return None
    packages = uow.session.scalars(select(ProjectPackage).where(
        ProjectPackage.budget_line_id == line.id).order_by(ProjectPackage.code)).all()
    chain = [_package(uow, p) for p in packages if p.state != "cancelled"]
    return {"budget_line": {"code": line.code, "title": line.title, "amount": line.amount,
                            "state": line.state, "year": line.year},
            "packages": chain,
            "completed": bool(chain) and all(p["completed"] for p in chain)}
