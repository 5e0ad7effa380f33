"""Logins are throttled per (account, address): a stranger's failures never lock a staff
member out elsewhere. Only very many failures for one account, from many addresses,
hold it back for everyone, and that is recorded for an admin to see."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, insert, text

from queue_server.domain import throttle
from queue_server.persistence.models import LoginAttempt, SecurityEvent
from tests.conftest import Api
from tests.support.clock import FakeClock

A, B = "10.0.0.1", "10.0.0.2"
EVENTS = "/api/v1/admin/security-events"


@pytest.fixture(autouse=True)
def no_events(engine: Engine) -> None:
    """Security events outlive a test's reset: start each test without any."""
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM security_events"))


def attempt(client: Any, password: str, address: str, username: str = "petugas") -> Any:
    return client.post("/api/v1/auth/login", json={"username": username, "password": password},
                       environ_base={"REMOTE_ADDR": address})


def fail_until(client: Any, clock: FakeClock, failures: int, address: str,
               username: str = "petugas") -> None:
    """`failures` wrong passwords from `address`, waiting out each delay as a patient
    guesser would."""
    done = 0
    while done < failures:
        reply = attempt(client, "salah-lagi", address, username)
        if reply.status_code == 429:
            clock.advance(seconds=int(reply.headers["Retry-After"]))
            continue
        assert reply.status_code == 401, reply.get_json()
        done += 1


def as_user(client: Any, username: str, address: str = "10.9.9.9") -> Api:
    reply = attempt(client, "demo", address, username)
    assert reply.status_code == 200, reply.get_json()
    return Api(client, reply.get_json()["token"])


def test_failures_from_one_address_do_not_delay_the_owner_at_another(
        client: Any, clock: FakeClock) -> None:
    """The issue's example: 13 failures from A made the owner at B wait 237 s."""
    fail_until(client, clock, 13, A)
    clock.advance(seconds=19)
    held = attempt(client, "demo", A)
    assert held.status_code == 429 and held.get_json()["error"]["code"] == "too_many_attempts"
    assert int(held.headers["Retry-After"]) == 237  # A itself still waits
    assert attempt(client, "demo", B).status_code == 200


def test_one_address_guessing_one_account_is_still_slowed_down(
        client: Any, clock: FakeClock) -> None:
    assert [attempt(client, "salah", A).status_code for _ in range(5)] == [401] * 5
    assert attempt(client, "salah", A).status_code == 429
    assert attempt(client, "demo", A).status_code == 429  # right or wrong: wait
    clock.advance(seconds=1)
    assert attempt(client, "salah", A).status_code == 401
    assert int(attempt(client, "demo", A).headers["Retry-After"]) == 2


def test_one_address_spraying_many_names_is_held_back(client: Any) -> None:
    names = [f"tebak-{n}" for n in range(throttle.FREE_FAILURES_PER_ADDRESS)]
    assert {attempt(client, "demo", A, name).status_code for name in names} == {401}
    assert attempt(client, "demo", A, "petugas").status_code == 429
    assert attempt(client, "demo", B, "petugas").status_code == 200


def seed_failures(engine: Engine, clock: FakeClock, count: int) -> None:
    """`count` failed logins as petugas within the window, each from its own address."""
    at = clock.now() - timedelta(minutes=5)
    rows = [{"username": "petugas", "address": f"10.1.{n // 250}.{n % 250}", "at": at,
             "ok": False} for n in range(count)]
    with engine.begin() as conn:
        conn.execute(insert(LoginAttempt), rows)


def events(engine: Engine) -> list[tuple[str, str, str, dict[str, Any]]]:
    with engine.connect() as conn:
        rows = conn.execute(SecurityEvent.__table__.select().order_by(text("id"))).all()
    return [(r.kind, r.subject, r.address, r.detail) for r in rows]


def test_the_account_wide_limit_engages_at_its_count_and_is_recorded(
        app: Any, client: Any, engine: Engine, clock: FakeClock, kiosk: Api) -> None:
    limit = throttle.FREE_FAILURES_PER_ACCOUNT
    seed_failures(engine, clock, limit - 2)
    assert attempt(client, "salah", "10.2.0.1").status_code == 401  # limit - 1
    assert attempt(client, "demo", "10.2.0.2").status_code == 200   # not yet engaged
    assert events(engine) == []
    assert attempt(client, "salah", "10.2.0.3").status_code == 401  # the limit: engaged
    held = attempt(client, "demo", "10.2.0.4")
    assert held.status_code == 429 and held.headers["Retry-After"] == "1"
    assert events(engine) == [("account_throttled", "petugas", "10.2.0.3", {
        "failures": limit, "addresses": limit, "limit": limit, "window_minutes": 15})]
    clock.advance(seconds=1)
    assert attempt(client, "salah", "10.2.0.5").status_code == 401
    assert len(events(engine)) == 1  # once while it lasts, not on every failure

    admin = as_user(client, "admin")
    listed = admin.get(EVENTS)
    assert listed.status_code == 200, listed.get_json()
    [event] = listed.get_json()["events"]
    assert event["kind"] == "account_throttled" and event["subject"] == "petugas"
    assert event["at"] == "2026-11-23T08:00:00+07:00" and event["detail"]["failures"] == limit
    clock.advance(minutes=16)  # the window has passed: the operator logs in again
    operator = as_user(client, "petugas")
    for caller in (operator, kiosk):
        refused = caller.get(EVENTS)
        assert refused.status_code == 403, refused.get_json()
    assert app.test_client().get(EVENTS).status_code == 401  # no login, no cookie


def add_event(engine: Engine, at: str, kind: str, subject: str) -> None:
    with engine.begin() as conn:
        conn.execute(insert(SecurityEvent), [{
            "at": datetime.fromisoformat(at), "kind": kind, "subject": subject,
            "address": "10.3.0.1", "detail": {}}])


def test_admins_filter_security_events_by_time_and_kind(client: Any, engine: Engine) -> None:
    add_event(engine, "2026-11-21T23:30:00+07:00", "account_throttled", "lama")
    add_event(engine, "2026-11-22T08:00:00+07:00", "account_throttled", "kemarin")
    add_event(engine, "2026-11-22T09:00:00+07:00", "booking_voided", "kemarin-batal")
    add_event(engine, "2026-11-23T07:00:00+07:00", "account_throttled", "hari-ini")
    admin = as_user(client, "admin")

    def subjects(query: str) -> list[str]:
        reply = admin.get(f"{EVENTS}?{query}")
        assert reply.status_code == 200, reply.get_json()
        return [e["subject"] for e in reply.get_json()["events"]]

    assert subjects("") == ["hari-ini", "kemarin-batal", "kemarin", "lama"]
    assert subjects("from=2026-11-22&to=2026-11-22") == ["kemarin-batal", "kemarin"]
    assert subjects("kind=account_throttled&from=2026-11-22") == ["hari-ini", "kemarin"]
    assert subjects("to=2026-11-22T08:30:00") == ["kemarin", "lama"]
    assert subjects("limit=1") == ["hari-ini"]
    for bad, code in (("from=kemarin", "invalid_time"), ("limit=0", "invalid_body"),
                      ("limit=100000", "invalid_body"), ("kind=DROP TABLE", "invalid_body"),
                      ("from=2026-11-23&to=2026-11-22", "invalid_range")):
        reply = admin.get(f"{EVENTS}?{bad}")
        assert reply.status_code == 422, (bad, reply.get_json())
        assert reply.get_json()["error"]["code"] == code, bad


@pytest.mark.parametrize("query", [
    "from=0001-01-01", "to=9999-12-31", "from=0001-01-01T00:00:00%2B14:00",
    "to=9999-12-31T23:59:59-12:00", "from=2026-11-23T08:00:00%2B99:00", "from=%00",
    "to=%ED%A0%80", "limit=abc", "limit=1e9", "kind=", "from=&to=",
    "from=2026-02-30", "to=" + "9" * 5000,
])
def test_odd_queries_get_a_4xx_never_a_server_error(client: Any, query: str) -> None:
    reply = as_user(client, "admin").get(f"{EVENTS}?{query}")
    assert 400 <= reply.status_code < 500, (query, reply.get_json())
    assert reply.get_json()["error"]["code"]
