"""The rate-limit windows kept in Redis (edge/ratelimit.RedisCounts): every window of a
request counted in one command (a Lua script, issue 20), against a real Redis."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import redis

from queue_server.edge.ratelimit import RedisCounts
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
