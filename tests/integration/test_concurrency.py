"""Rules that race, checked over real HTTP with many threads, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from sqlalchemy import text

from tests.support.http import JsonClient


def login(base: str) -> str:
    reply = JsonClient(base).post("/api/v1/auth/login",
                                  {"username": "petugas", "password": "demo"})
    assert reply.status == 200
    return reply.body["token"]


def issue(base: str, count: int, service: str = "pendaftaran") -> list[str]:
    client = JsonClient(base, "demo-kiosk")
    numbers = []
    for _ in range(count):
        reply = client.post("/api/v1/kiosk/tickets", {"service": service})
        assert reply.status == 201, reply.body
        numbers.append(reply.body["number"])
    client.close()
    return numbers


def test_240_walk_ins_from_16_threads_are_numbered_without_gap_or_duplicate(
    live_server: str, engine: Any
) -> None:
    with ThreadPoolExecutor(16) as pool:
        batches = list(pool.map(lambda _: issue(live_server, 15), range(16)))
    numbers = [n for batch in batches for n in batch]
    assert len(numbers) == 240
    assert sorted(numbers) == [f"A-{i:03d}" for i in range(1, 241)]
    # Each thread saw its own numbers rise: the sequence never went backwards.
    assert all(batch == sorted(batch) for batch in batches)
    with engine.connect() as conn:
        seqs = conn.execute(text("SELECT seq FROM tickets ORDER BY seq")).scalars().all()
        issued = conn.execute(
            text("SELECT count(*) FROM ticket_events WHERE kind = 'issued'")).scalar()
    assert seqs == list(range(1, 241)) and issued == 240


def drain(base: str, counter: str, token: str) -> list[str]:
    client = JsonClient(base, token)
    called = []
    while True:
        reply = client.post(f"/api/v1/counters/{counter}/call-next")
        if reply.status == 404:
            assert reply.error_code == "queue_empty"
            break
        assert reply.status == 200, reply.body
        assert reply.body["counter"]["code"] == counter
        called.append(reply.body["number"])
    client.close()
    return called


def test_two_counters_draining_one_queue_call_every_ticket_exactly_once(
    live_server: str, engine: Any
) -> None:
    issued = issue(live_server, 120)
    tokens = [login(live_server), login(live_server)]
    with ThreadPoolExecutor(2) as pool:
        first, second = pool.map(drain, [live_server] * 2, ["loket-1", "loket-2"], tokens)
    assert sorted(first + second) == sorted(issued)
    assert not set(first) & set(second)
    assert first and second, "both counters should have called someone"
    with engine.connect() as conn:
        calls = conn.execute(
            text("SELECT ticket_id FROM ticket_events WHERE kind = 'called'")).scalars().all()
    assert set(Counter(calls).values()) == {1} and len(calls) == 120


def test_staff_at_both_counters_and_kiosks_at_once_never_collide(
    live_server: str, engine: Any
) -> None:
    """Issuing and calling at the same time: nobody called twice, nobody lost."""
    issue(live_server, 10)
    tokens = [login(live_server), login(live_server)]
    with ThreadPoolExecutor(6) as pool:
        issuing = [pool.submit(issue, live_server, 20) for _ in range(4)]
        calling = [pool.submit(drain, live_server, c, t)
                   for c, t in zip(["loket-1", "loket-2"], tokens, strict=True)]
        issued = [n for f in issuing for n in f.result()]
        called = [n for f in calling for n in f.result()]
    assert len(called) == len(set(called))
    assert len(issued) + 10 == 90
    with engine.connect() as conn:
        waiting = conn.execute(
            text("SELECT count(*) FROM tickets WHERE status = 'waiting'")).scalar()
        numbers = conn.execute(text("SELECT number FROM tickets")).scalars().all()
    assert waiting + len(called) == 90
    assert sorted(numbers) == [f"A-{i:03d}" for i in range(1, 91)]
