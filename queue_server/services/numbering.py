"""Official numbers (issue 17): gap-free sequences per scope, office and year, taken in
the caller's transaction (a rolled-back letter gives its number back), and the letter
number format of Permendagri 83/2022 (tata naskah dinas: classification code, sequence,
unit code, year)."""

from __future__ import annotations

from .port_documents import DocumentWork


def next_in(uow: DocumentWork, scope: str, office_id: int | None, year: int) -> int:
    """The next number of `scope` (`surat-out`, `surat-agenda`, `ssw-permit`, …) for the
    office (None: city-wide) in `year`: 1, 2, 3… with no gap and no repeat, also under
    concurrent transactions on SQLite and PostgreSQL."""
    return uow.documents.next_number(scope, office_id or 0, year)


def letter_number(classification: str, sequence: int, unit: str, year: int) -> str:
    """`{classification}/{sequence}/{unit}/{year}`, e.g. `500.1/17/436.7.5/2026`
    (Permendagri 83/2022's pattern for an outgoing letter's number)."""
    return f"{classification}/{sequence}/{unit}/{year}"
