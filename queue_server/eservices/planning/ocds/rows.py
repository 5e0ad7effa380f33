"""The rows of one contracting process (a work package) that its OCDS release is built
from, read in the caller's transaction: the package, its budget line and proposal, the
buyer, procurement and finance offices, the tender with its bids, the contract with its
termins and payments, and the approved monthly progress reports."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select

from queue_server.persistence.case_models import Office

from ..budgeting.models import BudgetLine
from ..controlling.models import ControllingReport
from ..delivery.models import DeliveryContract, DeliveryInvoice, DeliveryPayment, DeliveryTermin
from ..musrenbang.models import MusrenbangProposal
from ..procurement.models import ProcurementBid, ProcurementProvider, ProcurementTender
from ..project.models import ProjectPackage
from .settings import Settings


@dataclass
class Paid:
    """A payment with the termin number it paid (None: not tied to a termin)."""

    payment: DeliveryPayment
    termin: int | None


@dataclass
class Process:
    """Everything one release says, as rows."""

    package: ProjectPackage
    line: BudgetLine | None
    proposal_ref: str | None
    buyer: Office
    procurer: Office | None
    treasury: Office | None
    tender: ProcurementTender | None = None
    bids: list[tuple[ProcurementBid, ProcurementProvider]] = field(default_factory=list)
    contract: DeliveryContract | None = None
    supplier: ProcurementProvider | None = None
    termins: list[DeliveryTermin] = field(default_factory=list)
    paid: list[Paid] = field(default_factory=list)
    reports: list[ControllingReport] = field(default_factory=list)


def _office(session: Any, code: str) -> Office | None:
    return session.scalar(select(Office).where(Office.code == code))


def sealed(tender: ProcurementTender, now: datetime | None) -> bool:
    """Whether `tender`'s bids are still sealed at `now` (published, deadline not passed)."""
    return (now is not None and tender.state == "published"
            and (tender.bid_deadline is None or now <= tender.bid_deadline))


def process_of(uow: Any, package: ProjectPackage, settings: Settings,
               now: datetime | None = None) -> Process:
    """The Process of `package` as its rows now stand (in `uow`'s transaction), as the
    public may see it at `now` (UTC; None: with every bid): while a published tender's
    bid deadline has not passed, its bids are sealed — no release names or counts the
    bidders (SPSE keeps them hidden until opening; naming them invites collusion)."""
    s = uow.session
    line = s.get(BudgetLine, package.budget_line_id)
    ref = (s.scalar(select(MusrenbangProposal.ref)
                    .where(MusrenbangProposal.id == line.proposal_id))
           if line is not None and line.proposal_id is not None else None)
    process = Process(package=package, line=line, proposal_ref=ref,
                      buyer=s.get(Office, package.office_id),
                      procurer=_office(s, settings.procurement_office),
                      treasury=_office(s, settings.treasury_office))
    process.tender = s.scalar(select(ProcurementTender)
                              .where(ProcurementTender.package_id == package.id))
    if process.tender is not None and not sealed(process.tender, now):
        process.bids = [(bid, provider) for bid, provider in s.execute(
            select(ProcurementBid, ProcurementProvider)
            .join(ProcurementProvider, ProcurementProvider.id == ProcurementBid.provider_id)
            .where(ProcurementBid.tender_id == process.tender.id)
            .order_by(ProcurementBid.id)).all()]
    process.contract = s.scalar(select(DeliveryContract)
                                .where(DeliveryContract.package_id == package.id))
    if process.contract is not None:
        _delivery(s, process, process.contract)
    elif process.tender is not None and process.tender.winner_bid_id is not None:
        process.supplier = next((provider for bid, provider in process.bids
                                 if bid.id == process.tender.winner_bid_id), None)
    return process


def _delivery(s: Any, process: Process, contract: DeliveryContract) -> None:
    """The contract's supplier, termins, payments and approved progress reports."""
    process.supplier = s.get(ProcurementProvider, contract.provider_id)
    process.termins = list(s.scalars(select(DeliveryTermin)
                                     .where(DeliveryTermin.contract_id == contract.id)
                                     .order_by(DeliveryTermin.number)))
    numbers = {termin.id: termin.number for termin in process.termins}
    process.paid = [Paid(payment, numbers.get(termin_id)) for payment, termin_id in s.execute(
        select(DeliveryPayment, DeliveryInvoice.termin_id)
        .join(DeliveryInvoice, DeliveryInvoice.id == DeliveryPayment.invoice_id)
        .where(DeliveryPayment.contract_id == contract.id)
        .order_by(DeliveryPayment.id)).all()]
    process.reports = list(s.scalars(
        select(ControllingReport)
        .where(ControllingReport.contract_id == contract.id,
               ControllingReport.state == "approved")
        .order_by(ControllingReport.month)))
