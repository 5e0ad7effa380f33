"""Reading ESC/POS bytes back: the text, QR payloads, raster images and cuts of a ticket.

No maintained library does this, so this reads the few commands python-escpos sends for a
ticket. The agent uses it to save a preview of what it printed (text and PNG); the tests
use it to check what a real print stream says.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw, ImageFont

ESC, GS, DLE, LF = 0x1B, 0x1D, 0x10, 0x0A
# ESC commands with one argument byte that only change the look (or are ignored here).
_ESC_ONE = {ord(c) for c in "-MtdJ3G{VUcr "}


@dataclass
class Line:
    text: str
    bold: bool = False
    width: int = 1
    height: int = 1
    align: str = "left"


@dataclass
class Receipt:
    elements: list[Any] = field(default_factory=list)  # Line, ("qr", str), Image, "cut"

    @property
    def lines(self) -> list[Line]:
        return [e for e in self.elements if isinstance(e, Line)]

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    @property
    def qr_codes(self) -> list[str]:
        return [e[1] for e in self.elements if isinstance(e, tuple) and e[0] == "qr"]

    @property
    def images(self) -> list[Image.Image]:
        return [e for e in self.elements if isinstance(e, Image.Image)]

    @property
    def cuts(self) -> int:
        return sum(1 for e in self.elements if e == "cut")


class _State:
    def __init__(self) -> None:
        self.bold, self.width, self.height, self.align = False, 1, 1, "left"
        self.buffer = bytearray()


def read(data: bytes) -> Receipt:
    """Parse a print stream; raises ValueError at a command it does not know."""
    receipt, st, i = Receipt(), _State(), 0

    def flush() -> None:
        receipt.elements.append(Line(st.buffer.decode("cp437", "replace"), st.bold, st.width,
                                     st.height, st.align))
        st.buffer.clear()

    while i < len(data):
        b = data[i]
        if b == LF:
            flush()
            i += 1
        elif b == ESC:
            i = _esc(data, i, st)
        elif b == GS:
            i = _gs(data, i, st, receipt, flush)
        elif b == DLE and data[i + 1:i + 2] == b"\x04":
            i += 3  # a status query, answered by the printer, prints nothing
        elif b >= 0x20:
            st.buffer.append(b)
            i += 1
        else:
            raise ValueError(f"unexpected byte {b:#04x} at {i}")
    if st.buffer:
        flush()
    return receipt


def _esc(data: bytes, i: int, st: _State) -> int:
    cmd = data[i + 1]
    if cmd == ord("@"):
        st.__init__()
        return i + 2
    if cmd == ord("E"):
        st.bold = bool(data[i + 2] & 1)
        return i + 3
    if cmd == ord("a"):
        st.align = {0: "left", 1: "center", 2: "right", 48: "left", 49: "center",
                    50: "right"}.get(data[i + 2], "left")
        return i + 3
    if cmd == ord("!"):
        mode = data[i + 2]
        st.bold = bool(mode & 0x08)
        st.width, st.height = (2 if mode & 0x20 else 1), (2 if mode & 0x10 else 1)
        return i + 3
    if cmd == ord("2"):
        return i + 2
    if cmd in _ESC_ONE:
        return i + 3
    raise ValueError(f"unknown ESC {chr(cmd)!r} at {i}")


def _gs(data: bytes, i: int, st: _State, receipt: Receipt, flush: Any) -> int:
    cmd = data[i + 1]
    if cmd == ord("!"):
        n = data[i + 2]
        st.width, st.height = (n >> 4) + 1, (n & 0x0F) + 1
        return i + 3
    if cmd in (ord("B"), ord("b")):
        return i + 3
    if cmd == ord("(") and data[i + 2] == ord("k"):
        size = data[i + 3] + 256 * data[i + 4]
        body = data[i + 5:i + 5 + size]
        if body[:2] == b"1P":  # store QR data: cn=49, fn=80, m=48, then the payload
            receipt.elements.append(("qr", body[3:].decode("utf-8")))
        return i + 5 + size
    if cmd == ord("v") and data[i + 2] == ord("0"):
        width_bytes = data[i + 4] + 256 * data[i + 5]
        rows = data[i + 6] + 256 * data[i + 7]
        start = i + 8
        raw = data[start:start + width_bytes * rows]
        # ESC/POS raster: 1 = black; PIL mode "1": 1 = white, so invert.
        image = Image.frombytes("1", (width_bytes * 8, rows), bytes(255 - x for x in raw))
        receipt.elements.append(image)
        return start + width_bytes * rows
    if cmd == ord("V"):
        if st.buffer:
            flush()
        receipt.elements.append("cut")
        return i + (4 if data[i + 2] in (65, 66) else 3)
    raise ValueError(f"unknown GS {chr(cmd)!r} at {i}")


def _font(size: int) -> ImageFont.ImageFont | ImageFont.FreeTypeFont:
    for path in ("/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf",
                 "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"):
        if Path(path).exists():
            return ImageFont.truetype(path, size)
    return ImageFont.load_default(size)


def render_preview(receipt: Receipt, width: int = 576) -> Image.Image:
    """A picture of the paper: text at its printed size, QR codes and images in place."""
    import qrcode

    pieces: list[tuple[Image.Image, str]] = []
    for element in receipt.elements:
        if isinstance(element, Line):
            font = _font(22 * element.height)
            text = element.text or " "
            box = font.getbbox(text)
            piece = Image.new("L", (min(width, (box[2] + 4) * element.width // element.height
                                        or 1), 26 * element.height + 4), 255)
            scratch = Image.new("L", (box[2] + 4, 26 * element.height + 4), 255)
            ImageDraw.Draw(scratch).text((2, 0), text, fill=0, font=font,
                                         stroke_width=1 if element.bold else 0, stroke_fill=0)
            piece = scratch.resize((piece.width, piece.height))
            pieces.append((piece, element.align))
        elif isinstance(element, tuple):
            code = qrcode.make(element[1], box_size=6, border=1).get_image().convert("L")
            pieces.append((code, "center"))
        elif isinstance(element, Image.Image):
            pieces.append((element.convert("L"), "center"))
        elif element == "cut":
            pieces.append((Image.new("L", (width, 12), 200), "left"))
    height = sum(p.height for p, _ in pieces) + 20
    paper = Image.new("L", (width, height), 255)
    y = 10
    for piece, align in pieces:
        x = {"left": 8, "center": (width - piece.width) // 2,
             "right": width - piece.width - 8}[align]
        paper.paste(piece, (max(x, 0), y))
        y += piece.height
    return paper
