"""The printed ticket: text with the printer's own size and bold commands, a QR, a cut."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import qrcode
from PIL import Image

from .printers import escpos_printer

DAYS = {"id": ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"],
        "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]}
MONTHS = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"]
MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
PRIORITY = {"id": {"elderly": "Lansia", "disabled": "Disabilitas", "pregnant": "Ibu hamil",
                   "child": "Anak/balita", "emergency": "Gawat darurat"},
            "en": {"elderly": "Elderly", "disabled": "Disability", "pregnant": "Pregnant",
                   "child": "Child", "emergency": "Emergency"}}
TEXT = {
    "id": {"ahead": "Di depan Anda: {n} orang", "eta": "Perkiraan dipanggil: {t}",
           "no_counter": "Belum ada loket yang buka",
           "priority": "Prioritas: {p}", "code": "Kode: {c}",
           "scan": "Pindai QR untuk memantau antrean", "footer": "Harap menunggu panggilan.",
           "thanks": "Terima kasih", "checked_in": "Booking sudah check-in"},
    "en": {"ahead": "People ahead of you: {n}", "eta": "Expected call: {t}",
           "no_counter": "No counter open yet",
           "priority": "Priority: {p}", "code": "Code: {c}",
           "scan": "Scan the QR to follow the queue", "footer": "Please wait to be called.",
           "thanks": "Thank you", "checked_in": "Booking checked in"},
}
# Characters per line in the printer's font A, and the size of the big number.
PAPER = {80: {"columns": 48, "number": 4, "qr": 7, "dots": 576},
         58: {"columns": 32, "number": 3, "qr": 5, "dots": 384}}


def _logo_image(path: Path, dots: int) -> Image.Image:
    """The facility's logo, at most half the paper wide, centred, in black and white."""
    with Image.open(path) as source:
        image = source.convert("L")
    image.thumbnail((dots // 2, dots // 4))
    canvas = Image.new("L", (dots, image.height), 255)
    canvas.paste(image, ((dots - image.width) // 2, 0))
    return canvas.convert("1")


def _qr_image(target: str, dots: int, box: int) -> Image.Image:
    """A QR as a raster image, centred on the paper's printable width."""
    code = qrcode.make(target, box_size=box, border=2).get_image().convert("1")
    canvas = Image.new("1", (dots, code.height), 1)
    canvas.paste(code, ((dots - code.width) // 2, 0))
    return canvas


def zone_label(ticket: dict[str, Any]) -> str:
    """The label after the ticket's times: the facility's zone label, as the server sends
    it; from an older server without one, the times' own offset (`UTC+7`)."""
    label = (ticket.get("facility") or {}).get("tz_label")
    if label:
        return str(label)
    offset = datetime.fromisoformat(ticket["issued_at"]).strftime("%z")  # "+0800"
    if not offset or offset[1:] == "0000":
        return "UTC"
    return f"UTC{offset[0]}{int(offset[1:3])}" + (f":{offset[3:]}" if offset[3:] != "00" else "")


def when(iso: str, lang: str, label: str) -> str:
    """An ISO 8601 time (already in the facility's zone) as printed, with the zone's
    label: "Senin, 23 Nov 2026 08:01 WITA"."""
    moment = datetime.fromisoformat(iso)
    months = MONTHS if lang == "id" else MONTHS_EN
    return (f"{DAYS[lang][moment.weekday()]}, {moment.day} {months[moment.month - 1]} "
            f"{moment.year} {moment:%H:%M} {label}")


def _waiting_lines(ticket: dict[str, Any], text: dict[str, str], label: str) -> list[str]:
    """People ahead, then the expected call time, or why there is none."""
    lines = [text["ahead"].format(n=ticket.get("people_ahead", 0))]
    if ticket.get("estimated_call_at"):
        at = datetime.fromisoformat(ticket["estimated_call_at"]).strftime("%H:%M")
        lines.append(text["eta"].format(t=f"{at} {label}"))
    elif ticket.get("estimate_note") == "no_counter_open":
        lines.append(text["no_counter"])
    return lines


def render(ticket: dict[str, Any], server_url: str, *, profile: str | None, paper_mm: int = 80,
           qr: str = "auto", lang: str = "id", checked_in: bool = False,
           logo: Path | None = None) -> bytes:
    """The ESC/POS bytes of one ticket. Personal data is never part of `ticket` here."""
    text = TEXT[lang]
    paper = PAPER[paper_mm]
    p = escpos_printer.Dummy(**({"profile": profile} if profile else {}))
    p.hw("INIT")
    if logo is not None:
        p.image(_logo_image(logo, paper["dots"]))
    p.set(align="center", bold=True)
    p.textln(ticket["facility"]["name"][: paper["columns"]])
    p.set(align="center", bold=False, normal_textsize=True)
    p.textln(ticket["service"]["name"][: paper["columns"]])
    if checked_in:
        p.textln(text["checked_in"])
    p.set(align="center", bold=True, custom_size=True, width=paper["number"],
          height=paper["number"])
    p.textln(ticket["number"])
    p.set(align="center", bold=False, normal_textsize=True)
    if ticket.get("priority") not in (None, "regular"):
        p.textln(text["priority"].format(p=PRIORITY[lang].get(ticket["priority"],
                                                              ticket["priority"])))
    label = zone_label(ticket)
    p.textln(when(ticket["issued_at"], lang, label))
    for line in _waiting_lines(ticket, text, label):
        p.textln(line)
    target = server_url.rstrip("/") + ticket["ticket_url"]
    native = qr == "native" or (qr == "auto" and p.profile.supports("qrCode"))
    if native:
        p.qr(target, native=True, size=paper["qr"])  # follows the centred alignment
    else:
        p.image(_qr_image(target, paper["dots"], paper["qr"]))
    p.textln(text["code"].format(c=ticket["code"]))
    p.textln(text["scan"])
    p.textln(text["footer"])
    p.textln(text["thanks"])
    p.cut()
    return bytes(p.output)
