"""Two server processes on one PostgreSQL, sharing events through Redis."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.demo_template import DemoDatabases
from tests.support.http import JsonClient
from tests.support.live import Listener
from tests.support.servers import server_process


@pytest.fixture
def two_servers(pg_url: str, redis_url: str, tmp_path: Path,
                demo_databases: DemoDatabases) -> Iterator[tuple[str, str]]:
    env = {**os.environ, "DATABASE_URL": pg_url, "SOCKETIO_MESSAGE_QUEUE": redis_url,
           "SECRET_KEY": "shared-between-processes"}
    with demo_databases.copy(env) as env, \
            server_process(env, "--demo", log_path=tmp_path / "a.log") as a, \
            server_process(env, "--demo", log_path=tmp_path / "b.log") as b:
        yield a, b


def test_a_call_made_through_one_process_reaches_a_board_on_the_other(
    two_servers: tuple[str, str],
) -> None:
    a, b = two_servers
    board = Listener(b, {"facility": "pkm-demo"})
    try:
        start = board.wait_event("snapshot")["seq"]
        kiosk = JsonClient(a, "demo-kiosk")
        assert kiosk.post("/api/v1/kiosk/tickets", {"service": "pendaftaran"}).status == 201
        token = JsonClient(a).post("/api/v1/auth/login",
                                   {"username": "petugas", "password": "demo"}).body["token"]
        called = JsonClient(a, token).post("/api/v1/counters/loket-1/call-next")
        assert called.status == 200
        heard = board.wait_event("ticket.called")
        assert heard["ticket"]["number"] == "A-001"
        assert heard["ticket"]["counter"]["code"] == "loket-1"
        seqs = [e["seq"] for e in board.events() if "counters" not in e]
        assert seqs == list(range(start + 1, start + 1 + len(seqs)))
        # A token issued by one process works on the other: sessions live in the database.
        assert JsonClient(b, token).post("/api/v1/counters/loket-1/recall").status == 200
        assert board.wait_event("ticket.called", lambda e: e["recall"])["ticket"]["recalls"] == 1
    finally:
        board.close()
