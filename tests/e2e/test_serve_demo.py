"""The server as its users start it: `python -m queue_server serve --demo`, in a process."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from queue_server import create_app
from queue_server.persistence.db import make_engine
from queue_server.persistence.migrate import SchemaOutOfDate
from tests.support.http import JsonClient
from tests.support.servers import empty_database, server_process

ROOT = Path(__file__).resolve().parents[2]


def run_cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "queue_server", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'antrian.db'}"
    url = request.getfixturevalue("pg_database")
    empty_database(url)
    return url


@pytest.fixture
def server_env(database_url: str, tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "DATABASE_URL": database_url, "SECRET_KEY": "e2e",
            "ANTRIAN_DEMO_PASSWORD": "rahasia-demo", "ANTRIAN_DEMO_KIOSK_TOKEN": "kiosk-e2e"}


@pytest.fixture
def demo_server(server_env: dict[str, str], tmp_path: Path) -> Iterator[tuple[str, Path]]:
    log = tmp_path / "server.log"
    with server_process(server_env, "--demo", log_path=log) as base:
        yield base, log


def test_the_demo_server_issues_and_calls_with_the_demo_credentials(
    demo_server: tuple[str, Path],
) -> None:
    base, log = demo_server
    printed = log.read_text()
    assert "petugas / rahasia-demo" in printed and "kiosk-e2e" in printed
    kiosk = JsonClient(base, "kiosk-e2e")
    ticket = kiosk.post("/api/v1/kiosk/tickets", {"service": "pendaftaran"})
    assert ticket.status == 201 and ticket.body["number"] == "A-001"
    login = JsonClient(base).post("/api/v1/auth/login",
                                  {"username": "petugas", "password": "rahasia-demo"})
    assert login.status == 200
    staff = JsonClient(base, login.body["token"])
    called = staff.post("/api/v1/counters/loket-1/call-next")
    assert called.status == 200 and called.body["number"] == "A-001"
    facilities = JsonClient(base).get("/api/v1/facilities").body
    assert [f["code"] for f in facilities] == ["pkm-demo"]
    services = JsonClient(base).get("/api/v1/facilities/pkm-demo/services").body
    assert [(s["code"], s["prefix"], s["booking_quota"], s["walkin_limit"]) for s in services] == [
        ("pendaftaran", "A", 50, None), ("umum", "B", 50, None), ("gigi", "C", 50, None),
        ("kia", "D", 50, None), ("lab", "E", 50, None), ("apotek", "F", 50, None)]
    # BPJS (issue 19): 35 of the polis' 50 places kept for JKN; the demo's mapping, and
    # its fake BPJS on the demo server itself.
    assert [s["jkn_quota"] for s in services] == [None, 35, 35, 35, None, None]
    admin = JsonClient(base, JsonClient(base).post(
        "/api/v1/auth/login", {"username": "admin", "password": "rahasia-demo"}).body["token"])
    setup = admin.get("/api/v1/bpjs/facilities/pkm-demo").body
    assert setup["level"] == "fkrtl" and {s["kodepoli"] for s in setup["services"]} == {
        "UMU", "GIG", "KIA", None}
    assert JsonClient(base).get("/_fake-bpjs/_fake/calls").status == 200
    board = JsonClient(base).get("/api/v1/facilities/pkm-demo/board").body
    assert [c["code"] for c in board["counters"]] == [
        "loket-1", "loket-2", "poli-umum", "poli-gigi", "kia", "lab", "apotek"]


def test_loading_the_demo_twice_changes_nothing(server_env: dict[str, str]) -> None:
    first = run_cli(server_env, "load-config", "config/demo.yaml")
    second = run_cli(server_env, "load-config", "config/demo.yaml")
    assert first.returncode == 0 and second.returncode == 0, first.stderr + second.stderr
    engine = make_engine(server_env["DATABASE_URL"])
    with engine.connect() as conn:
        counts = [conn.execute(text(f"SELECT count(*) FROM {t}")).scalar()
                  for t in ("facilities", "services", "counters", "users", "devices",
                            "offices", "office_members")]
    engine.dispose()
    # users: admin, petugas, kepala, dinkes and the office staff: mediacenter, opd,
    # kepala-opd (e-Wadul), tu-dsdabm, kabid-dsdabm, tu-dlh (e-Surat), dpmptsp,
    # kepala-dpmptsp, pengawas, dlh, dprkpp (SSW), rw01, rw02, kelurahan, kecamatan,
    # bappeda, ppk-dsdabm, pokja, bpkad, penyedia (the planning chain)
    assert counts == [1, 6, 7, 24, 2, 22, 20]


def test_a_broken_config_file_is_refused_with_a_message(server_env: dict[str, str],
                                                        tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("facilities:\n  - code: x\n    name: X\n    services:\n"
                   "      - {code: a, name: A, prefix: a1}\n")
    result = run_cli(server_env, "load-config", str(bad))
    assert result.returncode == 2 and "Prefix 'a1'" in result.stderr


def test_the_app_refuses_an_old_schema_until_upgraded(server_env: dict[str, str]) -> None:
    url = server_env["DATABASE_URL"]
    with pytest.raises(SchemaOutOfDate, match="upgrade"):
        create_app({"DATABASE_URL": url, "SECRET_KEY": "x", "DAY_CLOSE_WORKER": False})
    assert run_cli(server_env, "upgrade").returncode == 0
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "x", "DAY_CLOSE_WORKER": False})
    assert app.test_client().get("/healthz").status_code == 200
    app.extensions["antrian"].engine.dispose()
