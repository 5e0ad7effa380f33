"""The printing rules on the dummy printer: the QR's address, the 60 s rule, staff words."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("ESCPOS_CAPABILITIES_PICKLE_DIR",
                      str(Path(__file__).resolve().parents[2] / ".pytest_cache" / "escpos"))

from kiosk.agent import Options, create_agent
from kiosk.escpos_reader import read
from kiosk.staff import staff_lines
from tests.unit.test_kiosk_printing import TICKET


def parts_for(tmp_path: Path, **extra: Any) -> Any:
    options = Options(server="http://127.0.0.1:5000", device_token="t", printer="dummy",
                      spool=tmp_path / "spool", **extra)
    return create_agent(options).extensions["kiosk"]


def printed_qr(parts: Any) -> list[str]:
    return read((parts.spool.folder / "last-ticket.bin").read_bytes()).qr_codes


def test_the_qr_prints_the_servers_public_address(tmp_path: Path) -> None:
    parts = parts_for(tmp_path)
    parts.learn_home({"public_url": "https://antrian.surabaya.go.id"})
    job, printed = parts.printing.submit(TICKET, "id")
    assert printed and parts.printing.job_state(job) == "printed"
    assert printed_qr(parts) == ["https://antrian.surabaya.go.id/t/7KXM4P2QHR"]


def test_public_url_overrides_what_the_server_says(tmp_path: Path) -> None:
    parts = parts_for(tmp_path, public_url="https://kiosk.example/")
    parts.learn_home({"public_url": "https://antrian.surabaya.go.id"})
    parts.printing.submit(TICKET, "en")
    assert printed_qr(parts) == ["https://kiosk.example/t/7KXM4P2QHR"]


def test_without_a_public_address_the_qr_is_local_and_staff_are_warned(tmp_path: Path) -> None:
    parts = parts_for(tmp_path)
    parts.printing.submit(TICKET, "id")
    assert printed_qr(parts) == ["http://127.0.0.1:5000/t/7KXM4P2QHR"]
    report = parts.printing.report()
    assert report["qr_warning"] == "loopback: 127.0.0.1"
    words = [line["text"] for line in staff_lines(parts, "id")]
    assert any(w.startswith("Peringatan: 127.0.0.1 adalah alamat komputer ini sendiri")
               for w in words)


def test_a_job_not_printed_within_the_limit_is_shown_and_never_printed(tmp_path: Path) -> None:
    parts = parts_for(tmp_path, print_within=60.0)
    late = parts.spool.add({"ticket": TICKET, "lang": "id", "checked_in": False,
                            "created_at": time.time() - 61})
    assert parts.printing.flush() is True  # nothing left waiting ...
    assert not (parts.spool.folder / "last-ticket.bin").exists()  # ... and nothing printed
    assert parts.printing.job_state(late) == "shown"
    report = parts.printing.report()
    assert (report["shown_not_printed"], report["shown_numbers"], report["jobs_waiting"]) == (
        1, ["B-007"], 0)
    words = [line["text"] for line in staff_lines(parts, "id")]
    assert "Tiket yang hanya tampil di layar (tidak tercetak): 1" in words


def test_a_day_old_shown_ticket_is_forgotten(tmp_path: Path) -> None:
    parts = parts_for(tmp_path)
    old = parts.spool.add({"ticket": TICKET, "lang": "id", "created_at": time.time() - 90000})
    parts.spool.expire(old)
    assert parts.spool.shown() == [] and parts.spool.state(old) == "gone"


def test_staff_words_are_plain_sentences_in_both_languages(tmp_path: Path) -> None:
    parts = parts_for(tmp_path)
    parts.printing.submit(TICKET, "id")
    for lang, expected in (("id", "Printer: siap"), ("en", "Printer: ready")):
        lines = staff_lines(parts, lang)
        texts = [line["text"] for line in lines]
        assert expected in texts
        assert all(line["level"] in ("ok", "warn", "bad") for line in lines)
        assert not any(re.search(r"[{}]|Error|Exception|network:", t) for t in texts)
