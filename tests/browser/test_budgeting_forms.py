"""The `/anggaran` and `/paket` forms in a browser: a refusal is said next to its field
(the field points at it), the change form of a package opens from its row, and both pages
pass axe-core's WCAG 2.1 A/AA checks with the refusal shown."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Page, expect

from tests.browser.test_accessibility import violations
from tests.integration.test_budgeting_support import ACCOUNT, PROJECTS, caller, programme_line


def _sign_in(page: Page, base: str, path: str) -> None:
    page.goto(f"{base}/{path}")
    page.fill("#username", "opd")
    page.fill("#password", "demo")
    page.click("main button[type=submit]")
    expect(page.locator("#username")).to_have_count(0)
    page.goto(f"{base}/{path}")


def test_refusals_next_to_their_fields_pass_wcag(page: Page, app: Any,
                                                  live_server: str) -> None:
    api = app.test_client()
    line = programme_line(api, amount_units=2000)
    code = caller(api, "opd").post(f"{PROJECTS}/packages", {
        "line": line, "title": "Hotmix", "value": 300_000_000, "category": "works",
        "starts": "2027-03-01", "ends": "2027-08-31"}).get_json()["code"]
    _sign_in(page, live_server, "anggaran?year=2027")
    page.fill("#programme-code", "5.1.02")
    page.fill("#programme-title", "Jalan lingkungan")
    page.fill("#programme-quantity", "10")
    page.click("#from-programme ~ form button.primary")
    refusal = page.locator("#err-programme-code")
    expect(refusal).to_contain_text("Kode rekening 5.1.02")
    expect(page.locator("#programme-code")).to_have_attribute(
        "aria-describedby", "err-programme-code")
    expect(page.locator("a.lang")).to_have_attribute("href", "/anggaran?year=2027&lang=en")
    assert violations(page) == []
    page.fill("#programme-code", ACCOUNT)
    page.click("#from-programme ~ form button.primary")
    expect(page.locator("p[role=status]")).to_contain_text("Baris anggaran dibuat")
    page.goto(f"{live_server}/paket")
    page.click(f"summary:has-text('{code}')")
    page.fill(f"#termins-{code}", "2027-05 30\n2027-12 70")
    page.click(f"button:has-text('Simpan perubahan {code}')")
    expect(page.locator("p.error")).to_contain_text("di luar jadwal")
    assert violations(page) == []
