"""The rate-limit windows kept in Redis (edge/ratelimit.RedisCounts): every window of a
request counted in one command (a Lua script, issue 20), and the requests that arrive
together in one such command, against a real Redis."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
import redis

from queue_server.edge.ratelimit import RedisCounts
from tests.support.combiner import queued
from tests.support.servers import redis_server


@pytest.fixture(scope="module")
def url() -> Iterator[str]:
    with redis_server() as found:
        yield found


def test_each_window_counts_and_says_how_long_once_over(url: str) -> None:
    counts = RedisCounts(url)
    windows = [("t:minute:a", 60, 2), ("t:hour:a", 3600, 100)]
    assert counts.hit(windows) == [] and counts.hit(windows) == []
    over = counts.hit(windows)
    assert len(over) == 1 and 0 < over[0] <= 60  # only the minute's window is over
    store = redis.Redis.from_url(url)
    assert [int(store.get(k) or 0) for k, _, _ in windows] == [3, 3]
    assert 3590 < store.ttl("t:hour:a") <= 3600  # set by the window's first request
    assert len(counts.over(windows)) == 1  # looking counts nothing more


def test_a_redis_that_forgot_the_script_is_sent_it_again(url: str) -> None:
    counts = RedisCounts(url)
    assert counts.hit([("t:flush", 60, 5)]) == []
    redis.Redis.from_url(url).script_flush()
    assert counts.hit([("t:flush", 60, 5)]) == []
    assert int(redis.Redis.from_url(url).get("t:flush") or 0) == 2


def test_no_window_sends_nothing_and_a_lost_redis_limits_nothing() -> None:
    assert RedisCounts("redis://127.0.0.1:1/0").hit([]) == []
    assert RedisCounts("redis://127.0.0.1:1/0").hit([("t:gone", 60, 0)]) == []


def test_requests_counted_at_once_share_one_call_and_each_gets_its_own_counts(
        url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A rush's requests: those that arrive while others' windows are being counted
    are counted together, in one script call, each told only about its own windows."""
    counts = RedisCounts(url)
    calls: list[int] = []
    gate, arrived = threading.Event(), threading.Event()
    script = counts._hit

    def held(keys: list[str], args: list[int]) -> list[int]:
        calls.append(len(keys))
        if len(calls) == 1:  # the first call waits until the others are queued
            arrived.set()
            assert gate.wait(5)
        return list(script(keys=keys, args=args))

    monkeypatch.setattr(counts, "_hit", held)
    changed = queued(counts._together)
    shared = ("t:group:address", 60, 3)  # one address, several patients
    with ThreadPoolExecutor(4) as pool:
        first = pool.submit(counts.hit, [shared, ("t:group:nik:0", 60, 1)])
        assert arrived.wait(5)
        rest = [pool.submit(counts.hit, [shared, (f"t:group:nik:{n}", 60, 1)])
                for n in (1, 2, 3)]
        with changed:
            assert changed.wait_for(lambda: len(counts._together._waiting) == 3, timeout=5)
        gate.set()
        replies = [first.result(5)] + [f.result(5) for f in rest]
    assert calls == [2, 6]  # the three that waited: one call
    # Four requests from one address allowed three: exactly one is refused, for that
    # window alone; each NIK's own window counted once.
    assert sum(1 for over in replies if over) == 1
    store = redis.Redis.from_url(url)
    assert int(store.get("t:group:address") or 0) == 4
    assert [int(store.get(f"t:group:nik:{n}") or 0) for n in range(4)] == [1, 1, 1, 1]
