"""The booking page shows a split service's places per side (issue 19): the demo's
Poli Umum keeps 35 of its 50 places for JKN members."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.support.clock import FakeClock

pytestmark = pytest.mark.sqlite_only("what the page shows is the same on both databases")


def test_the_booking_page_shows_jkn_and_other_places_left(
        page: Page, live_server: str, clock: FakeClock) -> None:
    page.clock.set_system_time(clock.now())
    page.goto(f"{live_server}/book?facility=pkm-demo")
    expect(page.locator("[data-service=umum]")).to_contain_text(
        "JKN: sisa kuota 35 · non-JKN: sisa kuota 15")
    expect(page.locator("[data-service=lab]")).to_contain_text("sisa kuota 50")
    expect(page.locator("[data-service=lab]")).not_to_contain_text("JKN")
