"""The signed letter's PDF: one A4 page for an ordinary letter (the reviewer's had a
second page holding only the footer), the heading lines of a surat dinas (Nomor, Sifat =
the security class, Kecepatan = the urgency, Lampiran, Hal) and RAHASIA at the top and
bottom of a confidential letter."""

from __future__ import annotations

import io
import re

from pyhanko.pdf_utils.reader import PdfFileReader

from queue_server.eservices.surat.models import SuratLetter
from queue_server.eservices.surat.outgoing_data import fill, paragraphs, template
from queue_server.eservices.surat.outgoing_sign import letter_fields
from queue_server.pdf import Layout, render

NUMBER = "000.1/7/436.7.5/2026"


def pdf_of(access: str, urgency: str = "segera") -> bytes:
    chosen = template("undangan")
    body = fill(chosen, {"acara": "rapat koordinasi saluran",
                         "hari_tanggal": "Senin, 7 Desember 2026", "waktu": "09.00 WIB",
                         "tempat": "Ruang Rapat DSDABM"})
    letter = SuratLetter(access=access, urgency=urgency, subject="Undangan rapat koordinasi",
                         recipient="Kepala Dinas Lingkungan Hidup", body=body)
    return render(Layout(
        office="Dinas Sumber Daya Air dan Bina Marga", title=chosen.title,
        verify_url="https://antrian.example/v/ABCD2345", fields=letter_fields(letter, NUMBER),
        paragraphs=paragraphs(body), place_date="Surabaya, 30 November 2026",
        signer_title="Kepala Dinas Sumber Daya Air dan Bina Marga", signer_name="Kepala DSDABM",
        marking="RAHASIA" if access == "rahasia" else ""), compress=False)


def pages(data: bytes) -> int:
    return int(PdfFileReader(io.BytesIO(data)).root["/Pages"]["/Count"])


def shown(data: bytes) -> list[str]:
    """The strings the page's text operators show, in order."""
    return [m.decode("latin-1") for m in re.findall(rb"\((.*?)\) ?Tj", data)]


def test_an_ordinary_letter_fits_on_one_page_with_its_footer() -> None:
    data = pdf_of("biasa")
    assert pages(data) == 1
    text = shown(data)
    assert "Dokumen ini ditandatangani secara elektronik." in text
    assert "RAHASIA" not in text


def test_the_heading_says_the_security_class_and_the_urgency_on_their_own_lines() -> None:
    text = shown(pdf_of("terbatas", "sangat_segera"))
    labels = [line for line in text if line in ("Nomor", "Sifat", "Kecepatan", "Lampiran",
                                                "Hal")]
    assert labels == ["Nomor", "Sifat", "Kecepatan", "Lampiran", "Hal"]
    assert ": Terbatas" in text and ": Sangat Segera" in text and f": {NUMBER}" in text


def test_a_confidential_letter_is_marked_at_the_top_and_bottom() -> None:
    data = pdf_of("rahasia")
    assert pages(data) == 1
    text = shown(data)
    assert ": Rahasia" in text and ": Biasa" not in text
    assert text.count("RAHASIA") == 2 and text[0] == "RAHASIA"
