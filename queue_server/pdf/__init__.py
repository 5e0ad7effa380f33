"""Official documents as PDFs (issue 17), made by fpdf2 (a kept library, pure Python):
the letterhead (kop surat) of the issuing office, the title and number, fields and
paragraphs, the signature block, and a verification QR code (qrcode) pointing to
`/v/{code}` on the server's public address, with the address printed beside it for
those who cannot scan. Text is set in the PDF core font (Latin-1): a character outside
it is replaced, never an error. The footer and a security marking (`RAHASIA` at the
top and bottom of every page of a confidential letter) are drawn by the page's own
header/footer hooks, so they never force a page of their own."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Layout:
    """What a document shows. `office`: the issuer's name (kop surat); `address`: its
    address line; `fields`: (label, value) pairs shown as a table under the title;
    `paragraphs`: the body; `place_date`: "Surabaya, 30 November 2026";
    `signer_title` / `signer_name`: the signature block; `verify_url`: the QR's target."""

    office: str
    title: str
    verify_url: str
    number: str | None = None
    address: str = ""
    fields: Sequence[tuple[str, str]] = field(default_factory=tuple)
    paragraphs: Sequence[str] = field(default_factory=tuple)
    place_date: str = ""
    signer_title: str = ""
    signer_name: str = ""
    footer: str = "Dokumen ini ditandatangani secara elektronik."
    marking: str = ""  # e.g. "RAHASIA": printed at the top and bottom of every page


def render(layout: Layout, compress: bool = True) -> bytes:
    """The document as PDF bytes (A4, portrait). `compress=False` keeps text streams
    readable (tests look for words in them). fpdf2 is imported on the first document,
    not when the server starts (its import is ~0.4 s of every start)."""
    from .drawing import draw

    return draw(layout, compress)
