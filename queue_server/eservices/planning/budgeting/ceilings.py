"""Each office's budget ceiling for a year (pagu indikatif), set by the planning agency."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select

from queue_server.services.auth import Principal

from .access import office_id_of, require, who_is
from .models import BudgetOfficeCeiling


def set_ceiling(uow: Any, who: Principal, year: int, office: str, amount: int) -> int:
    """Set the office `office`'s ceiling for `year` to `amount` rupiah (created or
    replaced); the agency or the admin only (403). Returns the office's id."""
    with uow:
        caller = who_is(uow, who)
        require(caller.agency or caller.admin, "menetapkan pagu", "set ceilings")
        office_id = office_id_of(uow, office)
        row = uow.session.scalar(select(BudgetOfficeCeiling).where(
            BudgetOfficeCeiling.year == year, BudgetOfficeCeiling.office_id == office_id))
        if row is None:
            uow.session.add(BudgetOfficeCeiling(year=year, office_id=office_id, amount=amount))
        else:
            row.amount = amount
        uow.commit()
    return office_id


def ceiling_of(uow: Any, year: int, office_id: int) -> int | None:
    """The office's ceiling for `year` (rupiah), None when none is set."""
    return uow.session.scalar(select(BudgetOfficeCeiling.amount).where(
        BudgetOfficeCeiling.year == year, BudgetOfficeCeiling.office_id == office_id))


def listed(uow: Any, who: Principal, year: int) -> list[dict[str, Any]]:
    """The ceilings of `year` the caller reads (its offices'; the agency and admin: all),
    each `{office, office_name, amount}`."""
    with uow:
        caller = who_is(uow, who)
        rows: Sequence[BudgetOfficeCeiling] = uow.session.scalars(select(
            BudgetOfficeCeiling).where(BudgetOfficeCeiling.year == year)).all()
        out = []
        for row in rows:
            if caller.reads(row.office_id):
                office = uow.offices.by_id(row.office_id)
                out.append({"office": office.code, "office_name": office.name,
                            "amount": row.amount})
        return sorted(out, key=lambda r: r["office"])
