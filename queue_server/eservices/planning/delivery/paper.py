"""The contract's documents, each a signed PDF with the verification QR
(services.documents.issue, module `planning`): the award letter (SPPBJ), the contract,
the notice to proceed (SPMK), the handover (BAST). Numbers are gap-free per office and
year (services.numbering), in the pattern of Permendagri 83/2022."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from queue_server.domain.dates import MONTHS
from queue_server.domain.texts import text
from queue_server.pdf import Layout, render
from queue_server.services import documents
from queue_server.services.auth import Principal
from queue_server.services.numbering import letter_number, next_in
from queue_server.services.port_documents import DocumentStore, Signer
from queue_server.services.ports import Clock

from .. import MODULE
from ..procurement.models import ProcurementProvider
from ..procurement.store import today
from ..project.models import ProjectPackage
from .models import DeliveryContract

# kind → (classification code of the number, title as printed)
KINDS = {
    "award_letter": ("027", "SURAT PENUNJUKAN PENYEDIA BARANG/JASA (SPPBJ)"),
    "contract": ("027", "SURAT PERJANJIAN (KONTRAK)"),
    "notice": ("027", "SURAT PERINTAH MULAI KERJA (SPMK)"),
    "handover": ("027", "BERITA ACARA SERAH TERIMA PEKERJAAN (BAST)"),
}


@dataclass(frozen=True)
class Paper:
    """Where documents go: the signer, the store, the public base URL of the QR."""

    signer: Signer
    store: DocumentStore
    base_url: str


def _day(value: date) -> str:
    return f"{value.day} {text(f'date.{MONTHS[value.month - 1]}', 'id')} {value.year}"


def number_of(uow: Any, kind: str, office: Any, year: int) -> str:
    """The next number of `kind` for the package's office: `027/{seq}/{OFFICE}/{year}`
    (one sequence per kind, office and year)."""
    seq = next_in(uow, f"planning-{kind}", office.id, year)
    return letter_number(KINDS[kind][0], seq, office.code.upper(), year)


def issue(uow: Any, clock: Clock, paper: Paper, who: Principal, kind: str,
          contract: DeliveryContract, package: ProjectPackage,
          provider: ProcurementProvider, number: str | None = None) -> tuple[str, str]:
    """Issue the `kind` document of `contract`, signed by the caller (the PPK): its
    facts (package, provider, value, period) are public on /v/{code}; `number` given
    (the contract's, taken first), else the next of `kind`. Returns (code, number).
    SigningUnavailable 503 (the caller's transaction rolls back)."""
    office = uow.offices.by_id(package.office_id)
    day = today(clock)
    number = number or number_of(uow, kind, office, day.year)
    code = documents.new_code(uow)
    period = (f"{_day(contract.starts)} s.d. {_day(contract.ends)}"
              if contract.starts and contract.ends else "-")
    facts = (("Paket", f"{package.code} {package.title}"), ("Penyedia", provider.name),
             ("Nilai", f"Rp {contract.value:,}".replace(",", ".")),
             ("Nomor kontrak", contract.number or "-"), ("Masa pelaksanaan", period))
    user = uow.staff.user(who.id) if who.kind == "staff" else None
    title = KINDS[kind][1]
    layout = Layout(office=office.name, title=title,
                    verify_url=documents.verify_url(paper.base_url, code), number=number,
                    fields=facts, paragraphs=(), place_date=f"Surabaya, {_day(day)}",
                    signer_title=f"Pejabat Pembuat Komitmen {office.name}",
                    signer_name=(user.full_name or user.username) if user else who.name)
    documents.issue(uow, clock, paper.signer, paper.store, documents.Issue(
        MODULE, kind, f"{title} {number}", office.name, office_id=office.id, number=number,
        reason=f"{title} paket {package.code}", facts=facts), code, render(layout))
    return code, number
