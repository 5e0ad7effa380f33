"""The per-phone code limit and the unknown-token limit are counted in Redis, shared by
every server process (issue 13 review, points 1 and 4), and the store holds no phone or
NIK in clear."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import redis
from sqlalchemy import Engine

from queue_server import create_app
from tests.conftest import reset
from tests.support.factories import booking, nik
from tests.support.receiver import Receiver

PHONE = "081377778888"


@pytest.fixture
def two_apps(sqlite_engine: Engine, redis_url: str,
             receiver: Receiver) -> Iterator[list[Any]]:
    reset(sqlite_engine)
    store = redis.Redis.from_url(redis_url)
    store.flushdb()
    config: dict[str, Any] = {"ENGINE": sqlite_engine, "SECRET_KEY": "shared-limits",
                              "DAY_CLOSE_WORKER": False, "RATELIMIT_STORAGE_URI": redis_url,
                              "NOTIFY_WEBHOOK_URL": receiver.url, "NOTIFY_WORKER": False,
                              "BOOKING_LIMIT_PER_PHONE": "3 per 10 minutes",
                              "TOKEN_MISS_LIMIT": "4/minute"}
    yield [create_app(config).test_client(), create_app(config).test_client()]
    store.flushdb()  # no count of these tests reaches the session's other servers


def test_two_processes_share_one_phones_codes(two_apps: list[Any], redis_url: str) -> None:
    tomorrow = datetime.now(ZoneInfo("Asia/Jakarta")).date() + timedelta(days=1)
    statuses = [two_apps[n % 2].post("/api/v1/bookings",
                                     json=booking(tomorrow, n=n, phone=PHONE)).status_code
                for n in range(1, 6)]
    assert statuses == [202, 202, 202, 429, 429]
    keys = [k.decode() for k in redis.Redis.from_url(redis_url).keys("antrian:limit:*")]
    assert any(":phone:" in k for k in keys) and any(":pair:" in k for k in keys), keys
    for clear in ("81377778888", nik(1), nik(2)):
        assert not any(clear in k for k in keys), keys


def test_two_processes_share_one_addresss_token_misses(two_apps: list[Any]) -> None:
    statuses = [two_apps[n % 2].post("/api/v1/kiosk/tickets", json={"service": "umum"},
                                     headers={"Authorization": f"Bearer tebakan-{n}"})
                .status_code for n in range(6)]
    assert statuses == [401] * 4 + [429] * 2
    assert two_apps[0].post("/api/v1/kiosk/tickets", json={"service": "umum"}, headers={
        "Authorization": "Bearer demo-kiosk"}).status_code == 429
