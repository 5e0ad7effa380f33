"""Sockets end with their credential across real server processes: a logout at one
process cuts a console held at another through Redis (not the sweep), and `load-config`
run as its own process deactivating a user cuts that user's console through the sweep."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from tests.support.demo_template import DemoDatabases
from tests.support.http import JsonClient
from tests.support.live import Listener
from tests.support.servers import server_process, wait_until

ROOT = Path(__file__).resolve().parents[2]


def console(base: str, token: str, counter: str = "loket-1") -> Listener:
    """A console socket that also records `session_ended`."""
    listener = Listener(base, {"counter": counter, "token": token})
    listener.sio.on("session_ended", listener.handler("session_ended"))
    listener.wait_event("snapshot")
    return listener


def login(base: str, username: str, password: str) -> str:
    reply = JsonClient(base).post("/api/v1/auth/login",
                                  {"username": username, "password": password})
    assert reply.status == 200, reply.body
    return reply.body["token"]


@pytest.fixture
def two_servers(pg_url: str, redis_url: str, tmp_path: Path,
                demo_databases: DemoDatabases) -> Iterator[tuple[str, str]]:
    """Two processes on one PostgreSQL and one Redis, whose sweep would take ten minutes:
    whatever is cut at once was cut through the message queue."""
    env = {**os.environ, "DATABASE_URL": pg_url, "SOCKETIO_MESSAGE_QUEUE": redis_url,
           "SECRET_KEY": "shared-between-processes", "ANTRIAN_CREDENTIAL_SWEEP_SECONDS": "600"}
    with demo_databases.copy(env) as env, \
            server_process(env, "--demo", log_path=tmp_path / "a.log") as a, \
            server_process(env, "--demo", log_path=tmp_path / "b.log") as b:
        yield a, b


def test_a_logout_at_one_process_cuts_the_console_held_at_the_other(
    two_servers: tuple[str, str],
) -> None:
    a, b = two_servers
    token, other = login(a, "petugas", "demo"), login(a, "petugas", "demo")
    held, kept = console(b, token), console(b, other)
    try:
        assert JsonClient(a, token).post("/api/v1/auth/logout").status == 204
        ended = held.wait_event("session_ended", timeout=5)
        assert ended["code"] == "logged_out"
        wait_until(lambda: not held.sio.connected, timeout=5, what="B to cut the socket")
        assert kept.sio.connected and "session_ended" not in kept.names()
    finally:
        held.close()
        kept.close()


SITE = {
    "facilities": [{
        "code": "pkm-sapu", "name": "Puskesmas Sapu",
        "services": [{"code": "umum", "name": "Poli Umum", "prefix": "U"}],
        "counters": [{"code": "ruang-1", "services": ["umum"]}],
    }],
    "users": [{"username": "petugas-sapu", "facility": "pkm-sapu",
               "password": "sapu-bersih-2026"}],
}


def load_config(env: dict[str, str], path: Path, data: dict) -> None:
    """`python -m queue_server load-config FILE`, a process of its own."""
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "queue_server", "load-config", str(path)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


def test_load_config_deactivating_a_user_cuts_their_console_through_the_sweep(
    tmp_path: Path, demo_databases: DemoDatabases,
) -> None:
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'antrian.db'}",
           "SECRET_KEY": "sweep-test", "ANTRIAN_CREDENTIAL_SWEEP_SECONDS": "0.5"}
    env.pop("SOCKETIO_MESSAGE_QUEUE", None)
    with demo_databases.copy(env) as env, \
            server_process(env, "--demo", log_path=tmp_path / "server.log") as base:
        load_config(env, tmp_path / "site.yaml", SITE)
        held = console(base, login(base, "petugas-sapu", "sapu-bersih-2026"), "ruang-1")
        try:
            off = {**SITE, "users": [{**SITE["users"][0], "active": False}]}
            load_config(env, tmp_path / "site.yaml", off)
            assert held.wait_event("session_ended", timeout=10)["code"] == "session_expired"
            wait_until(lambda: not held.sio.connected, timeout=10, what="the sweep's cut")
            refused = JsonClient(base).post("/api/v1/auth/login", {
                "username": "petugas-sapu", "password": "sapu-bersih-2026"})
            assert refused.status == 401
        finally:
            held.close()
