"""Chunked request bodies are screened like any other (issue 13, review of point 3).

Before, the screening looked only at bodies with a Content-Length: sent with
`Transfer-Encoding: chunked`, a lone surrogate in a login gave 500 (422 when not chunked),
JSON nested 5,000 deep or an integer of 5,000 digits gave 500, a NUL was stored in a
booking's name, and on PostgreSQL NUL logins and bookings gave a false 503
`database_unavailable`. The 64 KiB cap holds for chunked bodies too.

Every WSGI server the app runs under (gevent's, gunicorn's, Werkzeug's) reads chunked
bodies itself and marks its input `wsgi.input_terminated`; Werkzeug's test client does
not, so `chunked` says so as those servers do.
"""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from sqlalchemy import Engine, text

from tests.support.factories import booking

DEEP = ("[" * 5000 + "]" * 5000).encode()
HUGE = ('{"service": ' + "9" * 5000 + "}").encode()


def chunked(client: Any, path: str, body: bytes, **headers: str) -> Any:
    """POST `body` as a chunked JSON body, as a real server hands it to the app."""
    return client.open(path, method="POST", input_stream=io.BytesIO(body),
                       headers={"Content-Type": "application/json",
                                "Transfer-Encoding": "chunked", **headers},
                       environ_overrides={"wsgi.input_terminated": True})


def visits(engine: Engine) -> int:
    with engine.connect() as conn:
        return conn.execute(text("SELECT count(*) FROM visits")).scalar_one()


def test_the_chunked_body_really_reaches_the_route(client: Any) -> None:
    """The helper sends what a server would: a good chunked login works."""
    reply = chunked(client, "/api/v1/auth/login",
                    json.dumps({"username": "petugas", "password": "demo"}).encode())
    assert reply.status_code == 200, reply.get_json()
    assert reply.get_json()["token"]


def test_a_lone_surrogate_in_a_chunked_login_is_422_as_when_not_chunked(client: Any) -> None:
    raw = b'{"username": "\\ud800", "password": "x"}'
    plain = client.post("/api/v1/auth/login", data=raw,
                        headers={"Content-Type": "application/json"})
    reply = chunked(client, "/api/v1/auth/login", raw)
    for answer in (plain, reply):
        assert answer.status_code == 422, answer.get_data()[:200]
        assert answer.get_json()["error"]["code"] == "invalid_text"
        assert "username" in answer.get_json()["error"]["fields"]


@pytest.mark.parametrize("raw", [DEEP, HUGE], ids=["nested-5000", "digits-5000"])
def test_deep_json_and_huge_numbers_sent_chunked_are_400(client: Any, raw: bytes) -> None:
    reply = chunked(client, "/api/v1/bookings", raw)
    assert reply.status_code == 400, reply.get_data()[:200]
    assert reply.get_json()["error"]["code"] == "invalid_json"


def test_a_nul_in_a_chunked_booking_is_refused_and_nothing_is_stored(
        client: Any, engine: Engine) -> None:
    body = booking()
    body["patient"]["name"] = "Bu\u0000di"
    reply = chunked(client, "/api/v1/bookings", json.dumps(body).encode())
    assert reply.status_code == 422, reply.get_data()[:300]  # PostgreSQL: was a false 503
    error = reply.get_json()["error"]
    assert error["code"] == "invalid_text" and "patient.name" in error["fields"]
    assert visits(engine) == 0


def test_a_nul_in_a_chunked_login_is_422_not_a_false_503(client: Any) -> None:
    reply = chunked(client, "/api/v1/auth/login",
                    json.dumps({"username": "petugas\u0000", "password": "demo"}).encode())
    assert reply.status_code == 422, reply.get_data()[:300]
    assert reply.get_json()["error"]["code"] == "invalid_text"


def test_a_chunked_body_over_64_kib_is_413_and_never_reaches_the_route(
        client: Any, engine: Engine) -> None:
    body = booking()
    body["patient"]["name"] = "x" * (65 * 1024)
    reply = chunked(client, "/api/v1/bookings", json.dumps(body).encode())
    assert reply.status_code == 413
    assert reply.get_json()["error"]["code"] == "request_entity_too_large"
    assert visits(engine) == 0
    login = chunked(client, "/api/v1/auth/login", b'{"username": "' + b"a" * 70_000 + b'"}')
    assert login.status_code == 413


def test_a_body_of_any_type_over_64_kib_is_413_chunked_or_not(client: Any) -> None:
    big = b"x" * (65 * 1024)
    plain = client.post("/api/v1/bookings", data=big, content_type="text/plain")
    streamed = client.open("/api/v1/bookings", method="POST", input_stream=io.BytesIO(big),
                           headers={"Content-Type": "text/plain",
                                    "Transfer-Encoding": "chunked"},
                           environ_overrides={"wsgi.input_terminated": True})
    for reply in (plain, streamed):
        assert reply.status_code == 413
        assert reply.get_json()["error"]["code"] == "request_entity_too_large"
    exactly = client.open("/api/v1/auth/login", method="POST",
                          input_stream=io.BytesIO(b" " * (64 * 1024 - 2) + b"{}"),
                          headers={"Content-Type": "application/json",
                                   "Transfer-Encoding": "chunked"},
                          environ_overrides={"wsgi.input_terminated": True})
    assert exactly.status_code == 422  # 64 KiB exactly: read, and answered by the route
