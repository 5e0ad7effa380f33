"""The console in real Chromium when its login ends elsewhere (another tab logs out): the
patients leave the screen at once, the page says why in Indonesian (English on the
toggle) and offers the way back in, and it still passes axe-core's WCAG 2.1 A/AA rules."""

from __future__ import annotations

from playwright.sync_api import Browser, expect

from tests.browser.test_accessibility import violations
from tests.browser.test_console import sign_in
from tests.conftest import Api


def test_a_logout_in_another_tab_clears_the_console_and_says_why(
    browser: Browser, live_server: str, kiosk: Api,
) -> None:
    kiosk.ticket()
    context = browser.new_context(locale="id-ID", bypass_csp=True)
    console, other = context.new_page(), context.new_page()
    sign_in(console, live_server)
    expect(console.locator("#waiting tr")).to_have_count(1)
    other.goto(f"{live_server}/console")
    other.click("form[action$='/console/logout'] button")  # same session, another tab
    ended = console.locator("#session-ended")
    expect(ended).to_be_visible(timeout=10_000)
    expect(console.locator("#session-ended-text")).to_have_text(
        "Anda sudah keluar. Sesi berakhir, silakan login lagi.")
    expect(console.locator("main")).to_be_hidden()
    expect(console.locator("#session-ended-login")).to_be_focused()
    expect(console.locator("#conn")).to_have_text("Terputus")
    assert violations(console) == []
    console.click("#lang-toggle")
    expect(console.locator("#session-ended-text")).to_have_text(
        "You logged out. The session has ended; please log in again.")
    expect(console.locator("#session-ended-login")).to_have_text("Log in again")
    console.click("#session-ended-login")
    expect(console.locator("#password")).to_be_visible()
    expect(console.locator("html")).to_have_attribute("lang", "en")
    context.close()
