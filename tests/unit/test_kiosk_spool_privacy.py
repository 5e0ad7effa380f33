"""The kiosk's spool keeps no code beyond the day's reprint, nothing personal, and nothing
another user of the box can read (issue 13, point 12)."""

from __future__ import annotations

import json
import os
import stat
import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from kiosk.spool import Spool
from tests.unit.test_kiosk_print_rules import parts_for
from tests.unit.test_kiosk_printing import TICKET

WIB = ZoneInfo("Asia/Jakarta")
PREVIEWS = ("last-ticket.bin", "last-ticket.txt", "last-ticket.png")
NIK, NAME, PHONE = "3578015505900001", "Siti Aminah", "081234567890"
# What a server could send beside the ticket (a staff view of a booking check-in).
WITH_PATIENT = {**TICKET, "status": "waiting",
                "patient": {"name": NAME, "nik": NIK, "phone": PHONE,
                            "bpjs_number": "0001234567890"}}


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def texts(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir()}


def at(day_offset: int, hour: int) -> float:
    """Seconds since the epoch: `hour` o'clock WIB, `day_offset` days from today."""
    today = datetime.now(WIB).date() + timedelta(days=day_offset)
    return datetime(today.year, today.month, today.day, hour, tzinfo=WIB).timestamp()


@pytest.fixture
def open_umask() -> Iterator[None]:
    """Every file would be world-writable under this umask, were it not for the spool."""
    before = os.umask(0)
    yield
    os.umask(before)


def test_the_folder_is_0700_and_every_file_0600_whatever_the_umask(
        tmp_path: Path, open_umask: None) -> None:
    parts = parts_for(tmp_path, print_within=60.0)
    parts.printing.submit(TICKET, "id")  # printed: last.json and the pictures
    late = parts.spool.add({"ticket": TICKET, "lang": "id", "created_at": time.time() - 61})
    parts.spool.add({"ticket": TICKET, "lang": "id"})
    parts.spool.expire(late)  # shown-not-printed
    folder = parts.spool.folder
    names = {p.name for p in folder.iterdir()}
    assert {"last.json", *PREVIEWS} <= names
    assert any(n.startswith("shown-") for n in names) and any(n.startswith("job-") for n in names)
    assert mode(folder) == 0o700
    assert {n: oct(mode(folder / n)) for n in names} == {n: oct(0o600) for n in names}


def test_an_older_agents_open_folder_is_closed_at_start(tmp_path: Path) -> None:
    folder = tmp_path / "spool"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    old = folder / "job-00000000000000000001-0000abcd.json"
    old.write_text(json.dumps({"id": "00000000000000000001-0000abcd",
                               "created_at": time.time(), "ticket": TICKET}))
    old.chmod(0o644)
    Spool(folder)
    assert mode(folder) == 0o700 and mode(old) == 0o600


def test_no_name_nik_phone_or_bpjs_number_is_ever_written(tmp_path: Path) -> None:
    parts = parts_for(tmp_path, print_within=60.0)
    parts.printing.submit(WITH_PATIENT, "id", checked_in=True)
    parts.printing.submit(WITH_PATIENT, "en", checked_in=True)
    late = parts.spool.add({"ticket": WITH_PATIENT, "lang": "id",
                            "created_at": time.time() - 61})
    parts.spool.expire(late)
    every = b"".join(texts(parts.spool.folder).values())
    for secret in (NIK, NAME, PHONE, "0001234567890", "patient"):
        assert secret.encode() not in every, secret
    # ... while what a reprint needs is all there.
    assert parts.spool.last()["ticket"] == {k: v for k, v in WITH_PATIENT.items()
                                            if k != "patient"}


def test_printed_tickets_leave_only_the_last_code_behind(tmp_path: Path) -> None:
    parts = parts_for(tmp_path)
    codes = ["7KXM4P2QH2", "7KXM4P2QH3", "7KXM4P2QH4"]
    for code in codes:
        parts.printing.submit({**TICKET, "code": code, "ticket_url": f"/t/{code}"}, "id")
    kept = texts(parts.spool.folder)
    assert set(kept) == {"last.json", *PREVIEWS}  # no job file once printed
    every = b"".join(kept.values())
    assert codes[0].encode() not in every and codes[1].encode() not in every
    assert parts.spool.last()["ticket"]["code"] == codes[2]  # reprint still works today


def test_a_shown_ticket_goes_when_its_day_ends_not_16_hours_later(tmp_path: Path) -> None:
    spool = Spool(tmp_path / "spool")
    evening = spool.add({"ticket": TICKET, "lang": "id", "created_at": at(-1, 20)})
    spool.expire(evening, at=at(-1, 20))
    assert [j["id"] for j in spool.shown(now=at(-1, 23))] == [evening]  # its own day
    assert spool.shown(now=at(0, 6)) == []  # ten hours later, but the next day
    assert spool.state(evening) == "gone"


def test_yesterdays_last_ticket_is_not_reprinted_and_is_removed(tmp_path: Path) -> None:
    parts = parts_for(tmp_path)
    parts.printing.submit(TICKET, "id")
    folder = parts.spool.folder
    assert parts.spool.last(now=time.time()) is not None
    assert parts.spool.last(now=time.time() + 86400) is None
    assert list(folder.iterdir()) == []  # last.json and the pictures with it


def test_the_agent_starting_on_a_new_day_forgets_the_old_days_codes(tmp_path: Path) -> None:
    parts = parts_for(tmp_path, print_within=60.0)
    parts.printing.submit(TICKET, "id")
    late = parts.spool.add({"ticket": TICKET, "lang": "id", "created_at": time.time() - 61})
    parts.spool.expire(late)
    folder = parts.spool.folder
    for path in folder.glob("*.json"):  # as if all this happened yesterday
        job = json.loads(path.read_text())
        job["created_at"] -= 86400
        path.write_text(json.dumps(job))
    (folder / "job-x.json.tmp").write_bytes(b"{")  # a write cut short
    restarted = parts_for(tmp_path)
    assert list(folder.iterdir()) == []
    assert restarted.spool.last() is None and restarted.spool.shown() == []


def test_the_status_report_sweeps_a_kiosk_left_running_overnight(tmp_path: Path) -> None:
    parts = parts_for(tmp_path, print_within=60.0)
    parts.printing.submit(TICKET, "id")
    path = parts.spool.folder / "last.json"
    job = json.loads(path.read_text())
    job["created_at"] -= 86400
    path.write_text(json.dumps(job))
    parts.printing.report()  # what the heartbeat sends every 30 s
    assert list(parts.spool.folder.iterdir()) == []
