"""The drawing of a document (queue_server.pdf.Layout) with fpdf2 and qrcode: imported on
the first document a process makes, not at its start."""

from __future__ import annotations

import io

import qrcode
from fpdf import FPDF

from . import Layout

CITY = "PEMERINTAH KOTA SURABAYA"


class _Page(FPDF):
    """An A4 page whose header prints the marking and whose footer prints the footer line
    and the marking again (fpdf2 calls both outside the automatic page break)."""

    def __init__(self, layout: Layout):
        super().__init__(format="A4")
        self.layout = layout

    def header(self) -> None:
        if self.layout.marking:
            self.set_font("Helvetica", "B", 12)
            self.set_y(6)
            self.cell(0, 6, _latin(self.layout.marking), align="C",
                      new_x="LMARGIN", new_y="NEXT")

    def footer(self) -> None:
        self.set_y(-18)
        self.set_font("Helvetica", "I", 8)
        self.cell(0, 5, _latin(self.layout.footer), align="C", new_x="LMARGIN", new_y="NEXT")
        if self.layout.marking:
            self.set_font("Helvetica", "B", 12)
            self.cell(0, 6, _latin(self.layout.marking), align="C")


def _latin(text: str) -> str:
    """`text` in the core font's Latin-1 (typographic quotes and dashes made plain)."""
    plain = (text.replace("\u2013", "-").replace("\u2014", "-").replace("\u2018", "'")
             .replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"'))
    return plain.encode("latin-1", "replace").decode("latin-1")


def _qr_png(url: str) -> bytes:
    """The QR code of `url` as a PNG (error correction M, as printed verification codes)."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=2,
                         box_size=6)
    code.add_data(url)
    code.make(fit=True)
    out = io.BytesIO()
    # Greyscale, not 1-bit: fpdf2 would keep a 1-bit picture CCITT-encoded, which few
    # PDF tools (pyHanko among them) decode; Flate is read everywhere.
    code.make_image().get_image().convert("L").save(out, format="PNG")
    return out.getvalue()


def _head(pdf: FPDF, layout: Layout) -> None:
    pdf.set_font("Helvetica", "B", 12)
    pdf.cell(0, 6, _latin(CITY), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "B", 14)
    pdf.multi_cell(0, 7, _latin(layout.office.upper()), align="C",
                   new_x="LMARGIN", new_y="NEXT")
    if layout.address:
        pdf.set_font("Helvetica", "", 9)
        pdf.cell(0, 5, _latin(layout.address), align="C", new_x="LMARGIN", new_y="NEXT")
    y = pdf.get_y() + 2
    pdf.set_line_width(0.8)
    pdf.line(pdf.l_margin, y, pdf.w - pdf.r_margin, y)
    pdf.set_y(y + 6)
    pdf.set_font("Helvetica", "BU", 12)
    pdf.multi_cell(0, 6, _latin(layout.title.upper()), align="C",
                   new_x="LMARGIN", new_y="NEXT")
    if layout.number:
        pdf.set_font("Helvetica", "", 11)
        pdf.cell(0, 6, _latin(f"Nomor: {layout.number}"), align="C",
                 new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)


def _body(pdf: FPDF, layout: Layout) -> None:
    pdf.set_font("Helvetica", "", 11)
    for label, value in layout.fields:
        pdf.cell(50, 6, _latin(label))
        pdf.multi_cell(0, 6, _latin(f": {value}"), new_x="LMARGIN", new_y="NEXT")
    if layout.fields:
        pdf.ln(3)
    for paragraph in layout.paragraphs:
        pdf.multi_cell(0, 6, _latin(paragraph), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)


SIGNATURE_HEIGHT = 34  # mm the signature column needs (place, title, name) below its top


def _signature(pdf: FPDF, layout: Layout) -> None:
    """The QR with its address and, beside it, place and date, the signer's title and
    name: kept together on one page (a new page when the rest of this one is too short)."""
    pdf.ln(6)
    x = pdf.w / 2 + 10
    pdf.set_font("Helvetica", "", 8)
    lines = pdf.multi_cell(x - pdf.l_margin - 5, 4, _latin(f"Verifikasi: {layout.verify_url}"),
                           dry_run=True, output="LINES")
    url_lines = len(lines) if isinstance(lines, list) else 2
    if pdf.get_y() + max(33 + 4 * url_lines, SIGNATURE_HEIGHT) > pdf.page_break_trigger:
        pdf.add_page()
    top = pdf.get_y()
    pdf.image(io.BytesIO(_qr_png(layout.verify_url)), x=pdf.l_margin, y=top, w=32, h=32)
    pdf.set_font("Helvetica", "", 8)
    pdf.set_xy(pdf.l_margin, top + 33)
    pdf.multi_cell(x - pdf.l_margin - 5, 4, _latin(f"Verifikasi: {layout.verify_url}"),
                   new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 11)
    pdf.set_xy(x, top)
    for line in (layout.place_date, layout.signer_title):
        if line:
            pdf.set_x(x)
            pdf.multi_cell(0, 6, _latin(line), new_x="LMARGIN", new_y="NEXT")
    pdf.set_xy(x, top + 28)
    pdf.set_font("Helvetica", "B", 11)
    pdf.multi_cell(0, 6, _latin(layout.signer_name or "(ditandatangani elektronik)"),
                   new_x="LMARGIN", new_y="NEXT")


def draw(layout: Layout, compress: bool = True) -> bytes:
    """The document as PDF bytes (A4, portrait); see queue_server.pdf.render."""
    pdf = _Page(layout)
    pdf.set_compression(compress)
    pdf.set_title(_latin(layout.title))
    pdf.set_author(_latin(layout.office))
    pdf.set_auto_page_break(True, margin=24 if layout.marking else 20)
    pdf.add_page()
    _head(pdf, layout)
    _body(pdf, layout)
    _signature(pdf, layout)
    return bytes(pdf.output())
