"""/book with a messaging gateway: the place is held, the code from the phone confirms it."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Page, expect

from queue_server import create_app
from queue_server.notify import deliver_due
from tests.support.clock import FakeClock
from tests.support.receiver import Receiver
from tests.support.servers import serve_in_thread


def test_the_booking_page_asks_for_the_code_sent_to_the_phone(
        page: Page, engine: Any, clock: FakeClock) -> None:
    receiver = Receiver()
    app = create_app({"TESTING": True, "ENGINE": engine, "DATABASE_URL": str(engine.url),
                      "CLOCK": clock, "SECRET_KEY": "test", "NOTIFY_WEBHOOK_URL": receiver.url,
                      "NOTIFY_WORKER": False})
    try:
        with serve_in_thread(app) as base:
            page.clock.set_system_time(clock.now())
            page.goto(f"{base}/book?facility=pkm-demo")
            page.click("[data-service=umum]")
            page.fill("#nik", "3578014507850002")
            page.fill("#name", "Siti Aminah")
            page.fill("#phone", "081234567890")
            page.click("#submit")
            expect(page.locator("#otp-card")).to_be_visible()
            expect(page.locator("#otp-sent")).to_contain_text("+6281******890")
            deliver_due(app.extensions["antrian"], receiver.url)
            otp = receiver.bodies[-1]["otp"]
            page.fill("#otp", f"{(int(otp) + 1) % 1_000_000:06d}")
            page.click("#otp-submit")
            expect(page.locator("#otp-error")).to_contain_text("Kode verifikasi salah")
            page.fill("#otp", otp)
            page.click("#otp-submit")
            expect(page.locator("#done-card")).to_be_visible()
            expect(page.locator("#done-number")).to_have_text("B-001")
    finally:
        receiver.close()
