"""Invoices and payments of a contract's termins: the provider invoices a termin once the
approved physical progress reached what it needs; the PPK approves or rejects (with a
reason); the finance agency (BPKAD) records the payment with its SP2D reference. Payments
never add up to more than the contract's value: the contract's row is locked while one
is recorded (PostgreSQL: SELECT … FOR UPDATE; SQLite: one writer at a time), and the
invoice is read again under that lock."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from queue_server.services.auth import Principal
from queue_server.services.ports import Clock

from ..procurement import store
from ..procurement.access import require_finance, require_ppk, require_provider
from ..procurement.errors import ProcurementForbidden
from .contracts import approved_progress, contract_of
from .errors import (
    InvoiceNotFound,
    PaymentAboveValue,
    ProgressTooLow,
    ReasonRequired,
    ReferenceRequired,
    TerminNotFound,
    TerminNotOpen,
    WrongContractState,
    WrongInvoiceState,
)
from .models import DeliveryContract, DeliveryInvoice, DeliveryPayment, DeliveryTermin

WORKING = ("signed", "started", "handed_over")


def invoice(uow: Any, clock: Clock, who: Principal, code: str, number: int,
            invoice_number: str) -> DeliveryInvoice:
    """The contract's provider invoices termin `number` (TerminNotFound 404,
    TerminNotOpen 409) once the approved physical progress reached its
    `progress_needed` (ProgressTooLow 409); the amount is the termin's. Another
    provider's people: ProcurementForbidden 403. Commits."""
    with uow:
        package = store.package(uow, code)
        row = contract_of(uow, package.id, code, lock=True)
        provider = require_provider(uow, who, "menagih", "invoice")
        if provider.id != row.provider_id:
            raise ProcurementForbidden("menagih kontrak penyedia lain",
                                       "invoice another provider's contract")
        if row.state not in WORKING:
            raise WrongContractState(code, row.state, "ditagih", "be invoiced")
        termin = uow.session.scalar(select(DeliveryTermin).where(
            DeliveryTermin.contract_id == row.id, DeliveryTermin.number == number))
        if termin is None:
            raise TerminNotFound(number)
        if termin.state != "planned":
            raise TerminNotOpen(number)
        done = approved_progress(uow, row.id)
        if done < termin.progress_needed:
            raise ProgressTooLow(f"{done:.2f}", f"{termin.progress_needed:.2f}",
                                 f"termin {number}", f"termin {number}")
        made = DeliveryInvoice(contract_id=row.id, termin_id=termin.id,
                               number=invoice_number.strip()[:60], amount=termin.amount,
                               submitted_at=clock.now(), state="submitted")
        uow.session.add(made)
        termin.state = "invoiced"
        store.released(uow, clock, package.id, "implementation")
        uow.commit()
    return made


def _invoice(uow: Any, code: str, invoice_id: int) -> tuple[Any, DeliveryContract, DeliveryInvoice]:
    """(package, contract locked, invoice read again under the lock) of `invoice_id`
    on package `code` (InvoiceNotFound 404)."""
    package = store.package(uow, code)
    row = contract_of(uow, package.id, code, lock=True)
    found = uow.session.scalar(
        select(DeliveryInvoice).where(DeliveryInvoice.id == invoice_id,
                                      DeliveryInvoice.contract_id == row.id)
        .execution_options(populate_existing=True))
    if found is None:
        raise InvoiceNotFound(invoice_id)
    return package, row, found


def decide(uow: Any, clock: Clock, who: Principal, code: str, invoice_id: int,
           approve: bool, reason: str) -> DeliveryInvoice:
    """The PPK approves a submitted invoice or rejects it with a reason
    (ReasonRequired 422); a rejected invoice's termin may be invoiced again. Commits."""
    with uow:
        package, _row, found = _invoice(uow, code, invoice_id)
        require_ppk(uow, who, package.office_id, "memutus tagihan", "decide invoices")
        if found.state != "submitted":
            raise WrongInvoiceState(invoice_id, found.state, "diputus", "be decided")
        if not approve and not reason.strip():
            raise ReasonRequired()
        found.state = "approved" if approve else "rejected"
        found.reason, found.decided_at, found.decided_by = reason.strip(), clock.now(), who.id
        if not approve:
            termin = uow.session.get(DeliveryTermin, found.termin_id)
            termin.state = "planned"
        uow.commit()
    return found


def paid_total(uow: Any, contract_id: int) -> int:
    """Rupiah paid on the contract so far."""
    return int(uow.session.scalar(select(func.coalesce(func.sum(DeliveryPayment.amount), 0))
                                  .where(DeliveryPayment.contract_id == contract_id)) or 0)


def pay(uow: Any, clock: Clock, who: Principal, code: str, invoice_id: int,
        reference: str) -> DeliveryPayment:
    """BPKAD records the payment of an approved invoice (WrongInvoiceState 409
    otherwise: a second payment of the same invoice too) with its SP2D `reference`;
    never above what is left of the contract's value (PaymentAboveValue 409), the
    contract's row locked meanwhile. The invoice and its termin become `paid`; an
    `implementation` release. Commits."""
    with uow:
        require_finance(uow, who, "mencatat pembayaran", "record payments")
        package, row, found = _invoice(uow, code, invoice_id)
        if found.state != "approved":
            raise WrongInvoiceState(invoice_id, found.state, "dibayar", "be paid")
        if not reference.strip():
            raise ReferenceRequired()
        left = row.value - paid_total(uow, row.id)
        if found.amount > left:
            raise PaymentAboveValue(found.amount, left, row.value)
        made = DeliveryPayment(contract_id=row.id, invoice_id=found.id, amount=found.amount,
                               paid_at=clock.now(), reference=reference.strip()[:60],
                               recorded_by=who.id)
        uow.session.add(made)
        found.state = "paid"
        uow.session.get(DeliveryTermin, found.termin_id).state = "paid"
        store.bump(row)
        store.released(uow, clock, package.id, "implementation")
        uow.commit()
    return made
