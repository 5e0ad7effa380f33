"""One OCDS 1.1.5 release of a contracting process, built from its rows (rows.Process):
`planning` (the budget line), `tender` (the package and its procurement), `awards`, and
`contracts` (contracts.py). The mapping is documented in docs/ocds.md."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from .contracts import contracts
from .documents import document
from .ids import award_id
from .parties import office_ref, parties, procuring_entity, provider_id, provider_ref
from .rows import Process
from .settings import Settings, compact, moment, rupiah

# Our procurement methods → OCDS procurementMethod (closed codelist) and the details in
# Indonesian (the names of Perpres 12/2021: tender, pengadaan langsung, e-purchasing).
METHODS = {"tender": ("open", "Tender"), "direct": ("direct", "Pengadaan Langsung"),
           "e_purchasing": ("limited", "E-purchasing")}
# Package categories → mainProcurementCategory (consulting services are services).
CATEGORIES = {"works": "works", "goods": "goods", "services": "services",
              "consulting": "services"}
# The tender's state, then the package's, → tender.status (tenderStatus codelist).
TENDER_STATES = {"draft": "planned", "published": "active", "evaluation": "active",
                 "awarded": "complete", "cancelled": "cancelled", "failed": "unsuccessful"}
PACKAGE_STATES = {"draft": "planning", "planned": "planned", "cancelled": "cancelled"}


def content(process: Process, settings: Settings) -> dict[str, Any]:
    """The release without its `ocid`, `id`, `date` and `tag`: what publish compares to
    tell a change from a repeat."""
    return compact({"initiationType": "tender", "language": "id",
                    "parties": parties(process), "buyer": office_ref(process.buyer),
                    "planning": planning(process, settings),
                    "tender": tender(process, settings),
                    "awards": awards(process, settings),
                    "contracts": contracts(process, settings)})


def release(process: Process, settings: Settings, release_id: str, when: datetime,
            tags: Sequence[str]) -> dict[str, Any]:
    """The whole release: `ocid` (the package's), `id` `release_id`, `date` `when`
    (UTC), `tag` `tags`, then content()."""
    return {"ocid": process.package.ocid, "id": release_id, "date": moment(when),
            "tag": list(tags), **content(process, settings)}


def planning(process: Process, settings: Settings) -> dict[str, Any]:
    """`planning`: the budget line (account code, title, amount), the package as the
    project, the musrenbang proposal as the rationale, the approval and works schedule
    as milestones."""
    package, line = process.package, process.line
    budget = None if line is None else {
        "id": line.code, "description": line.title, "amount": rupiah(line.amount),
        "project": package.title, "projectID": package.code}
    approved = line is not None and line.state == "approved"
    handed = process.contract is not None and process.contract.handed_over_at is not None
    milestones = [
        {"id": "budget-approval", "title": "Persetujuan baris anggaran", "type": "approval",
         "status": "met" if approved else "scheduled",
         "dateMet": moment(line.approved_at) if approved and line and line.approved_at
         else None},
        {"id": "works-completion", "title": "Rencana selesai pekerjaan", "type": "delivery",
         "dueDate": settings.day_end(package.ends), "status": "met" if handed else "scheduled",
         "dateMet": moment(process.contract.handed_over_at)
         if handed and process.contract and process.contract.handed_over_at else None}]
    rationale = (f"Usulan Musrenbang {process.proposal_ref}" if process.proposal_ref
                 else "Program kerja perangkat daerah")
    return {"rationale": rationale, "budget": budget, "milestones": milestones}


def _status(process: Process) -> str:
    if process.package.state == "cancelled":
        return "cancelled"
    if process.tender is not None:
        return TENDER_STATES.get(process.tender.state, "planned")
    return PACKAGE_STATES.get(process.package.state, "planned")


def tender(process: Process, settings: Settings) -> dict[str, Any]:
    """`tender`: the package (title, value: the owner's estimate HPS, category, method)
    and, once procured, its periods and tenderers."""
    package, row = process.package, process.tender
    method = row.method if row is not None else package.method
    code, details = METHODS.get(method, (None, method))
    entity = procuring_entity(process)
    body: dict[str, Any] = {
        "id": row.code if row is not None else package.code, "title": package.title,
        "status": _status(process), "procuringEntity": office_ref(entity),
        "value": rupiah(row.value if row is not None else package.value),
        "procurementMethod": code, "procurementMethodDetails": details,
        "mainProcurementCategory": CATEGORIES.get(package.category),
        "contractPeriod": {"startDate": settings.day_start(package.starts),
                           "endDate": settings.day_end(package.ends)}}
    if row is not None and row.published_at is not None:
        body["datePublished"] = moment(row.published_at)
        body["tenderPeriod"] = {"startDate": moment(row.published_at),
                                "endDate": moment(row.bid_deadline) if row.bid_deadline
                                else None}
        body["awardPeriod"] = {"startDate": moment(row.bid_deadline) if row.bid_deadline
                               else None,
                               "endDate": moment(row.awarded_at) if row.awarded_at else None}
    if row is not None and process.bids:
        tenderers = {provider_id(provider): provider_ref(provider)
                     for _bid, provider in process.bids}
        body["tenderers"] = list(tenderers.values())
        body["numberOfTenderers"] = len(tenderers)
    return body


def awards(process: Process, settings: Settings) -> list[dict[str, Any]]:
    """`awards`: one, once the tender is awarded or a contract exists (direct
    procurement): the winning offer's value, the supplier, the award letter (SPPBJ)."""
    row, contract, supplier = process.tender, process.contract, process.supplier
    awarded = row is not None and row.state == "awarded"
    if supplier is None or not (awarded or contract is not None):
        return []
    winning = next((bid for bid, _p in process.bids
                    if row is not None and bid.id == row.winner_bid_id), None)
    when = (row.awarded_at if row is not None and row.awarded_at
            else contract.award_letter_at if contract is not None else None)
    value = winning.amount if winning is not None else contract.value if contract else None
    documents = []
    if contract is not None and contract.award_letter_code:
        documents.append(document(settings, contract.award_letter_code, "awardNotice",
                                  "Surat Penunjukan Penyedia Barang/Jasa (SPPBJ)",
                                  contract.award_letter_at))
    return [{"id": award_id(process.package.code), "title": process.package.title,
             "status": "active",
             "date": moment(when) if when else None,
             "value": rupiah(value) if value is not None else None,
             "suppliers": [provider_ref(supplier)], "documents": documents}]
