"""Closed dates in Chromium (issue 12, points 1 and 2): `/book` and the kiosk grey a
service out and say why (a holiday, cuti bersama, too late to be served today)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, expect

from tests.browser.test_accessibility import violations
from tests.support import sites
from tests.support.clock import WIB, FakeClock
from tests.support.kiosk import kiosk_agent
from tests.support.printer import FakePrinter

CALENDAR = sites.calendar()


def open_book_page(page: Page, base: str, clock: FakeClock, facility: str) -> None:
    page.clock.set_system_time(clock.now())  # the phone's day is the server's
    page.goto(f"{base}/book?facility={facility}")


def test_the_booking_page_says_a_holiday_is_closed_and_why(
        page: Page, live_server: str, clock: FakeClock) -> None:
    clock.set(datetime(2026, 12, 21, 8, 0, tzinfo=WIB))
    open_book_page(page, live_server, clock, "pkm-demo")
    expect(page.locator("[data-service=gigi]")).to_be_enabled()
    page.click("[data-date='2026-12-25']")
    gigi = page.locator("[data-service=gigi]")
    expect(gigi.locator("small")).to_have_text("tutup · Libur nasional: Hari Raya Natal")
    expect(gigi).to_be_disabled()
    expect(page.locator("[data-service=pendaftaran]")).to_be_enabled()
    page.click("[data-date='2026-12-24']")
    expect(gigi.locator("small")).to_have_text("tutup · Cuti Bersama Hari Raya Natal")
    page.click("#lang")
    expect(gigi.locator("small")).to_have_text("closed · Joint leave day: Cuti Bersama Hari "
                                               "Raya Natal")
    assert violations(page) == []  # a greyed-out service keeps its contrast


def test_the_booking_page_says_today_is_too_late(page: Page, live_server: str, engine: Any,
                                                 clock: FakeClock) -> None:
    """Issue 12: at 16:00 a service that closed at 14:30 took a booking for today."""
    CALENDAR.load(engine)
    clock.set(datetime(2026, 11, 23, 16, 0, tzinfo=WIB))
    open_book_page(page, live_server, clock, CALENDAR.code)
    umum = page.locator("[data-service=umum]")
    expect(umum.locator("small")).to_contain_text("sudah tutup (pukul 14:30)")
    expect(umum).to_be_disabled()
    expect(page.locator("[data-service=ugd]")).to_be_enabled()
    page.click("[data-date='2026-11-24']")  # tomorrow is fine
    expect(umum).to_be_enabled()


def test_the_kiosk_says_a_holiday_is_closed_and_when_it_opens(
        page: Page, live_server: str, clock: FakeClock, printer: FakePrinter,
        tmp_path: Path) -> None:
    clock.set(datetime(2026, 12, 25, 9, 0, tzinfo=WIB))
    with kiosk_agent(live_server, printer, tmp_path) as (base, _):
        page.goto(base)
        gigi = page.locator("[data-service=gigi]")
        expect(gigi.locator(".info")).to_have_text(
            "Tutup · Libur nasional: Hari Raya Natal · Buka besok 00:00")
        expect(gigi).to_be_disabled()
        expect(page.locator("[data-service=pendaftaran]")).to_be_enabled()
        assert violations(page) == []
        page.click("#lang")
        expect(gigi.locator(".info")).to_have_text(
            "Closed · Public holiday: Hari Raya Natal · Opens tomorrow 00:00")
