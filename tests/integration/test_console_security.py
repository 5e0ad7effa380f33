"""Console security: cookie sessions need CSRF tokens; guessing passwords gets slow."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import text

from tests.conftest import Api
from tests.support.clock import FakeClock


def csrf_of(html: str) -> str:
    match = re.search(r'name="csrf-token" content="([^"]+)"', html)
    assert match, "the page carries its CSRF token"
    return match.group(1)


def sign_in(client: Any) -> str:
    token = csrf_of(client.get("/console").get_data(as_text=True))
    reply = client.post("/console/login", data={"username": "petugas", "password": "demo",
                                                 "csrf_token": token})
    assert reply.status_code == 303
    return csrf_of(client.get("/console").get_data(as_text=True))


def test_the_login_form_without_its_csrf_token_is_refused(client: Any) -> None:
    reply = client.post("/console/login", data={"username": "petugas", "password": "demo"})
    assert reply.status_code == 400
    assert reply.get_json()["error"]["code"] == "csrf_failed"


def test_a_cookie_authenticated_post_without_the_csrf_token_is_refused(client: Any,
                                                                      kiosk: Api) -> None:
    kiosk.ticket()
    token = sign_in(client)
    refused = client.post("/api/v1/counters/loket-1/call-next")
    assert refused.status_code == 400 and refused.get_json()["error"]["code"] == "csrf_failed"
    wrong = client.post("/api/v1/counters/loket-1/call-next", headers={"X-CSRFToken": "x"})
    assert wrong.status_code == 400
    ok = client.post("/api/v1/counters/loket-1/call-next", headers={"X-CSRFToken": token})
    assert ok.status_code == 200 and ok.get_json()["number"] == "A-001"
    # Reading needs no CSRF token; a bearer client never needs one.
    assert client.get("/api/v1/counters/loket-1").status_code == 200


def test_the_console_page_sets_a_strict_session_cookie(client: Any) -> None:
    token = csrf_of(client.get("/console").get_data(as_text=True))
    reply = client.post("/console/login", data={"username": "petugas", "password": "demo",
                                                 "csrf_token": token})
    cookie = reply.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_logout_ends_the_session_and_its_token(client: Any) -> None:
    token = sign_in(client)
    assert client.post("/console/logout", data={"csrf_token": token}).status_code == 303
    assert 'name="password"' in client.get("/console").get_data(as_text=True)
    assert client.get("/api/v1/counters").status_code == 401


def test_repeated_failed_logins_are_slowed_down_and_recorded(client: Any, engine: Any,
                                                             clock: FakeClock) -> None:
    def attempt(password: str) -> Any:
        return client.post("/api/v1/auth/login",
                           json={"username": "petugas", "password": password})

    assert [attempt("salah").status_code for _ in range(5)] == [401] * 5
    slowed = attempt("salah")
    assert slowed.status_code == 429 and slowed.get_json()["error"]["code"] == "too_many_attempts"
    assert int(slowed.headers["Retry-After"]) >= 1
    # Even the right password must wait: guessing cannot be hurried.
    assert attempt("demo").status_code == 429
    clock.advance(seconds=2)
    assert attempt("salah").status_code == 401  # the 6th failure: now 2 s to wait
    assert int(attempt("demo").headers["Retry-After"]) == 2
    clock.advance(seconds=3)
    assert attempt("demo").status_code == 200
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT ok FROM login_attempts ORDER BY id")).scalars().all()
    assert rows == [False] * 6 + [True]


def test_other_users_are_not_locked_out_by_someone_elses_failures(client: Any) -> None:
    for _ in range(6):
        client.post("/api/v1/auth/login", json={"username": "petugas", "password": "x"})
    reply = client.post("/api/v1/auth/login", json={"username": "admin", "password": "demo"})
    assert reply.status_code == 200
