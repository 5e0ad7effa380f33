"""The verification QR printed on every issued document (issue 17): read back from the
PDF's own image, it is the document's `/v/{code}` address, and it still reads after the
PDF is signed (the signature is an incremental update: the page is untouched)."""

from __future__ import annotations

import io
import zlib
from pathlib import Path

import zxingcpp
from PIL import Image
from pyhanko.pdf_utils.reader import PdfFileReader

from queue_server.pdf import Layout, render
from queue_server.signing import LocalSigner

URL = "https://layanan.surabaya.example/v/ABCDEFGHJKMN"


def unfilter(raw: bytes, width: int, height: int) -> bytes:
    """Rows of one byte per pixel under PNG predictors (fpdf2's /Predictor 15), undone
    (pyHanko's own decoding of them reads all black)."""
    out, previous = bytearray(), bytearray(width)
    for row in range(height):
        kind, line = raw[row * (width + 1)], bytearray(raw[row * (width + 1) + 1:
                                                           (row + 1) * (width + 1)])
        for x in range(width):
            left = line[x - 1] if x else 0
            up, corner = previous[x], previous[x - 1] if x else 0
            guess = {0: 0, 1: left, 2: up, 3: (left + up) // 2}.get(kind)
            if guess is None:  # Paeth
                p = left + up - corner
                guess = min((abs(p - left), 0, left), (abs(p - up), 1, up),
                            (abs(p - corner), 2, corner))[2]
            line[x] = (line[x] + guess) & 0xFF
        out += line
        previous = line
    return bytes(out)


def qr_texts(pdf: bytes) -> list[str]:
    """The texts of the QR codes in the images of the PDF's first page."""
    page = PdfFileReader(io.BytesIO(pdf)).root["/Pages"]["/Kids"][0]
    texts = []
    for obj in page["/Resources"]["/XObject"].values():
        image = obj.get_object()
        if image["/Subtype"] != "/Image":
            continue
        assert image["/ColorSpace"] == "/DeviceGray" and image["/Filter"] == "/FlateDecode"
        size = (int(image["/Width"]), int(image["/Height"]))
        pixels = unfilter(zlib.decompress(image.encoded_data), *size)
        picture = Image.frombytes("L", size, pixels)
        texts += [found.text for found in zxingcpp.read_barcodes(picture)]
    return texts


def layout() -> Layout:
    return Layout(office="Dinas Sumber Daya Air dan Bina Marga", title="Surat Undangan",
                  verify_url=URL, number="000.1/1/436.7.5/2026",
                  paragraphs=["Dengan hormat, kami mengundang Bapak/Ibu."],
                  place_date="Surabaya, 30 November 2026", signer_title="Kepala Dinas",
                  signer_name="Ir. Contoh")


def test_the_printed_qr_reads_as_the_verification_address() -> None:
    assert qr_texts(render(layout())) == [URL]


def test_the_qr_still_reads_after_signing(tmp_path: Path) -> None:
    signed = LocalSigner(tmp_path / "signing").sign(render(layout()), "uji")
    assert qr_texts(signed) == [URL]
