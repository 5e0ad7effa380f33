"""Issue 13 (8): security headers on every answer; Secure cookies over HTTPS."""

from __future__ import annotations

from typing import Any

import pytest

from queue_server import create_app

PAGES = ["/", "/console", "/book", "/display/pkm-demo", "/api/v1/facilities", "/t/ZZZZZZZZZZ"]


@pytest.mark.parametrize("path", PAGES)
def test_every_answer_carries_a_strict_policy(client: Any, path: str) -> None:
    headers = client.get(path).headers
    policy = headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy and headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert "Strict-Transport-Security" not in headers  # plain HTTP


def test_only_the_board_may_be_framed_by_the_configured_players(engine: Any, clock: Any) -> None:
    app = create_app({"TESTING": True, "ENGINE": engine, "DATABASE_URL": str(engine.url),
                      "CLOCK": clock, "SECRET_KEY": "test",
                      "FRAME_ANCESTORS": "https://signage.example"})
    client = app.test_client()
    board = client.get("/display/pkm-demo").headers
    assert "frame-ancestors https://signage.example" in board["Content-Security-Policy"]
    assert "X-Frame-Options" not in board
    console = client.get("/console").headers
    assert "frame-ancestors 'none'" in console["Content-Security-Policy"]


def test_over_https_hsts_and_a_secure_session_cookie(client: Any) -> None:
    page = client.get("/console", base_url="https://antrian.example")
    assert page.headers["Strict-Transport-Security"].startswith("max-age=")
    csrf = page.get_data(as_text=True).split('name="csrf_token" value="')[1].split('"')[0]
    reply = client.post("/console/login", base_url="https://antrian.example",
                        data={"username": "petugas", "password": "demo", "csrf_token": csrf},
                        headers={"Referer": "https://antrian.example/console"})
    assert reply.status_code == 303
    cookie = reply.headers["Set-Cookie"]
    assert "Secure" in cookie and "HttpOnly" in cookie
    plain = client.get("/console")
    assert "Strict-Transport-Security" not in plain.headers
