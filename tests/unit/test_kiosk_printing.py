"""Kiosk pieces without a network: printer URIs, the ticket's layout, the job spool."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("ESCPOS_CAPABILITIES_PICKLE_DIR",
                      str(Path(__file__).resolve().parents[2] / ".pytest_cache" / "escpos"))

from kiosk.escpos_reader import read
from kiosk.printers import PrinterUriError, parse_uri
from kiosk.spool import Spool
from kiosk.ticket import render

TICKET = {
    "facility": {"code": "pkm-demo", "name": "Puskesmas Demo", "timezone": "Asia/Jakarta",
                 "tz_label": "WIB"},
    "service": {"code": "umum", "name": "Poli Umum"}, "number": "B-007", "code": "7KXM4P2QHR",
    "priority": "regular", "issued_at": "2026-11-23T08:01:00+07:00", "people_ahead": 3,
    "estimated_call_at": "2026-11-23T08:25:00+07:00", "ticket_url": "/t/7KXM4P2QHR",
}


@pytest.mark.parametrize(("uri", "scheme", "args"), [
    ("network:192.168.1.50:9100", "network", ("192.168.1.50", "9100")),
    ("usb:04b8:0e15", "usb", ("04b8", "0e15")),
    ("serial:/dev/ttyUSB0", "serial", ("/dev/ttyUSB0",)),
    ("serial:/dev/ttyUSB0:19200", "serial", ("/dev/ttyUSB0", "19200")),
    ("file:/dev/usb/lp0", "file", ("/dev/usb/lp0",)),
    ("dummy", "dummy", ()),
])
def test_printer_uris_are_understood(uri: str, scheme: str, args: tuple[str, ...]) -> None:
    spec = parse_uri(uri)
    assert (spec.scheme, spec.args) == (scheme, args)


@pytest.mark.parametrize("uri", ["network:host", "usb:xyz:1", "cups:office", "", "dummy:1",
                                 "serial:/dev/ttyUSB0:fast"])
def test_bad_printer_uris_are_refused_with_the_forms_that_work(uri: str) -> None:
    with pytest.raises(PrinterUriError, match="network:HOST:PORT"):
        parse_uri(uri)


def test_an_80mm_ticket_in_indonesian() -> None:
    receipt = read(render(TICKET, "http://10.0.0.2:5000", profile="TM-T20II"))
    assert receipt.lines[0].text == "Puskesmas Demo" and receipt.lines[0].bold
    assert "Senin, 23 Nov 2026 08:01 WIB" in receipt.text
    assert "Di depan Anda: 3 orang" in receipt.text
    assert "Perkiraan dipanggil: 08:25 WIB" in receipt.text
    assert "Prioritas" not in receipt.text  # a regular ticket says nothing about priority
    assert receipt.qr_codes == ["http://10.0.0.2:5000/t/7KXM4P2QHR"]
    assert receipt.cuts == 1


def test_times_print_with_the_zone_label_the_server_sends() -> None:
    bali = {**TICKET, "facility": {**TICKET["facility"], "tz_label": "WITA"},
            "issued_at": "2026-11-23T09:01:00+08:00",
            "estimated_call_at": "2026-11-23T09:25:00+08:00"}
    text = read(render(bali, "http://x", profile="TM-T20II")).text
    assert "Senin, 23 Nov 2026 09:01 WITA" in text and "Perkiraan dipanggil: 09:25 WITA" in text
    older = {**bali, "facility": {"code": "pkm-demo", "name": "Puskesmas Demo"}}
    assert "09:01 UTC+8" in read(render(older, "http://x", profile="TM-T20II")).text


def test_with_no_counter_open_the_ticket_says_so_instead_of_a_time() -> None:
    waiting = {**TICKET, "estimated_call_at": None, "estimate_note": "no_counter_open"}
    assert "Belum ada loket yang buka" in read(render(waiting, "x", profile="TM-T20II")).text
    text = read(render(waiting, "x", profile="TM-T20II", lang="en")).text
    assert "No counter open yet" in text and "Expected call" not in text


def test_an_english_ticket_on_58mm_paper_fits_its_width() -> None:
    receipt = read(render(TICKET, "http://x", profile="TM-T20II", paper_mm=58, lang="en",
                          qr="image"))
    assert "People ahead of you: 3" in receipt.text and "Monday" in receipt.text
    assert all(len(line.text) * line.width <= 32 for line in receipt.lines)
    assert len(receipt.images) == 1 and receipt.images[0].width <= 384


def test_the_spool_keeps_jobs_in_order_until_done(tmp_path: Path) -> None:
    spool = Spool(tmp_path)
    first = spool.add({"ticket": {"number": "A-001"}})
    spool.add({"ticket": {"number": "A-002"}})
    assert [j["ticket"]["number"] for j in spool.pending()] == ["A-001", "A-002"]
    spool.done(first)
    assert [j["ticket"]["number"] for j in Spool(tmp_path).pending()] == ["A-002"]
    assert spool.last()["ticket"]["number"] == "A-002"


def test_an_optional_logo_prints_as_one_image_above_the_text(tmp_path: Path) -> None:
    from PIL import Image

    logo = tmp_path / "logo.png"
    Image.new("RGB", (400, 200), "navy").save(logo)
    receipt = read(render(TICKET, "http://x", profile="TM-T20II", qr="native", logo=logo))
    assert len(receipt.images) == 1 and receipt.images[0].width == 576
    assert receipt.elements.index(receipt.images[0]) < receipt.elements.index(receipt.lines[0])
