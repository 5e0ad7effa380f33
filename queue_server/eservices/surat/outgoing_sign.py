"""Signing an outgoing letter: its number at signing (Permendagri 83/2022:
`{classification}/{sequence}/{unit}/{year}`, the sequence per office and year, gap-free:
services.numbering), the PDF (kop surat, number, the city's date in words, body, the
signer's name and title, the QR of its verification address), signed and issued
(services.documents.issue; class `rahasia` is confidential on `/v/{code}`). All in the
caller's transaction: a signer that cannot sign (BSrE 503) leaves the letter unsigned and
unnumbered, the sequence untouched."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from queue_server.domain.texts import text
from queue_server.pdf import Layout, render
from queue_server.services import documents
from queue_server.services.cases import city_today
from queue_server.services.numbering import letter_number, next_in
from queue_server.services.port_documents import DocumentRow, DocumentStore, DocumentWork, Signer
from queue_server.services.ports import Clock

from .models import SuratLetter
from .outgoing_data import paragraphs, template, unit_of
from .outgoing_people import display_name

SCOPE = "surat-out"
CITY_PLACE = "Surabaya"
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")
URGENCY_WORDS = {"biasa": "Biasa", "segera": "Segera", "sangat_segera": "Sangat Segera"}
ACCESS_WORDS = {"biasa": "Biasa", "terbatas": "Terbatas", "rahasia": "Rahasia"}


def letter_fields(letter: SuratLetter, number: str) -> tuple[tuple[str, str], ...]:
    """The letter's heading lines in the order of a surat dinas (tata naskah dinas,
    Permendagri 1/2023 for regional governments, after ANRI's practice): Nomor, Sifat
    (the security class: Biasa / Terbatas / Rahasia), Kecepatan (the delivery urgency:
    Biasa / Segera / Sangat Segera, its own line), Lampiran, Hal; then the addressee."""
    return (("Nomor", number), ("Sifat", ACCESS_WORDS.get(letter.access, letter.access)),
            ("Kecepatan", URGENCY_WORDS.get(letter.urgency, letter.urgency)),
            ("Lampiran", "-"), ("Hal", letter.subject),
            ("Kepada Yth.", letter.recipient or ""))


@dataclass(frozen=True)
class Signing:
    """What signing needs from the deployment: the signer, where signed PDFs are kept,
    and the public address printed in the QR."""

    signer: Signer
    store: DocumentStore
    base_url: str


def date_in_words(day: date) -> str:
    """`day` as a letter's date line says it: "Surabaya, 30 November 2026"."""
    return f"{CITY_PLACE}, {day.day} {text(f'date.{MONTHS[day.month - 1]}', 'id')} {day.year}"


def _layout(uow: DocumentWork, letter: SuratLetter, office_name: str, number: str,
            day: date, url: str) -> Layout:
    title = template(letter.template).title if letter.template else "Surat"
    return Layout(
        office=office_name, title=title, verify_url=url, fields=letter_fields(letter, number),
        marking="RAHASIA" if letter.access == "rahasia" else "",
        paragraphs=paragraphs(letter.body), place_date=date_in_words(day),
        signer_title=f"Kepala {office_name}",
        signer_name=display_name(uow, _signer_id(uow, letter)))


def _signer_id(uow: DocumentWork, letter: SuratLetter) -> int | None:
    from .outgoing_chain import chain

    steps = [s for s in chain(uow, letter.case_id) if s.step == "sign"]
    return steps[0].user_id if steps else None


def sign_letter(uow: DocumentWork, clock: Clock, letter: SuratLetter, signing: Signing,
                tz: str) -> DocumentRow:
    """Number, render, sign and issue `letter` (whose case the caller has just moved to
    `signed`); the letter keeps its number, date and document code. Raises NoUnitCode
    (422) and SigningUnavailable (503); the caller's rollback undoes all of it."""
    office = uow.offices.by_id(letter.office_id)
    assert office is not None
    day = city_today(clock, tz)
    unit = unit_of(office.code)
    sequence = next_in(uow, SCOPE, office.id, day.year)
    number = letter_number(letter.classification, sequence, unit, day.year)
    code = documents.new_code(uow)
    url = documents.verify_url(signing.base_url, code)
    pdf = render(_layout(uow, letter, office.name, number, day, url))
    row = documents.issue(uow, clock, signing.signer, signing.store, documents.Issue(
        module="surat", kind="letter", title=letter.subject, issuer=office.name,
        office_id=office.id, number=number, case_id=letter.case_id,
        confidential=letter.access == "rahasia", reason=f"Surat {number}"), code, pdf)
    letter.letter_number, letter.letter_date = number, day
    letter.document_code, letter.signed_at = code, clock.now()
    return row
