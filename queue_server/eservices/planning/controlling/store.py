"""e-Controlling's reads and writes through the unit of work's ORM session, and the rows
of the parts before it it reads (packages, contracts, providers, payments)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, or_, select

from ..delivery.models import DeliveryContract, DeliveryPayment, DeliveryTermin
from ..procurement.models import ProcurementProvider
from ..project.models import ProjectPackage
from .models import ControllingPhoto, ControllingReport
from .rules import Last

# The largest id a database row has (a signed 64-bit integer): a larger one in an address
# names no row (and SQLite cannot bind it).
MAX_ID = 2**63 - 1


def fits(row_id: int) -> bool:
    """Whether `row_id` can be a row's id."""
    return 0 < row_id <= MAX_ID


def add(uow: Any, row: Any) -> Any:
    """Add `row` to the session and flush it (its id set). Returns it."""
    uow.session.add(row)
    uow.session.flush()
    return row


def contract(uow: Any, contract_id: int, lock: bool = False) -> DeliveryContract | None:
    """The contract `contract_id` (its row locked for update when `lock`)."""
    if not fits(contract_id):
        return None
    query = select(DeliveryContract).where(DeliveryContract.id == contract_id)
    return uow.session.scalar(query.with_for_update() if lock else query)


def contract_of(uow: Any, package_id: int) -> DeliveryContract | None:
    """The package's contract, None before one."""
    return uow.session.scalar(select(DeliveryContract)
                              .where(DeliveryContract.package_id == package_id))


def package(uow: Any, package_id: int) -> ProjectPackage | None:
    """The package by id."""
    return uow.session.get(ProjectPackage, package_id)


def package_by_code(uow: Any, code: str) -> ProjectPackage | None:
    """The package by its public code (e.g. PKT-2026-0001)."""
    return uow.session.scalar(select(ProjectPackage).where(ProjectPackage.code == code))


def provider(uow: Any, provider_id: int) -> ProcurementProvider | None:
    """The provider by id."""
    return uow.session.get(ProcurementProvider, provider_id)


def report(uow: Any, report_id: int) -> ControllingReport | None:
    """The report by id."""
    return uow.session.get(ControllingReport, report_id) if fits(report_id) else None


def photo(uow: Any, photo_id: int) -> ControllingPhoto | None:
    """The photo row by id."""
    return uow.session.get(ControllingPhoto, photo_id) if fits(photo_id) else None


def report_of(uow: Any, contract_id: int, month: str) -> ControllingReport | None:
    """The contract's report of `month`, if any."""
    return uow.session.scalar(select(ControllingReport).where(
        ControllingReport.contract_id == contract_id, ControllingReport.month == month))


def reports(uow: Any, contract_id: int, approved_only: bool = False
            ) -> Sequence[ControllingReport]:
    """The contract's reports, oldest month first (approved ones only when asked)."""
    query = select(ControllingReport).where(ControllingReport.contract_id == contract_id)
    if approved_only:
        query = query.where(ControllingReport.state == "approved")
    return uow.session.scalars(query.order_by(ControllingReport.month)).all()


def last_approved(uow: Any, contract_id: int) -> Last:
    """The contract's latest approved report as a rules.Last (empty when none)."""
    row = uow.session.scalar(
        select(ControllingReport).where(ControllingReport.contract_id == contract_id,
                                        ControllingReport.state == "approved")
        .order_by(ControllingReport.month.desc()).limit(1))
    if row is None:
        return Last()
    return Last(row.month, row.physical, row.financial, row.spent)


def photos(uow: Any, report_id: int) -> Sequence[ControllingPhoto]:
    """The report's photos in the order they were sent."""
    return uow.session.scalars(select(ControllingPhoto).where(
        ControllingPhoto.report_id == report_id).order_by(ControllingPhoto.id)).all()


def drop_photos(uow: Any, report_id: int) -> None:
    """Forget the report's photo rows (a resend replaces them)."""
    for row in photos(uow, report_id):
        uow.session.delete(row)
    uow.session.flush()


def paid(uow: Any, contract_id: int) -> tuple[int, int]:
    """(number of termins paid, rupiah paid) of the contract."""
    count = uow.session.scalar(select(func.count()).select_from(DeliveryTermin).where(
        DeliveryTermin.contract_id == contract_id, DeliveryTermin.state == "paid")) or 0
    total = uow.session.scalar(select(func.coalesce(func.sum(DeliveryPayment.amount), 0))
                               .where(DeliveryPayment.contract_id == contract_id)) or 0
    return int(count), int(total)


def contracted(uow: Any, office_ids: list[int] | None
               ) -> Sequence[tuple[ProjectPackage, DeliveryContract]]:
    """Every package with a contract, by code: of `office_ids` (the package's office or
    its contract's provider's; None: every office)."""
    query = (select(ProjectPackage, DeliveryContract)
             .join(DeliveryContract, DeliveryContract.package_id == ProjectPackage.id)
             .join(ProcurementProvider, ProcurementProvider.id == DeliveryContract.provider_id))
    if office_ids is not None:
        query = query.where(or_(ProjectPackage.office_id.in_(office_ids),
                                ProcurementProvider.office_id.in_(office_ids)))
    return [(p, c) for p, c in uow.session.execute(query.order_by(ProjectPackage.code))]
