"""Whatever a client sends, the answer is never a 5xx: a sweep of odd inputs over every route."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import text

from tests.conftest import Api
from tests.support.clock import FakeClock

ROUTES = [
    ("POST", "/api/v1/auth/login"), ("POST", "/api/v1/auth/logout"),
    ("GET", "/api/v1/facilities"), ("GET", "/api/v1/facilities/pkm-demo/services"),
    ("GET", "/api/v1/facilities/pkm-demo/board"), ("POST", "/api/v1/kiosk/tickets"),
    ("POST", "/api/v1/bookings"), ("POST", "/api/v1/bookings/lookup"),
    ("POST", "/api/v1/bookings/ABCDEFGHJK/confirm"),
    ("POST", "/api/v1/facilities/pkm-demo/bookings/ABCDEFGHJK/void"),
    ("GET", "/api/v1/admin/security-events?from=%00&to=2026-99-01&kind=%ED%A0%80&limit=1e9"),
    *[("POST", f"/api/v1/counters/loket-1/{a}") for a in
      ("call-next", "recall", "start", "skip", "finish", "requeue", "pause", "resume")],
]
BODIES: list[Any] = [None, [], "text", 0, {"service": None}, {"service": "x" * 5000},
                     {"transfer_to": ["umum"]}, {"number": {"a": 1}},
                     {"username": "a" * 1000, "password": ""}, {"priority": "elderly"},
                     {"service": "ｕｍｕｍ\u0000"}, {"transfer_to": "аpotek"},
                     {"nik": "٣" * 16, "phone": ["0812"]}, {"nik": 3578, "phone": None},
                     {"patient": {"nik": "\ud800"}}, {"facility": "\u3000", "service": "umum"}]


@pytest.mark.parametrize(("method", "path"), ROUTES)
def test_no_route_answers_with_a_server_error(client: Any, method: str, path: str) -> None:
    for token in (None, "demo-kiosk"):
        caller = Api(client, token)
        for body in BODIES:
            reply = caller.client.open(path, method=method, json=body,
                                       headers=caller.headers())
            assert reply.status_code < 500, (path, body, reply.get_json())
            if reply.status_code >= 400:
                assert reply.get_json()["error"]["code"]
        for raw in (b"\xff\xfe", b"{", b'{"service": "umum"'):
            reply = client.open(path, method=method, data=raw,
                                headers={**caller.headers(), "Content-Type": "application/json"})
            assert reply.status_code < 500, (path, raw)
    query = client.open(f"{path}?facility=%00&date=9999-99-99", method=method)
    assert query.status_code < 500
    odd_path = path.replace("pkm-demo", "pkм-%00demo").replace("loket-1", "%EF%BC%AC٣")
    assert client.open(odd_path, method=method).status_code < 500


def test_a_token_stops_working_when_its_lifetime_ends(staff: Api, clock: FakeClock) -> None:
    assert staff.act("loket-1", "pause").status_code == 200
    clock.advance(hours=12, seconds=1)
    reply = staff.act("loket-1", "resume")
    assert reply.status_code == 401 and reply.get_json()["error"]["code"] == "session_expired"


def test_sqlite_runs_in_wal_mode(sqlite_engine: Any) -> None:
    with sqlite_engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"


def test_tokens_are_stored_only_as_hashes(client: Any, engine: Any) -> None:
    token = client.post("/api/v1/auth/login",
                        json={"username": "petugas", "password": "demo"}).get_json()["token"]
    with engine.connect() as conn:
        stored = conn.execute(text("SELECT token_hash FROM auth_tokens")).scalars().all()
        passwords = conn.execute(text("SELECT password_hash FROM users")).scalars().all()
    assert token not in stored and len(stored[0]) == 64
    assert all(p.startswith(("scrypt:", "pbkdf2:")) for p in passwords)
