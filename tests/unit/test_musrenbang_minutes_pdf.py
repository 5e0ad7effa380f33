"""The signature block of an issued PDF stays on one page (fix 18O: the kecamatan
forum's minutes had the QR at the foot of page 1, place and title on page 2 and the
signature line alone on page 3): whatever the body's length, the QR, its address, the
place and date, the signer's title and name are drawn on the same page."""

from __future__ import annotations

import io
import re

from pyhanko.pdf_utils.reader import PdfFileReader

from queue_server.pdf import Layout, render

BLOCK = ("Verifikasi: https://antrian.example/v/ABCD2345", "Surabaya, 30 November 2026",
         "Camat Tegalsari", "Petugas Kecamatan Tegalsari")


def page_streams(data: bytes) -> list[bytes]:
    """Each page's content stream, in page order."""
    kids = PdfFileReader(io.BytesIO(data)).root["/Pages"]["/Kids"]
    return [kid.get_object()["/Contents"].get_object().data for kid in kids]


def minutes_pdf(lines: int) -> bytes:
    return render(Layout(
        office="Kecamatan Tegalsari", title="Berita Acara Musrenbang Kecamatan Tegalsari",
        number="BA-001/MUSRENBANG/KEC-TEGALSARI/2026",
        verify_url="https://antrian.example/v/ABCD2345",
        fields=[("Tanggal forum", "Senin, 2 Februari 2026"), ("Peserta", "Camat, Lurah")],
        paragraphs=[f"MRB-{n:03d} | RW 01 Kedungdoro | Paving jalan | 2,5 m2 | Jl. Kedungdoro"
                    for n in range(lines)],
        place_date=BLOCK[1], signer_title=BLOCK[2], signer_name=BLOCK[3]), compress=False)


def test_the_signature_block_is_never_split_over_pages_whatever_the_bodys_length() -> None:
    for lines in range(0, 48):
        streams = page_streams(minutes_pdf(lines))
        holding = [i for i, stream in enumerate(streams)
                   if any(f"({words}) Tj".encode() in stream for words in BLOCK)]
        assert len(set(holding)) == 1, (lines, holding)
        page = streams[holding[0]]
        shown = [m.decode("latin-1") for m in re.findall(rb"\((.*?)\) ?Tj", page)]
        assert all(words in shown for words in BLOCK), (lines, shown)
        assert b" Do" in page, lines  # the QR drawn there too
        assert "(ditandatangani elektronik)" not in shown
