"""e-Controlling in Chromium: the planning agency signs in on /controlling, sees the
charts drawn (images loaded) and the late, stalled package flagged, in Indonesian and in
English, axe-core clean under the pages' own Content-Security-Policy; a package's staff
view and its public progress page (/pembangunan/{code}) pass too."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.test_accessibility import AXE, violations
from tests.integration.test_controlling_dashboard import generated  # noqa: F401  (fixture)

pytestmark = pytest.mark.sqlite_only("pages in a browser, one database is enough")
WATCH_CSP = ("window.__csp = []; document.addEventListener('securitypolicyviolation', "
             "(e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));")


def clean(page: Page) -> None:
    assert page.evaluate("() => window.__csp") == [], page.url
    assert violations(page) == [], page.url


def charts_drawn(page: Page, count: int) -> None:
    charts = page.locator("img.chart")
    expect(charts).to_have_count(count)
    for i in range(count):
        expect(charts.nth(i)).to_have_js_property("complete", True)
        assert charts.nth(i).evaluate("(img) => img.naturalWidth") > 0


def test_the_dashboard_shows_its_charts_and_the_flagged_package(
        browser: Browser, live_server: str, generated: dict[str, int]) -> None:  # noqa: F811
    context = browser.new_context(locale="id-ID", timezone_id="Asia/Jakarta",
                                  viewport={"width": 1366, "height": 900})
    context.add_init_script(path=str(AXE))
    context.add_init_script(WATCH_CSP)
    try:
        page = context.new_page()
        page.goto(f"{live_server}/controlling")
        clean(page)
        page.fill("#username", "bappeda")
        page.fill("#password", "demo")
        page.click("main button[type=submit]")
        expect(page.locator("#packages")).to_be_visible()
        flagged = page.locator("tr[data-code='PKT-2026-0902']")
        expect(flagged.locator(".flag.late")).to_have_text("Terlambat")
        expect(flagged.locator(".flag.stalled")).to_have_text("Macet")
        charts_drawn(page, 3)
        clean(page)
        page.goto(f"{live_server}/controlling?lang=en")
        expect(flagged.locator(".flag.stalled")).to_have_text("Stalled")
        charts_drawn(page, 3)
        clean(page)
        page.click("a:text('PKT-2026-0901')")
        expect(page.locator("#reports")).to_contain_text("2026-10")
        charts_drawn(page, 1)
        clean(page)
        public = context.new_page()
        for lang in ("", "?lang=en"):
            public.goto(f"{live_server}/pembangunan/PKT-2026-0901{lang}")
            expect(public.locator("#contract-value")).to_be_visible()
            charts_drawn(public, 1)
            photo = public.locator("ul.photos img").first
            expect(photo).to_have_js_property("complete", True)
            assert photo.evaluate("(img) => img.naturalWidth") > 0
            clean(public)
    finally:
        context.close()

