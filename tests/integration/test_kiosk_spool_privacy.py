"""A booking checked in at the kiosk: what the box keeps of it, and for how long."""

from __future__ import annotations

import json
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kiosk.agent import start_background
from tests.integration.test_kiosk import make_agent
from tests.support.factories import booking, post
from tests.support.printer import FakePrinter

pytestmark = pytest.mark.sqlite_only("the kiosk talks HTTP to the server: one database is "
                                      "enough for this layer")

PIN = {"pin": "2468"}


@pytest.fixture
def agent(live_server: str, printer: FakePrinter, tmp_path: Path) -> Iterator[Any]:
    app = make_agent(live_server, f"network:127.0.0.1:{printer.port}", tmp_path / "spool")
    stop = start_background(app)
    yield app
    stop.set()


def test_a_checked_in_booking_leaves_no_name_and_a_code_for_today_only(
        agent: Any, client: Any, printer: FakePrinter) -> None:
    patient = booking(service="pendaftaran")["patient"]
    code = post(client, booking(service="pendaftaran")).get_json()["code"]
    page = agent.test_client()
    checked = page.post("/api/check-in", json={"code": code})
    assert checked.status_code == 201 and checked.get_json()["printed"] is True
    folder = agent.extensions["kiosk"].spool.folder
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    kept = {p.name: p for p in folder.iterdir()}
    assert {n: stat.S_IMODE(p.stat().st_mode) for n, p in kept.items()} == {
        n: 0o600 for n in kept}
    every = b"".join(p.read_bytes() for p in kept.values())
    for secret in (patient["name"], patient["nik"], patient["phone"]):
        assert secret.encode() not in every
    # Staff can reprint it the same day ...
    again = page.post("/api/staff/reprint", json={**PIN, "job": "last"})
    assert again.get_json()["printed"] is True and len(printer.wait_for_jobs(2)) == 2
    # ... and from the next day on nothing of it is left, not even for a reprint.
    last = folder / "last.json"
    job = json.loads(last.read_text())
    job["created_at"] -= 86400
    last.write_text(json.dumps(job))
    gone = page.post("/api/staff/reprint", json={**PIN, "job": "last"})
    assert gone.status_code == 404 and gone.get_json()["error"]["code"] == "nothing_printed"
    assert code.encode() not in b"".join(p.read_bytes() for p in folder.iterdir())
