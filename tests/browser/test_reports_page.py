"""The reports page in Chromium: sign in with the form, the charts load as images under
the enforced Content-Security-Policy, and the page passes axe-core WCAG 2.1 A/AA in
Indonesian and English."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Page, expect

from tests.browser.test_accessibility import AXE, violations
from tests.integration.test_reports import run_morning, site  # noqa: F401  (fixture)
from tests.support import factories
from tests.support.clock import FakeClock


def test_reports_page_renders_its_charts_and_passes_wcag_21_aa(
        browser: Browser, live_server: str, client: Any, clock: FakeClock,
        site: factories.Site, artifacts: Path) -> None:  # noqa: F811
    run_morning(client, clock, site)
    # The policy enforced (no bypass); axe from an init script, which it does not block.
    context = browser.new_context(locale="id-ID", timezone_id="Asia/Jakarta",
                                  viewport={"width": 1366, "height": 900})
    context.add_init_script(path=str(AXE))
    context.add_init_script("window.__csp = []; document.addEventListener("
                            "'securitypolicyviolation', (e) => window.__csp.push("
                            "e.violatedDirective + ' ' + e.blockedURI));")
    page = context.new_page()
    try:
        page.goto(f"{live_server}/reports")
        assert violations(page) == []
        page.fill("#username", "dinkes")
        page.fill("#password", "demo")
        page.click("button[type=submit]")
        page.select_option("#facility", site.code)
        page.click("form.report-form button[type=submit]")
        expect(page.locator("#h-hourly")).to_have_text("Waktu tunggu per jam kedatangan")
        charts = page.locator("img.chart")
        expect(charts).to_have_count(4)
        for i in range(4):
            expect(charts.nth(i)).to_have_js_property("complete", True)
            assert charts.nth(i).evaluate("(img) => img.naturalWidth") > 0
        assert page.evaluate("() => window.__csp") == []
        assert violations(page) == []
        page.screenshot(path=str(artifacts / "reports-1366x900.png"), full_page=True)
        _wide_tables_scroll_inside_their_section(page)
        # A quick range keeps the service chosen (not yet shown) in the form.
        page.select_option("#service", "umum")
        page.get_by_role("button", name="Kemarin").click()
        expect(page.locator("#service")).to_have_value("umum")
        expect(page.locator("#facility")).to_have_value(site.code)
        expect(page.locator(".period")).to_have_text("Periode: 22 Nov 2026 – 22 Nov 2026")
        assert violations(page) == []
        page.goto(page.url + "&lang=en")
        expect(page.locator("#h-hourly")).to_have_text("Waiting time per arrival hour")
        assert violations(page) == []
        assert page.evaluate("() => window.__csp") == []
    finally:
        context.close()


def _wide_tables_scroll_inside_their_section(page: Page) -> None:
    """At 1366 px every table fits its section; narrower, a wide one scrolls in its own
    region, which the keyboard reaches (tabindex 0, named like the table)."""
    for wrap in page.locator("section.report .table-wrap").all():
        assert wrap.get_attribute("tabindex") == "0" and wrap.get_attribute("aria-label")
        assert wrap.evaluate("(w) => w.scrollWidth <= w.clientWidth"), wrap.get_attribute(
            "aria-label")
    page.set_viewport_size({"width": 1024, "height": 900})
    summary = page.locator("section[aria-labelledby=h-summary] .table-wrap")
    assert summary.evaluate("(w) => w.scrollWidth > w.clientWidth")
    section = page.locator("section[aria-labelledby=h-summary]").bounding_box()
    box = summary.bounding_box()
    assert section is not None and box is not None
    assert box["x"] + box["width"] <= section["x"] + section["width"]
    summary.focus()
    page.keyboard.press("End")
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => document.querySelector("
                           "'section[aria-labelledby=h-summary] .table-wrap').scrollLeft > 0",
                           timeout=5000)
    page.set_viewport_size({"width": 1366, "height": 900})
