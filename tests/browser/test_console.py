"""The staff console in real Chromium: log in, call, and send a patient on to another room."""

from __future__ import annotations

from playwright.sync_api import Browser, Page, expect

from tests.conftest import Api


def sign_in(page: Page, base: str, counter: str | None = None) -> None:
    page.goto(f"{base}/console" + (f"?counter={counter}" if counter else ""))
    page.fill("#username", "petugas")
    page.fill("#password", "demo")
    page.click("button[type=submit]")
    expect(page.locator("#conn")).to_have_text("Tersambung", timeout=10_000)


def test_a_wrong_password_shows_an_indonesian_message(page: Page, live_server: str) -> None:
    page.goto(f"{live_server}/console")
    page.fill("#username", "petugas")
    page.fill("#password", "salah")
    page.click("button[type=submit]")
    expect(page.locator(".error")).to_have_text("Nama pengguna atau kata sandi salah.")


def test_log_in_call_next_and_see_the_patient(page: Page, live_server: str, kiosk: Api,
                                              artifacts) -> None:
    page.set_viewport_size({"width": 1366, "height": 768})
    kiosk.ticket(priority="pregnant")
    kiosk.ticket()
    sign_in(page, live_server)
    expect(page.locator("#waiting tr")).to_have_count(2)
    page.keyboard.press("n")  # the shortcut shown on the button
    expect(page.locator("#cur-number")).to_have_text("A-001")
    expect(page.locator("#cur-priority")).to_have_text("Ibu hamil")
    expect(page.locator("#waiting tr")).to_have_count(1)
    page.click("[data-action=start]")
    expect(page.locator("#cur-status")).to_have_text("dilayani")
    page.screenshot(path=str(artifacts / "console-1366x768.png"))
    # Everything fits a 1366×768 screen: the page itself does not scroll.
    assert page.evaluate("document.documentElement.scrollHeight <= innerHeight + 1")
    page.click("#lang-toggle")
    expect(page.locator("[data-action=call-next] span")).to_have_text("Call next")


def test_sending_a_patient_on_shows_them_on_the_apotek_console(
    browser: Browser, live_server: str, kiosk: Api
) -> None:
    kiosk.ticket()
    desk = browser.new_context(locale="id-ID", bypass_csp=True).new_page()
    apotek = browser.new_context(locale="id-ID", bypass_csp=True).new_page()
    sign_in(desk, live_server, "pkm-demo/loket-1")
    sign_in(apotek, live_server, "pkm-demo/apotek")
    expect(apotek.locator("#waiting-total")).to_have_text("0")
    desk.click("[data-action=call-next]")
    expect(desk.locator("#cur-number")).to_have_text("A-001")
    desk.select_option("#transfer-to", "apotek")
    desk.click("[data-action=transfer]")
    expect(desk.locator("#toast")).to_contain_text("F-001")
    expect(desk.locator("#cur-number")).to_have_text("—")
    # The apotek console hears it live, without a reload.
    expect(apotek.locator("#waiting tr[data-number='F-001']")).to_be_visible()
    expect(apotek.locator("#waiting-total")).to_have_text("1")
    apotek.keyboard.press("n")
    expect(apotek.locator("#cur-number")).to_have_text("F-001")
    expect(desk.locator("#count-served")).to_have_text("1")
    desk.context.close()
    apotek.context.close()


def test_logging_out_ends_the_session(page: Page, live_server: str) -> None:
    sign_in(page, live_server)
    page.click("text=Keluar")
    expect(page.locator("#username")).to_be_visible()
    page.goto(f"{live_server}/console")
    expect(page.locator("#username")).to_be_visible()
