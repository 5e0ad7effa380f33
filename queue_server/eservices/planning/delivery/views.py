"""What delivery's readers see (JSON-ready dicts): the contracts the caller may read (the
admin and BPKAD all; an office's people their office's; a provider's people theirs) and
one contract with its steps, documents, termins, invoices and payments. Also the
"document_access" rule: the provider's people read their contract's documents."""

from __future__ import annotations

from typing import Any

from sqlalchemy import or_, select

from queue_server.services.auth import Principal
from queue_server.services.port_documents import DocumentRow

from ..procurement import store
from ..procurement.access import FINANCE_OFFICE, is_admin, member_of_code, provider_of, roles
from ..procurement.errors import ProcurementForbidden
from ..project.models import ProjectPackage
from .contracts import approved_progress, contract_of
from .models import DeliveryContract, DeliveryInvoice, DeliveryPayment, DeliveryTermin
from .payments import paid_total


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def may_read(uow: Any, who: Principal | None, row: DeliveryContract,
             package: ProjectPackage) -> bool:
    """The admin, BPKAD, the package office's people and the contract's provider."""
    if who is None or who.kind != "staff":
        return False
    if is_admin(who) or member_of_code(uow, who, FINANCE_OFFICE):
        return True
    if package.office_id in roles(uow, who):
        return True
    mine = provider_of(uow, who)
    return mine is not None and mine.id == row.provider_id


def summary(uow: Any, row: DeliveryContract, package: ProjectPackage) -> dict[str, Any]:
    """A contract as lists show it."""
    return {"package_code": package.code, "title": package.title, "ocid": package.ocid,
            "number": row.number, "provider": store.provider(uow, row.provider_id).name,
            "value": row.value, "state": row.state, "starts": _iso(row.starts),
            "ends": _iso(row.ends), "paid": paid_total(uow, row.id), "version": row.version}


def listing(uow: Any, who: Principal) -> list[dict[str, Any]]:
    """The contracts the caller may read, newest first."""
    rows = uow.session.execute(
        select(DeliveryContract, ProjectPackage)
        .join(ProjectPackage, ProjectPackage.id == DeliveryContract.package_id)
        .order_by(DeliveryContract.id.desc())).all()
    return [summary(uow, c, p) for c, p in rows if may_read(uow, who, c, p)]


def detail(uow: Any, who: Principal, code: str) -> dict[str, Any]:
    """One contract (ProcurementForbidden 403 for a caller who may not read it)."""
    package = store.package(uow, code)
    row = contract_of(uow, package.id, code)
    if not may_read(uow, who, row, package):
        raise ProcurementForbidden("membaca kontrak ini", "read this contract")
    steps = [{"step": step, "at": _iso(at), "document_code": document}
             for step, at, document in (
                 ("award_letter", row.award_letter_at, row.award_letter_code),
                 ("contract", row.signed_at, row.contract_code),
                 ("notice", row.started_at, row.notice_code),
                 ("handover", row.handed_over_at, row.handover_code))]
    termins = uow.session.scalars(select(DeliveryTermin).where(
        DeliveryTermin.contract_id == row.id).order_by(DeliveryTermin.number)).all()
    invoices = uow.session.scalars(select(DeliveryInvoice).where(
        DeliveryInvoice.contract_id == row.id).order_by(DeliveryInvoice.id)).all()
    payments = uow.session.scalars(select(DeliveryPayment).where(
        DeliveryPayment.contract_id == row.id).order_by(DeliveryPayment.id)).all()
    by_id = {t.id: t.number for t in termins}
    return {**summary(uow, row, package), "steps": steps,
            "progress": float(approved_progress(uow, row.id)),
            "termins": [{"number": t.number, "percent": float(t.percent), "amount": t.amount,
                         "progress_needed": float(t.progress_needed), "state": t.state}
                        for t in termins],
            "invoices": [{"id": i.id, "termin": by_id.get(i.termin_id), "number": i.number,
                          "amount": i.amount, "state": i.state, "reason": i.reason,
                          "submitted_at": _iso(i.submitted_at)} for i in invoices],
            "payments": [{"invoice": p.invoice_id, "amount": p.amount,
                          "paid_at": _iso(p.paid_at), "reference": p.reference}
                         for p in payments]}


def may_read_document(uow: Any, who: Principal | None, row: DocumentRow) -> bool | None:
    """The "document_access" hook: a contract's document (award letter, contract,
    notice, handover) is read by whoever may read the contract (its provider's people
    too); None for any other document (the core's rule)."""
    found = uow.session.scalar(select(DeliveryContract).where(or_(
        DeliveryContract.award_letter_code == row.code,
        DeliveryContract.contract_code == row.code,
        DeliveryContract.notice_code == row.code,
        DeliveryContract.handover_code == row.code)))
    if found is None:
        return None
    package = uow.session.get(ProjectPackage, found.package_id)
    return True if may_read(uow, who, found, package) else None
