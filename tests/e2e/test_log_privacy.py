"""Issue 13, point 5: a day's logs, the libraries' lines included, hold no NIK, BPJS
number, phone or name in clear, yet still say what happened (masked forms)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.app_process import AppProcess
from tests.support.demo_template import DemoDatabases
from tests.support.private_day import PEOPLE, leaks, run_day
from tests.support.servers import server_process

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "log-day-Rahasia-7q2"
KIOSK = "kiosk-log-day-5k1"
DISPLAY = "display-log-day-8w3"


def _env(tmp_path: Path, level: str, database_url: str | None = None) -> dict[str, str]:
    return {**os.environ, "DATABASE_URL": database_url or f"sqlite:///{tmp_path / 'antrian.db'}",
            "SECRET_KEY": "log-day", "ANTRIAN_DEMO_PASSWORD": PASSWORD,
            "ANTRIAN_DEMO_KIOSK_TOKEN": KIOSK, "ANTRIAN_LOG_LEVEL": level,
            "ANTRIAN_BOOKING_LIMIT_PER_ADDRESS": "100000 per minute",
            "ANTRIAN_DEMO_DISPLAY_TOKEN": DISPLAY, "ANTRIAN_DEMO": "1"}


def _json_lines(output: str) -> list[dict]:
    entries = []
    for line in output.splitlines():
        if line.startswith("{"):
            entries.append(json.loads(line))
    return entries


def _assert_useful(output: str) -> None:
    """The masked forms are there: the probes can still be told apart and counted."""
    entries = _json_lines(output)
    paths = [e.get("path", "") for e in entries if e.get("logger") == "antrian.access"]
    # A number typed where a code goes is masked as a code (its first 2 characters).
    assert "/api/v1/bookings/35********" in paths  # the NIK
    assert "/api/v1/bookings/00********" in paths  # the BPJS number
    assert "/api/v1/bookings/08********/cancel" in paths, paths  # the phone
    rules = {e.get("rule") for e in entries if e.get("logger") == "antrian.access"}
    assert {"/api/v1/bookings/<code>", "/t/<path:code>"} <= rules
    ids = {e["request_id"] for e in entries}
    assert "3173********0003" in ids
    assert any(e.get("status") == 201 and e.get("path") == "/api/v1/bookings" for e in entries)


@pytest.mark.parametrize(("database", "level"), [("sqlite", "INFO"), ("sqlite", "DEBUG"),
                                               ("postgresql", "INFO")])
def test_a_served_day_logs_no_personal_data(tmp_path: Path, database: str, level: str,
                                            request: pytest.FixtureRequest,
                                            demo_databases: DemoDatabases) -> None:
    url = request.getfixturevalue("pg_url") if database == "postgresql" else None
    log = tmp_path / "server.log"
    with demo_databases.copy(_env(tmp_path, level, url)) as env, \
            server_process(env, "--demo", log_path=log) as base:
        run_day(base, KIOSK, PASSWORD, DISPLAY)
    output = log.read_text()
    assert leaks(PEOPLE[0].phone) and leaks("+62 " + PEOPLE[1].phone_core)  # the check sees
    assert leaks(output) == []
    _assert_useful(output)


def test_a_gunicorn_day_logs_no_personal_data(tmp_path: Path) -> None:
    env = _env(tmp_path, "INFO")
    for args in (["upgrade"], ["load-config", "config/demo.yaml"]):
        subprocess.run([sys.executable, "-m", "queue_server", *args], cwd=ROOT, env=env,
                       check=True, capture_output=True)
    log = tmp_path / "gunicorn.log"
    app = AppProcess({**env, "GUNICORN_CMD_ARGS": "--access-logfile -"}, log).start()
    try:
        run_day(app.url, KIOSK, PASSWORD, DISPLAY)
    finally:
        app.stop()
    output = log.read_text()
    assert leaks(output) == []
    _assert_useful(output)
    gunicorn = [e["msg"] for e in _json_lines(output) if e["logger"] == "gunicorn.access"]
    # gunicorn's request line too: a number where a code goes is masked as a code
    assert any("/api/v1/bookings/35******** HTTP/1.1" in m for m in gunicorn), gunicorn
