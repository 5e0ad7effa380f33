"""Form fields, query values and paths are screened on every route, pages included
(issue 13, review of point 3).

Before, only JSON bodies were: on PostgreSQL the console's sign-in form with the username
`petugas\\x00` (and a valid CSRF token) gave a false 503; a raw byte that is not UTF-8 in a
form gave 500; percent-encoded bytes that are not UTF-8 (`%ED%A0%80`, an encoded lone
surrogate) went on as the text `%ED%A0%80`; and the pages answered refusals in JSON.
Now each is a 4xx: JSON for the API, a readable page for the pages (the console's sign-in
form re-shown with the message).
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.integration.test_console_security import csrf_of

CODE = "ABCDEFGHJK"
API = [("GET", "/api/v1/facilities"), ("GET", "/api/v1/facilities/pkm-demo/services"),
       ("GET", "/api/v1/facilities/pkm-demo/board"), ("POST", "/api/v1/auth/login"),
       ("POST", "/api/v1/auth/logout"), ("POST", "/api/v1/kiosk/tickets"),
       ("GET", "/api/v1/kiosk/services"), ("GET", "/api/v1/counters"),
       ("POST", "/api/v1/counters/loket-1/call-next"), ("POST", "/api/v1/bookings"),
       ("POST", "/api/v1/bookings/lookup"), ("GET", f"/api/v1/bookings/{CODE}"),
       ("GET", f"/api/v1/bookings/{CODE}/qr.svg"), ("POST", f"/api/v1/bookings/{CODE}/cancel"),
       ("POST", f"/api/v1/bookings/{CODE}/check-in"),
       ("POST", f"/api/v1/bookings/{CODE}/confirm"), ("GET", "/api/v1/devices"),
       ("GET", "/api/v1/admin/security-events"), ("GET", "/healthz")]
PAGES = [("GET", "/"), ("GET", "/console"), ("POST", "/console/login"),
         ("POST", "/console/logout"), ("GET", f"/t/{CODE}"), ("GET", "/book"),
         ("GET", "/display/pkm-demo")]
QUERIES = ["x=%00", "lang=id%00", "x=%ED%A0%80", "x=%FF", "%FF=1", "%00=1", "x=a%C3"]


def is_page(reply: Any) -> bool:
    """A page saying what was refused (in Indonesian, the pages' default language)."""
    body = reply.get_data(as_text=True)
    return reply.mimetype == "text/html" and "tidak diizinkan" in body


@pytest.mark.parametrize("query", QUERIES)
def test_an_unreadable_query_value_is_refused_on_every_route(client: Any, query: str) -> None:
    for method, path in API:
        reply = client.open(f"{path}?{query}", method=method,
                            headers={"Authorization": "Bearer demo-kiosk"})
        assert reply.status_code == 422, (path, query, reply.status_code)
        assert reply.get_json()["error"]["code"] == "invalid_text"
    for method, path in PAGES:
        reply = client.open(f"{path}?{query}", method=method)
        assert reply.status_code == 422, (path, query, reply.status_code)
        assert is_page(reply), (path, reply.get_data(as_text=True)[:300])


def test_readable_queries_still_reach_the_pages(client: Any) -> None:
    for path in ("/?lang=en", "/console?lang=en", "/book?lang=en",
                 "/display/pkm-demo?services=umum,gigi", "/api/v1/facilities?x=%C3%A9"):
        assert client.get(path).status_code == 200, path


def _login_form(client: Any, username: bytes) -> Any:
    token = csrf_of(client.get("/console").get_data(as_text=True)).encode()
    return client.post("/console/login", data=b"username=" + username +
                       b"&password=demo&csrf_token=" + token,
                       content_type="application/x-www-form-urlencoded")


@pytest.mark.parametrize("username", [b"petugas%00", b"petugas%ED%A0%80", b"petugas%FF",
                                      b"petugas\xff", b"petugas\xed\xa0\x80"])
def test_the_console_sign_in_form_refuses_unreadable_text_and_shows_the_form_again(
        client: Any, username: bytes) -> None:
    reply = _login_form(client, username)  # PostgreSQL, %00: was a false 503
    assert reply.status_code == 422, reply.get_data()[:300]
    page = reply.get_data(as_text=True)
    assert reply.mimetype == "text/html" and 'name="username"' in page
    assert 'role="alert"' in page and "username" in page and "tidak diizinkan" in page
    assert 'value=""' in page  # the refused input is not echoed
    assert 'name="password"' in client.get("/console").get_data(as_text=True)  # not signed in


def test_the_sign_in_form_still_signs_in(client: Any) -> None:
    reply = _login_form(client, b"petugas")
    assert reply.status_code == 303


def test_multipart_form_fields_are_screened_too(client: Any) -> None:
    token = csrf_of(client.get("/console").get_data(as_text=True))
    reply = client.post("/console/login", content_type="multipart/form-data", data={
        "username": "petugas\x00", "password": "demo", "csrf_token": token})
    assert reply.status_code == 422 and 'name="username"' in reply.get_data(as_text=True)


def test_a_path_of_bytes_that_are_not_utf8_is_refused(client: Any) -> None:
    """As a real server hands it over: the raw bytes, one latin-1 character each."""
    page = client.get("/t/x", environ_overrides={"PATH_INFO": "/t/\xed\xa0\x80"})
    assert page.status_code == 422 and is_page(page)
    board = client.get("/d", environ_overrides={"PATH_INFO": "/display/pkm\xff"})
    assert board.status_code == 422 and is_page(board)
    api = client.get("/x", environ_overrides={"PATH_INFO": "/api/v1/facilities/\xff/board"})
    assert 400 <= api.status_code < 500 and api.get_json()["error"]["code"]


def test_a_nul_in_a_header_is_refused(client: Any) -> None:
    reply = client.post("/api/v1/bookings", json={},
                        headers={"Idempotency-Key": "key\x00"})
    assert reply.status_code == 422
    assert reply.get_json()["error"]["code"] == "invalid_text"


def test_a_refused_fields_name_is_quoted_back_only_when_it_looks_like_one(client: Any) -> None:
    named = client.get("/api/v1/facilities?lang=%00")
    assert named.get_json()["error"]["fields"] == {"lang": [
        "karakter tidak diizinkan / character not allowed"]}
    hostile = client.get("/api/v1/facilities?Call%200812%20now%3Cb%3E=%00")
    assert list(hostile.get_json()["error"]["fields"]) == ["query"]
    page = client.get("/book?Telepon%20kami%20di%20sini=%00").get_data(as_text=True)
    assert "Telepon" not in page and "Isian query" in page
