"""Unknown bearer tokens are limited per address (issue 13 review, point 4).

Before: 200 wrong bearer tokens against /api/v1/kiosk/tickets from one address all got
401, never 429. Now an address with more than TOKEN_MISS_LIMIT unknown tokens is refused
(429 `too_many_unknown_tokens` with Retry-After) on every request that presents a bearer
token, a real one included, until the window ends; other addresses and requests without a
bearer token go on; ended logins (`session_expired`) and a deactivated device's token are
no guesses.
"""

from __future__ import annotations

import secrets
from typing import Any

import pytest
from sqlalchemy import Engine

from queue_server import create_app
from tests.conftest import login
from tests.support import factories
from tests.support.clock import FakeClock

KIOSK = "/api/v1/kiosk/tickets"
GUESSER, CLINIC = "203.0.113.7", "198.51.100.9"
# Facilities outlive a test in the session's databases: a code of its own.
SITE = {"facilities": [{
    "code": factories.fresh("pkm-tebak"), "name": "Puskesmas Tebak",
    "services": [{"code": "umum", "name": "Poli Umum", "prefix": "T"}],
    "counters": [{"code": "ruang-1", "services": ["umum"]}],
    "devices": [{"code": "kiosk-lama", "kind": "kiosk", "token": "tebak-kiosk-lama-token-1"}],
}]}


def make_app(engine: Engine, clock: FakeClock, **config: Any) -> Any:
    return create_app({"TESTING": True, "ENGINE": engine, "DATABASE_URL": str(engine.url),
                       "CLOCK": clock, "SECRET_KEY": "test", "PROXIES": 1, **config})


@pytest.fixture
def app(engine: Engine, clock: FakeClock) -> Any:
    return make_app(engine, clock)  # TOKEN_MISS_LIMIT: the default, 20/minute;200/hour


def take(app: Any, address: str, token: str | None) -> Any:
    headers = {"X-Forwarded-For": address}
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    return app.test_client().post(KIOSK, json={"service": "pendaftaran"}, headers=headers)


def code(reply: Any) -> str:
    return reply.get_json()["error"]["code"]


def test_two_hundred_guessed_tokens_get_429_after_twenty(app: Any) -> None:
    replies = [take(app, GUESSER, secrets.token_urlsafe(24)) for _ in range(200)]
    assert [r.status_code for r in replies[:20]] == [401] * 20
    assert {code(r) for r in replies[:20]} == {"invalid_token"}
    assert {r.status_code for r in replies[20:]} == {429}
    refused = replies[20]
    assert code(refused) == "too_many_unknown_tokens"
    assert 1 <= int(refused.headers["Retry-After"]) <= 60
    assert refused.get_json()["error"]["message"].startswith("Terlalu banyak token")
    # The right token from that address is refused too: a 429 tells no guess was right.
    assert take(app, GUESSER, "demo-kiosk").status_code == 429
    # Another address, and requests without a bearer token from this one, go on.
    assert take(app, CLINIC, "demo-kiosk").status_code == 201
    assert app.test_client().get("/api/v1/facilities",
                                 headers={"X-Forwarded-For": GUESSER}).status_code == 200


def test_the_hourly_window_holds_once_the_minute_is_over(engine: Engine,
                                                          clock: FakeClock) -> None:
    app = make_app(engine, clock, TOKEN_MISS_LIMIT="100/minute;5/hour")
    statuses = [take(app, GUESSER, f"tebakan-{n}").status_code for n in range(7)]
    assert statuses == [401] * 5 + [429] * 2


def test_an_ended_login_is_no_guess(app: Any) -> None:
    client = app.test_client()
    token = login(client, "petugas")
    assert client.post("/api/v1/auth/logout",
                       headers={"Authorization": f"Bearer {token}"}).status_code == 204
    # A console left open overnight keeps asking with its ended login.
    for _ in range(50):
        reply = app.test_client().get("/api/v1/counters", headers={
            "X-Forwarded-For": CLINIC, "Authorization": f"Bearer {token}"})
        assert reply.status_code == 401 and code(reply) == "session_expired"
    assert take(app, CLINIC, "demo-kiosk").status_code == 201


def test_a_deactivated_devices_token_is_no_guess(app: Any, engine: Engine) -> None:
    factories.load(engine, SITE)
    site = {"facilities": [{**SITE["facilities"][0], "devices": [
        {**SITE["facilities"][0]["devices"][0], "active": False}]}]}
    factories.load(engine, site)
    for _ in range(30):  # a kiosk left running: its heartbeat, every 30 s
        reply = take(app, CLINIC, "tebak-kiosk-lama-token-1")
        assert reply.status_code == 401 and code(reply) == "invalid_token"
    assert take(app, CLINIC, "demo-kiosk").status_code == 201


def test_unknown_session_tokens_count_for_the_address(app: Any) -> None:
    client = app.test_client()
    with client.session_transaction() as session:
        session["token"] = "made-up-session-token"
    for _ in range(20):
        reply = client.get("/api/v1/counters", headers={"X-Forwarded-For": GUESSER})
        assert reply.status_code == 401 and code(reply) == "invalid_token"
    refused = client.get("/api/v1/counters", headers={"X-Forwarded-For": GUESSER})
    assert refused.status_code == 429 and code(refused) == "too_many_unknown_tokens"
    assert take(app, GUESSER, "demo-kiosk").status_code == 429


def test_tokens_guessed_through_console_sockets_count_too(app: Any) -> None:
    """A console socket's `auth` token is a bearer token by another road: guesses there
    count for the address, and once over the limit even a real token is refused."""
    sio = app.extensions["socketio"]

    def connect(token: str, address: str = GUESSER) -> Any:
        return sio.test_client(app, auth={"counter": "loket-1", "token": token},
                               headers={"X-Forwarded-For": address})

    for _ in range(21):  # the 21st is over the limit of 20 a minute
        assert not connect(secrets.token_urlsafe(24)).is_connected()
    assert take(app, GUESSER, "demo-kiosk").status_code == 429  # the same address's count
    assert not connect(login(app.test_client(), "petugas")).is_connected()
    assert connect(login(app.test_client(), "petugas"), CLINIC).is_connected()
