"""The pokja awards a tender in Chromium: signs in on /pengadaan, opens the procurement,
tries the cheapest bid (its provider blacklisted: refused in words), awards the other;
the pokja's list with a package waiting for a tender and the PPK's direct procurement
form; every state axe-core clean (WCAG 2.1 A/AA), in Indonesian and English."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_accessibility import violations
from tests.integration.procurement_support import make_package
from tests.integration.test_procurement_pages_forms import awarded_with_two_bidders

pytestmark = pytest.mark.sqlite_only("pages in a browser, one database is enough")


def test_the_pokja_awards_in_the_browser(page: Page, app: Any, engine: Any, clock: Any,
                                         live_server: str) -> None:
    tender, _, _ = awarded_with_two_bidders(app, engine, clock)
    waiting, direct = make_package(engine), make_package(engine, 150_000_000, method="direct")
    page.goto(f"{live_server}/pengadaan")
    page.fill("#username", "pokja")
    page.fill("#password", "demo")
    page.click("main button[type=submit]")
    expect(page.locator("#h-ready-tender")).to_be_visible()
    expect(page.locator("main")).to_contain_text(waiting)
    assert violations(page) == []
    page.click(f"a:text('{tender}')")
    expect(page.locator("#award-form")).to_be_visible()
    assert violations(page) == []
    page.select_option("#award-bid", label="PT-BANGUN-JAYA · Rp 270.000.000")
    page.click("#award-form button[type=submit]")
    expect(page.locator("#err-award")).to_contain_text("daftar hitam")
    expect(page.locator("#error-summary")).to_contain_text("Wanprestasi")
    assert violations(page) == []
    page.select_option("#award-bid", label="CV-KARYA-MANDIRI · Rp 290.000.000")
    page.click("#award-form button[type=submit]")
    expect(page.locator("#done")).to_contain_text("Pemenang ditetapkan")
    expect(page.locator("#state")).to_have_text("Pemenang ditetapkan")
    assert violations(page) == []
    page.goto(f"{live_server}/pengadaan/{tender}?lang=en")
    expect(page.locator("#complaints-until")).to_contain_text("2026")
    assert violations(page) == []
    page.context.clear_cookies()
    page.goto(f"{live_server}/pengadaan?lang=en")
    page.fill("#username", "ppk-dsdabm")
    page.fill("#password", "demo")
    page.click("main button[type=submit]")
    expect(page.locator("#h-ready-direct")).to_have_text("Direct procurement")
    expect(page.locator("form.direct")).to_contain_text(direct)
    assert violations(page) == []
