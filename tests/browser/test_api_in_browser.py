"""The API as a page in a real browser uses it: cookies, JSON and errors over fetch."""

from __future__ import annotations

from playwright.sync_api import Page

from tests.browser.conftest import fetch_json


def test_login_sets_a_session_cookie_that_page_scripts_cannot_read(
    page: Page, live_server: str
) -> None:
    page.goto(f"{live_server}/healthz")
    reply = fetch_json(page, "POST", "/api/v1/auth/login",
                       {"username": "petugas", "password": "demo"})
    assert reply["status"] == 200 and reply["body"]["token"]
    cookies = {c["name"]: c for c in page.context.cookies()}
    assert cookies["session"]["httpOnly"] is True
    assert cookies["session"]["sameSite"] == "Lax"
    assert "session" not in page.evaluate("document.cookie")


def test_a_kiosk_page_takes_a_ticket_and_reads_errors_in_indonesian(
    page: Page, live_server: str
) -> None:
    page.goto(f"{live_server}/healthz")
    ticket = fetch_json(page, "POST", "/api/v1/kiosk/tickets", {"service": "gigi"}, "demo-kiosk")
    assert ticket["status"] == 201 and ticket["body"]["number"] == "C-001"
    wrong = fetch_json(page, "POST", "/api/v1/kiosk/tickets", {"service": "bedah"}, "demo-kiosk")
    assert wrong["status"] == 404
    assert wrong["body"]["error"]["message"] == "Layanan 'bedah' tidak ada di Puskesmas Demo."
