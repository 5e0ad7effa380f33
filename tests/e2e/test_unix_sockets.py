"""PostgreSQL and Redis on the server's own host, reached through their Unix-domain sockets
(`make prod`, bench/rush.py): migrations, the demo, bookings counted against the shared
rate limits in Redis, and a call heard on a board served by the other process."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.test_production import bookable_day, environment, issue, prepare, token
from tests.support.app_process import AppProcess
from tests.support.http import JsonClient
from tests.support.live import Listener
from tests.support.servers import PgServer, RedisServer


@pytest.fixture
def through_sockets(tmp_path: Path) -> Iterator[list[AppProcess]]:
    pg, redis = PgServer().start(), RedisServer().start()
    env = environment(pg.socket_url, redis.socket_url)
    env["ANTRIAN_BOOKING_LIMIT_PER_NIK"] = "2 per minute"
    apps: list[AppProcess] = []
    try:
        prepare(pg.socket_url, env)
        apps = AppProcess.start_all([AppProcess(env, tmp_path / f"{n}.log") for n in "ab"])
        yield apps
    finally:
        for app in apps:
            app.stop()
        redis.stop()
        pg.remove()


def test_both_processes_work_through_the_sockets(through_sockets: list[AppProcess]) -> None:
    a, b = (p.url for p in through_sockets)
    assert JsonClient(a).get("/readyz").status == 200  # the database and Redis answer
    board = Listener(b, {"facility": "pkm-demo"})
    try:
        board.wait_event("snapshot")
        assert issue(a, 2) == ["A-001", "A-002"]
        JsonClient(a, token(a)).post("/api/v1/counters/loket-1/call-next")
        board.wait_for(lambda got: any(n == "ticket.called" for n, _, _ in got), timeout=30)
    finally:
        board.close()
    day = bookable_day(a, "lab")
    body = {"facility": "pkm-demo", "service": "lab", "date": day,
            "patient": {"nik": "3578010101900001", "name": "Budi", "phone": "081234567890"}}
    # One NIK's allowance is counted in Redis, across both processes.
    statuses = [JsonClient(base).post("/api/v1/bookings", body).status for base in (a, b, a)]
    assert statuses[0] == 201 and statuses[2] == 429
