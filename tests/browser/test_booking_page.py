"""Booking on /book in real Chromium, following it on /t/{code}, and checking in at the kiosk."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

from kiosk.agent import Options, create_agent
from kiosk.escpos_reader import read
from tests.conftest import Api
from tests.support.clock import FakeClock
from tests.support.printer import FakePrinter
from tests.support.servers import serve_in_thread

PATIENT = {"nik": "3578014507850002", "name": "Siti Aminah", "phone": "081234567890"}


def fill_and_book(page: Page, base: str, service: str = "umum") -> str:
    page.goto(f"{base}/book?facility=pkm-demo")
    page.click(f"[data-service={service}]")
    page.fill("#nik", PATIENT["nik"])
    page.fill("#name", PATIENT["name"])
    page.fill("#phone", PATIENT["phone"])
    page.click("#submit")
    expect(page.locator("#done-card")).to_be_visible()
    return page.locator("#done-code").inner_text()


def test_book_on_the_page_and_follow_the_ticket_to_the_call(
    page: Page, live_server: str, kiosk: Api, staff: Api, artifacts: Path, clock: FakeClock
) -> None:
    # The page counts days in Jakarta from the phone's clock: make it the server's day,
    # or after 17:00 UTC the phone books tomorrow and today's check-in is refused.
    page.clock.set_system_time(clock.now())
    page.set_viewport_size({"width": 390, "height": 844})
    code = fill_and_book(page, live_server)
    expect(page.locator("#done-number")).to_have_text("B-001")
    expect(page.locator("#done-qr")).to_have_attribute("src", f"/api/v1/bookings/{code}/qr.svg")
    page.screenshot(path=str(artifacts / "book-390x844.png"), full_page=True)
    page.click("#follow")
    expect(page.locator("#number")).to_have_text("B-001")
    expect(page.locator("#status")).to_have_text("Booking: check-in saat tiba")
    assert kiosk.post(f"/api/v1/bookings/{code}/check-in").status_code == 200
    expect(page.locator("#status")).to_have_text("Menunggu dipanggil")
    staff.act("poli-umum", "call-next")
    expect(page.locator("#called")).to_be_visible()
    expect(page.locator("#called-counter")).to_have_text("Poli Umum")


def test_the_page_shows_the_rule_that_failed_next_to_its_field(page: Page,
                                                               live_server: str) -> None:
    page.goto(f"{live_server}/book?facility=pkm-demo")
    page.click("[data-service=gigi]")
    page.fill("#nik", "123")
    page.fill("#name", "Budi")
    page.fill("#phone", "081234567890")
    page.click("#submit")
    expect(page.locator(".error[data-for=nik]")).to_have_text("NIK harus 16 digit angka.")
    page.fill("#nik", PATIENT["nik"])
    page.fill("#phone", "0212345")
    page.click("#submit")
    expect(page.locator(".error[data-for=phone]")).to_contain_text("Nomor HP harus")


def test_cancel_from_the_page_gives_the_place_back(page: Page, live_server: str,
                                                    client, clock: FakeClock) -> None:
    page.clock.set_system_time(clock.now())  # the server's day (see the test above)
    fill_and_book(page, live_server, "kia")
    page.click("#cancel")
    expect(page.locator("#cancelled")).to_be_visible()
    services = client.get("/api/v1/facilities/pkm-demo/services").get_json()
    assert next(s for s in services if s["code"] == "kia")["quota_left"] == 50


def test_the_booking_page_is_installable(page: Page, live_server: str) -> None:
    page.goto(f"{live_server}/book")
    manifest = page.evaluate("""async () => {
        const link = document.querySelector('link[rel=manifest]');
        return await (await fetch(link.href)).json();
    }""")
    assert manifest["start_url"] == "/book" and manifest["display"] == "standalone"
    assert {icon["sizes"] for icon in manifest["icons"]} == {"192x192", "512x512"}
    page.wait_for_function("navigator.serviceWorker.getRegistration().then(r => !!r)")


def test_a_scanner_typing_the_code_and_enter_checks_in_and_prints(
    page: Page, live_server: str, client, printer: FakePrinter, tmp_path: Path
) -> None:
    reply = client.post("/api/v1/bookings", json={
        "facility": "pkm-demo", "service": "pendaftaran", "date": "2026-11-23",
        "patient": {**PATIENT, "bpjs_number": "0001234567890"}})
    code = reply.get_json()["code"]
    app = create_agent(Options(server=live_server, device_token="demo-kiosk",
                               printer=f"network:127.0.0.1:{printer.port}",
                               spool=tmp_path / "spool"))
    with serve_in_thread(app) as base:
        page.goto(base)
        expect(page.locator("[data-service=pendaftaran]")).to_be_visible()
        page.keyboard.type(code.lower(), delay=15)  # a keyboard-wedge scanner
        page.keyboard.press("Enter")
        expect(page.locator("#result-number")).to_have_text("A-001")
        data = printer.wait_for_jobs(1)[0]
        receipt = read(data)
        assert "Booking sudah check-in" in receipt.text and "A-001" in receipt.text
        for secret in (PATIENT["nik"], PATIENT["name"], "1234567890", "0001234567890"):
            assert secret.encode() not in data
        # The on-screen keypad works too, and a second check-in gives the number again.
        page.click("#result-close")
        page.click("#open-keypad")
        for ch in code:
            page.click(f"#keys button:text-is('{ch}')")
        page.click("#key-enter")
        expect(page.locator("#banner")).to_contain_text("Anda sudah check-in. Nomor Anda A-001")
