"""The counter path kept lean (issue 14): what a call-next costs in statements, the pace
kept up to date without re-reading the history, and staff logins checked on every request
(a logout or a deactivation, here or in another process, takes effect at the next
request)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import Engine, event

from queue_server import create_app
from queue_server.persistence.repositories.queue import Tickets
from queue_server.services.cache import MemoryCache
from tests.conftest import Api, login
from tests.support.clock import FakeClock
from tests.support.this_thread import this_thread_only


@contextmanager
def statements(engine: Engine) -> Iterator[list[str]]:
    seen: list[str] = []

    def count(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        seen.append(statement)

    heard = this_thread_only(count)
    event.listen(engine, "before_cursor_execute", heard)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", heard)


def test_a_call_next_that_finishes_a_patient_takes_a_dozen_statements(
    kiosk: Api, staff: Api, engine: Engine,
) -> None:
    """24 before issue 14 (lazy loads, a flush per change, the pace re-read, the staff
    token looked up); the floor here leaves room for PostgreSQL's row lock."""
    for _ in range(3):
        kiosk.ticket()
    assert staff.act("loket-1", "call-next").status_code == 200
    assert staff.act("loket-1", "call-next").status_code == 200  # warm: pace, login
    with statements(engine) as seen:
        reply = staff.act("loket-1", "call-next")
    assert reply.status_code == 200
    assert len(seen) <= 12, "\n".join(s.split("\n")[0] for s in seen)


def test_a_finish_updates_the_kept_pace_without_reading_the_history(
    kiosk: Api, staff: Api, clock: FakeClock, monkeypatch: pytest.MonkeyPatch,
) -> None:
    reads: list[int] = []
    original = Tickets.recent_service_minutes

    def counted(self: Tickets, *args: Any, **kwargs: Any) -> list[float]:
        reads.append(1)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Tickets, "recent_service_minutes", counted)
    for _ in range(6):
        kiosk.ticket()
    for _ in range(6):
        assert staff.act("loket-1", "call-next").status_code == 200
        clock.advance(minutes=6)
    assert len(reads) == 1  # read once, then kept up to date by each finish
    pace = staff.get("/api/v1/facilities/pkm-demo/services").get_json()[0]
    assert pace["minutes_per_patient"] > 3.5  # five six-minute patients over a 2-minute prior


def test_a_logout_ends_the_login_at_the_next_request_with_the_cache_warm(client: Any) -> None:
    token = login(client, "petugas")
    staff = Api(client, token)
    for _ in range(2):
        assert staff.get("/api/v1/counters").status_code == 200
    assert staff.post("/api/v1/auth/logout").status_code == 204
    assert staff.get("/api/v1/counters").status_code == 401


class Ticking:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_logout_in_another_process_ends_the_login_here_at_the_next_request(
    engine: Engine, clock: FakeClock, client: Any,
) -> None:
    """Two apps on one database stand for two server processes."""
    config = {"TESTING": True, "ENGINE": engine, "DATABASE_URL": str(engine.url),
              "CLOCK": clock, "SECRET_KEY": "test"}
    here = create_app(config)
    ticking = Ticking()
    here.extensions["antrian"].cache = MemoryCache(ticking)
    token = login(client, "petugas")
    kept = Api(here.test_client(), token)
    assert kept.get("/api/v1/counters").status_code == 200
    assert Api(client, token).post("/api/v1/auth/logout").status_code == 204
    assert kept.get("/api/v1/counters").status_code == 401  # no time passed


def test_an_expired_login_is_refused_with_the_cache_warm(
    client: Any, clock: FakeClock, app: Any,
) -> None:
    staff = Api(client, login(client, "petugas"))
    assert staff.get("/api/v1/counters").status_code == 200
    clock.advance(hours=app.config["TOKEN_TTL_HOURS"] + 1)
    assert staff.get("/api/v1/counters").status_code == 401
