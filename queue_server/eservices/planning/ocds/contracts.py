"""The `contracts` section of a release: the contract (status, value, period, signing,
its issued documents: contract and notice to proceed SPMK), its payment stages (termin) as
financing milestones, and its implementation: payments (SP2D) as transactions, approved
monthly progress reports as milestones, the handover certificate (BAST) as a document."""

from __future__ import annotations

from typing import Any

from ..delivery.models import DeliveryContract
from .documents import document
from .ids import award_id, contract_id
from .parties import office_ref, payer, provider_ref
from .rows import Process
from .settings import Settings, moment, percent, rupiah

# Our contract states → contractStatus (closed codelist). A handed-over contract is
# `terminated` (OCDS: "in force, and has now come to a close") once nothing is left to pay.
STATES = {"award_letter": "pending", "signed": "active", "started": "active",
          "handed_over": "active", "terminated": "terminated"}


def _status(process: Process, contract: DeliveryContract) -> str:
    unpaid = any(termin.state != "paid" for termin in process.termins)
    if contract.state == "handed_over" and not unpaid:
        return "terminated"
    return STATES.get(contract.state, "pending")


def contracts(process: Process, settings: Settings) -> list[dict[str, Any]]:
    """`contracts`: none before the award letter, then the one contract."""
    contract = process.contract
    if contract is None:
        return []
    documents = []
    if contract.contract_code:
        documents.append(document(settings, contract.contract_code, "contractSigned",
                                  f"Kontrak {contract.number or ''}".strip(),
                                  contract.signed_at))
    if contract.notice_code:
        documents.append(document(settings, contract.notice_code, "contractNotice",
                                  "Surat Perintah Mulai Kerja (SPMK)", contract.started_at))
    period = None if contract.starts is None else {
        "startDate": settings.day_start(contract.starts),
        "endDate": settings.day_end(contract.ends) if contract.ends else None}
    return [{"id": contract_id(process.package.code),
             "awardID": award_id(process.package.code),
             "title": process.package.title,
             "description": f"Nomor kontrak {contract.number}" if contract.number else None,
             "status": _status(process, contract), "value": rupiah(contract.value),
             "period": period,
             "dateSigned": moment(contract.signed_at) if contract.signed_at else None,
             "documents": documents, "milestones": termins(process, settings),
             "implementation": implementation(process, settings)}]


def termins(process: Process, settings: Settings) -> list[dict[str, Any]]:
    """Each payment stage as a `financing` milestone: met once paid (the payment's
    date), due at the end of the payment plan's month for it."""
    months = {int(step.get("termin", 0)): str(step["month"])
              for step in process.package.payment_plan or [] if step.get("month")}
    paid = {item.termin: item.payment for item in process.paid if item.termin is not None}
    result = []
    for termin in process.termins:
        payment = paid.get(termin.number)
        month = months.get(termin.number)
        result.append({
            "id": f"termin-{termin.number}", "title": f"Termin {termin.number}",
            "type": "financing", "code": "termin",
            "description": (f"Pembayaran {percent(termin.percent)} nilai kontrak, "
                            f"syarat progres fisik {percent(termin.progress_needed)}"),
            "dueDate": settings.month_end(month) if month else None,
            "status": "met" if termin.state == "paid" else "scheduled",
            "dateMet": moment(payment.paid_at) if payment is not None else None,
            "value": rupiah(termin.amount)})
    return result


def implementation(process: Process, settings: Settings) -> dict[str, Any]:
    """`implementation`: the payments, the approved progress, the handover."""
    contract = process.contract
    supplier = process.supplier
    transactions = [{
        "id": f"{process.package.code}-payment-{n}",
        "source": None, "date": moment(item.payment.paid_at),
        "value": rupiah(item.payment.amount), "payer": office_ref(payer(process)),
        "payee": provider_ref(supplier) if supplier is not None else None}
        for n, item in enumerate(process.paid, start=1)]
    milestones = [{
        "id": f"progress-{report.month}", "title": f"Laporan progres {report.month}",
        "type": "reporting", "code": "physicalProgress",
        "description": (f"Progres fisik {percent(report.physical)}, keuangan "
                        f"{percent(report.financial)}"),
        "dueDate": settings.month_end(report.month), "status": "met",
        "dateMet": moment(report.decided_at or report.reported_at)}
        for report in process.reports]
    documents = []
    if contract is not None and contract.handover_code:
        documents.append(_handover(settings, contract))
    return {"transactions": transactions, "milestones": milestones, "documents": documents}


def _handover(settings: Settings, contract: DeliveryContract) -> dict[str, Any]:
    return document(settings, str(contract.handover_code), "completionCertificate",
                    "Berita Acara Serah Terima (BAST)", contract.handed_over_at)
