"""Booking limits counted in a real Redis are shared by every server process."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Engine

from queue_server import create_app
from tests.conftest import reset
from tests.support.factories import booking, error, post


def test_two_processes_share_one_patients_booking_limit(sqlite_engine: Engine,
                                                        redis_url: str) -> None:
    reset(sqlite_engine)
    config: dict[str, Any] = {"ENGINE": sqlite_engine, "SECRET_KEY": "limits",
                              "DAY_CLOSE_WORKER": False,
                              "RATELIMIT_STORAGE_URI": redis_url,
                              "BOOKING_LIMIT_PER_NIK": "3 per hour",
                              "BOOKING_LIMIT_PER_ADDRESS": "1000 per minute"}
    a, b = create_app(config).test_client(), create_app(config).test_client()
    today = datetime.now(ZoneInfo("Asia/Jakarta")).date()
    replies = [post(client, booking(today + timedelta(days=day), n=77))
               for day, client in enumerate((a, b, a, b), start=1)]
    assert [r.status_code for r in replies[:3]] == [201, 201, 201]
    refused = replies[3]
    assert refused.status_code == 429 and error(refused) == "too_many_requests"
    assert 1 <= int(refused.headers["Retry-After"]) <= 3600
    # another patient is not held back
    assert post(b, booking(today + timedelta(days=1), n=78)).status_code == 201


def test_bookings_go_on_when_the_limit_store_is_lost(sqlite_engine: Engine) -> None:
    from tests.support.servers import RedisServer

    reset(sqlite_engine)
    redis = RedisServer().start()
    try:
        app = create_app({"ENGINE": sqlite_engine, "SECRET_KEY": "limits",
                          "DAY_CLOSE_WORKER": False,
                          "RATELIMIT_STORAGE_URI": redis.url,
                          "BOOKING_LIMIT_PER_NIK": "1 per hour"}).test_client()
        tomorrow = datetime.now(ZoneInfo("Asia/Jakarta")).date() + timedelta(days=1)
        assert post(app, booking(tomorrow, n=90)).status_code == 201
        assert post(app, booking(tomorrow + timedelta(days=1), n=90)).status_code == 429
        redis.stop()
        # No store, no limits: the patient is served rather than shown a 500.
        assert post(app, booking(tomorrow + timedelta(days=2), n=90)).status_code == 201
    finally:
        redis.stop()
