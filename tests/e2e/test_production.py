"""The production shape: gunicorn processes on PostgreSQL, events through Redis, and faults."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import text

from queue_server.persistence.db import make_engine
from tests.support.app_process import AppProcess
from tests.support.http import JsonClient
from tests.support.live import Listener
from tests.support.servers import PgServer, RedisServer, empty_database, wait_until

ROOT = Path(__file__).resolve().parents[2]


def prepare(database_url: str, env: dict[str, str]) -> None:
    """An empty database, migrated, with the demo loaded (what an operator does once)."""
    if database_url.startswith("postgresql"):
        empty_database(database_url)
    for args in (["upgrade"], ["load-config", "config/demo.yaml"]):
        subprocess.run([sys.executable, "-m", "queue_server", *args], cwd=ROOT, env=env,
                       check=True, capture_output=True)


def environment(database_url: str, redis_url: str | None) -> dict[str, str]:
    # The demo's users and tokens on purpose (gunicorn refuses them unless told so).
    env = {**os.environ, "DATABASE_URL": database_url, "SECRET_KEY": "one-secret-for-all",
           "ANTRIAN_DEMO": "1",
           "ANTRIAN_BOOKING_LIMIT_PER_ADDRESS": "100000 per minute"}
    if redis_url:
        env["SOCKETIO_MESSAGE_QUEUE"] = redis_url
        env["ANTRIAN_RATELIMIT_STORAGE_URI"] = redis_url
    return env


@pytest.fixture
def two_processes(pg_database: str, redis_url: str, tmp_path: Path) -> Iterator[list[AppProcess]]:
    env = environment(pg_database, redis_url)
    prepare(pg_database, env)
    apps = AppProcess.start_all([AppProcess(env, tmp_path / f"{name}.log") for name in "ab"])
    yield apps
    for app in apps:
        app.stop()


def token(base: str) -> str:
    return JsonClient(base).post("/api/v1/auth/login",
                                 {"username": "petugas", "password": "demo"}).body["token"]


def issue(base: str, count: int) -> list[str]:
    client = JsonClient(base, "demo-kiosk")
    numbers = []
    for _ in range(count):
        reply = client.post("/api/v1/kiosk/tickets", {"service": "pendaftaran"})
        assert reply.status == 201, reply.body
        numbers.append(reply.body["number"])
    return numbers


def drain(base: str, counter: str, bearer: str) -> list[str]:
    client = JsonClient(base, bearer)
    called = []
    while (reply := client.post(f"/api/v1/counters/{counter}/call-next")).status == 200:
        called.append(reply.body["number"])
    assert reply.error_code == "queue_empty"
    return called


def test_400_tickets_through_two_processes_are_unique_and_gap_free_and_drain_once(
    two_processes: list[AppProcess],
) -> None:
    a, b = (p.url for p in two_processes)
    with ThreadPoolExecutor(8) as pool:
        batches = list(pool.map(issue, [a, b] * 4, [50] * 8))
    numbers = sorted(n for batch in batches for n in batch)
    assert numbers == [f"A-{i:03d}" for i in range(1, 401)]
    with ThreadPoolExecutor(2) as pool:
        first, second = pool.map(drain, [a, b], ["loket-1", "loket-2"], [token(a), token(b)])
    assert sorted(first + second) == numbers and not set(first) & set(second)


def bookable_day(base: str, service: str) -> str:
    """The first day from tomorrow (the server runs on the real clock) on which `service`
    takes bookings: a fixed date became yesterday as the calendar moved on (a 422)."""
    start = datetime.now(ZoneInfo("Asia/Jakarta")).date()
    for ahead in range(1, 15):
        day = (start + timedelta(days=ahead)).isoformat()
        found = JsonClient(base).get(f"/api/v1/facilities/pkm-demo/services?date={day}").body
        entry = next(s for s in found if s["code"] == service)
        if entry["bookable_today"] and entry["quota_left"] == entry["booking_quota"]:
            return day
    raise AssertionError(f"{service} takes no booking in the next two weeks")


def test_a_booking_rush_split_across_both_never_exceeds_the_quota(
    two_processes: list[AppProcess],
) -> None:
    bases = [p.url for p in two_processes]
    day = bookable_day(bases[0], "lab")

    def book(i: int) -> tuple[int, str | None]:
        reply = JsonClient(bases[i % 2]).post("/api/v1/bookings", {
            "facility": "pkm-demo", "service": "lab", "date": day,
            "patient": {"nik": f"357801010190{i:04d}", "name": "Budi",
                        "phone": "081234567890"}})
        return reply.status, reply.body.get("number") if reply.status == 201 else None

    with ThreadPoolExecutor(16) as pool:
        replies = list(pool.map(book, range(90)))
    statuses = [status for status, _ in replies]
    assert statuses.count(201) == 50 and statuses.count(409) == 40
    # Decided in groups in each process (services/booking_groups.py): still one number
    # each, none twice, none skipped.
    numbers = sorted(int(number.rsplit("-", 1)[1]) for _, number in replies if number)
    assert numbers == list(range(1, 51))
    services = JsonClient(bases[0]).get(
        f"/api/v1/facilities/pkm-demo/services?date={day}").body
    assert next(s for s in services if s["code"] == "lab")["quota_left"] == 0


def test_kill_9_mid_morning_loses_nothing_and_boards_resync(
    two_processes: list[AppProcess],
) -> None:
    a, b = two_processes
    issued = issue(a.url, 10)
    assert JsonClient(a.url, token(a.url)).post("/api/v1/counters/loket-1/call-next").status == 200
    board = Listener(b.url, {"facility": "pkm-demo"}, reconnect=True)
    try:
        board.wait_event("snapshot")
        b.kill(9)
        issue(a.url, 5)  # the morning goes on through the other process
        b.start()
        snapshots = lambda received: [d for n, d, _ in received if n == "snapshot"]  # noqa: E731
        board.wait_for(lambda received: len(snapshots(received)) >= 2, timeout=30)
        fresh = snapshots(board.received)[-1]
        assert next(s for s in fresh["services"] if s["code"] == "pendaftaran")["waiting"] == 14
        assert issue(b.url, 1) == ["A-016"]  # numbers continue
        engine = make_engine(os.environ.get("ANTRIAN_TEST_PG_URL") or a.env["DATABASE_URL"])
        with engine.connect() as conn:
            numbers = conn.execute(text("SELECT number FROM tickets ORDER BY seq")).scalars().all()
        engine.dispose()
        assert numbers[:10] == issued and len(numbers) == 16
    finally:
        board.close()


def test_redis_lost_keeps_http_working_and_events_resume(pg_database: str, tmp_path: Path) -> None:
    redis = RedisServer().start()
    env = environment(pg_database, redis.url)
    prepare(pg_database, env)
    a, b = AppProcess.start_all([AppProcess(env, tmp_path / f"{n}.log") for n in "ab"])
    board = None
    try:
        board = Listener(b.url, {"facility": "pkm-demo"}, reconnect=True)
        board.wait_event("snapshot")
        redis.stop()
        assert JsonClient(a.url).get("/readyz").status == 503
        assert issue(a.url, 3) == ["A-001", "A-002", "A-003"]  # HTTP keeps working
        redis.start()
        wait_until(lambda: JsonClient(a.url).get("/readyz").status == 200, timeout=30)
        bearer = token(a.url)

        def heard_a_call() -> bool:
            JsonClient(a.url, bearer).post("/api/v1/counters/loket-1/recall")
            return any(n == "ticket.called" for n, _, _ in board.received)

        JsonClient(a.url, bearer).post("/api/v1/counters/loket-1/call-next")
        wait_until(heard_a_call, timeout=30, interval=0.5, what="events through Redis again")
    finally:
        if board is not None:
            board.close()
        a.stop()
        b.stop()
        redis.stop()


def test_postgresql_lost_gives_503_then_recovers_without_restart(tmp_path: Path) -> None:
    pg = PgServer().start()
    env = environment(pg.url, None)
    prepare(pg.url, env)
    app = AppProcess(env, tmp_path / "app.log").start()
    try:
        assert issue(app.url, 1) == ["A-001"]
        pg.stop()
        down = JsonClient(app.url, "demo-kiosk").post("/api/v1/kiosk/tickets",
                                                      {"service": "pendaftaran"})
        assert down.status == 503 and down.error_code == "database_unavailable"
        assert JsonClient(app.url).get("/healthz").status == 503
        pg.start()
        wait_until(lambda: JsonClient(app.url).get("/healthz").status == 200, timeout=30)
        assert issue(app.url, 1) == ["A-002"]  # nothing half-written by the failed try
    finally:
        app.stop()
        pg.remove()


def test_a_backup_taken_while_issuing_restores_to_a_working_server(tmp_path: Path) -> None:
    live_db, restored_db = tmp_path / "live.db", tmp_path / "restored.db"
    env = environment(f"sqlite:///{live_db}", None)
    prepare(env["DATABASE_URL"], env)
    app = AppProcess(env, tmp_path / "live.log").start()
    stop = threading.Event()
    issued: list[str] = []

    def keep_issuing() -> None:
        while not stop.is_set():
            issued.extend(issue(app.url, 1))

    worker = threading.Thread(target=keep_issuing)
    try:
        worker.start()
        wait_until(lambda: len(issued) >= 20, what="tickets being issued")
        backup = subprocess.run([sys.executable, "-m", "queue_server", "backup",
                                 str(tmp_path / "backup.db")], cwd=ROOT, env=env,
                                capture_output=True, text=True)
        assert backup.returncode == 0, backup.stderr
        after = len(issued)
        wait_until(lambda: len(issued) >= after + 5, what="tickets issued after the backup")
    finally:
        stop.set()
        worker.join()
        app.stop()
    env2 = environment(f"sqlite:///{restored_db}", None)
    restore = subprocess.run([sys.executable, "-m", "queue_server", "restore",
                              str(tmp_path / "backup.db")], cwd=ROOT, env=env2,
                             capture_output=True, text=True)
    assert restore.returncode == 0, restore.stderr
    restored = AppProcess(env2, tmp_path / "restored.log").start()
    try:
        board = JsonClient(restored.url).get("/api/v1/facilities/pkm-demo/board").body
        waiting = next(s for s in board["services"] if s["code"] == "pendaftaran")["waiting"]
        assert 20 <= waiting <= len(issued)
        # Every ticket up to the backup is there, in order, and numbering goes on after it.
        assert issue(restored.url, 1) == [f"A-{waiting + 1:03d}"]
        engine = make_engine(env2["DATABASE_URL"])
        with engine.connect() as conn:
            numbers = conn.execute(text("SELECT number FROM tickets ORDER BY seq")).scalars().all()
        engine.dispose()
        assert numbers[:-1] == issued[:waiting]
    finally:
        restored.stop()




def test_an_idle_pooled_connection_cut_by_a_restart_is_replaced_before_use(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from queue_server.persistence import db

    pg = PgServer().start()
    engine = make_engine(pg.url, pool_size=1, max_overflow=0)
    try:
        with engine.connect() as conn:
            assert conn.execute(text("SELECT 1")).scalar_one() == 1
        pg.stop()
        pg.start()  # the pooled connection is now dead, and idle
        monkeypatch.setattr(db, "IDLE_PING_SECONDS", 0.0)
        with engine.connect() as conn:
            assert conn.execute(text("SELECT 2")).scalar_one() == 2
    finally:
        engine.dispose()
        pg.remove()
