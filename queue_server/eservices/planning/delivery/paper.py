"""The contract's documents, each a signed PDF with the verification QR
(services.documents.issue, module `planning`): the award letter (SPPBJ), the contract,
the notice to proceed (SPMK), the handover (BAST). Numbers are gap-free per office and
year and kind (services.numbering), in the pattern of Permendagri 83/2022; what
each says: paper_facts."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from queue_server.pdf import Layout, render
from queue_server.services import documents
from queue_server.services.auth import Principal
from queue_server.services.numbering import letter_number, next_in
from queue_server.services.port_documents import DocumentStore, Signer
from queue_server.services.ports import Clock

from .. import MODULE
from ..procurement.models import ProcurementProvider
from ..procurement.store import tender_of, today
from ..project.models import ProjectPackage
from .models import DeliveryContract
from .paper_facts import PPK, WRITERS, Story, day_words

# kind → (classification code, the kind's mark in its number, title as printed)
KINDS = {
    "award_letter": ("027", "SPPBJ", "SURAT PENUNJUKAN PENYEDIA BARANG/JASA (SPPBJ)"),
    "contract": ("027", "KONTRAK", "SURAT PERJANJIAN (KONTRAK)"),
    "notice": ("027", "SPMK", "SURAT PERINTAH MULAI KERJA (SPMK)"),
    "handover": ("027", "BAST", "BERITA ACARA SERAH TERIMA PEKERJAAN (BAST)"),
}


@dataclass(frozen=True)
class Paper:
    """Where documents go: the signer, the store, the public base URL of the QR."""

    signer: Signer
    store: DocumentStore
    base_url: str


def number_of(uow: Any, kind: str, office: Any, year: int) -> str:
    """The next number of `kind` for the package's office:
    `027/{MARK}/{seq}/{OFFICE}/{year}` (e.g. `027/SPMK/3/DSDABM/2026`): one gap-free
    sequence per kind, office and year (services.numbering, scope `planning-{kind}`),
    so no two of the chain's documents share a number."""
    seq = next_in(uow, f"planning-{kind}", office.id, year)
    classification, mark, _title = KINDS[kind]
    return letter_number(f"{classification}/{mark}", seq, office.code.upper(), year)


def issue(uow: Any, clock: Clock, paper: Paper, who: Principal, kind: str,
          contract: DeliveryContract, package: ProjectPackage,
          provider: ProcurementProvider, number: str | None = None,
          progress: Decimal | None = None) -> tuple[str, str]:
    """Issue the `kind` document of `contract`, signed by the caller (the PPK), saying
    what that kind says (paper_facts.WRITERS); its facts but the PPK's name are public
    on /v/{code}; `number` given (the contract's, taken first), else the next of `kind`;
    `progress` the approved physical progress (percent, the handover's). Returns (code,
    number). SigningUnavailable 503 (the caller's transaction rolls back)."""
    office = uow.offices.by_id(package.office_id)
    day = today(clock)
    number = number or number_of(uow, kind, office, day.year)
    code = documents.new_code(uow)
    user = uow.staff.user(who.id) if who.kind == "staff" else None
    ppk = (user.full_name or user.username) if user else who.name
    fields, paragraphs = WRITERS[kind](Story(
        contract, package, provider, tender_of(uow, package.id), ppk, office.name, day,
        contract.number, _number_of_document(uow, contract.award_letter_code), progress))
    title = KINDS[kind][2]
    layout = Layout(office=office.name, title=title,
                    verify_url=documents.verify_url(paper.base_url, code), number=number,
                    fields=fields, paragraphs=paragraphs, place_date=f"Surabaya, {day_words(day)}",
                    signer_title=f"Pejabat Pembuat Komitmen {office.name}", signer_name=ppk)
    facts = tuple(pair for pair in fields if pair[0] != PPK)
    documents.issue(uow, clock, paper.signer, paper.store, documents.Issue(
        MODULE, kind, f"{title} {number}", office.name, office_id=office.id, number=number,
        reason=f"{title} paket {package.code}", facts=facts), code, render(layout))
    return code, number


def _number_of_document(uow: Any, code: str | None) -> str | None:
    """The printed number of the issued document `code` (None for none)."""
    found = uow.documents.by_code(code) if code else None
    return found.number if found is not None else None
