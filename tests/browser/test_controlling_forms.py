"""A month's progress in Chromium: the provider reports it on the package's page with a
photo (a refusal first, said next to its field), the PPK sees the photo and approves;
each state axe-core clean (WCAG 2.1 A/AA)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_accessibility import violations
from tests.integration.controlling_support import contract
from tests.support import images

pytestmark = pytest.mark.sqlite_only("pages in a browser, one database is enough")
CODE = "PKT-2026-0901"


def sign_in(page: Page, base: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/controlling")
    page.fill("#username", username)
    page.fill("#password", "demo")
    page.click("main button[type=submit]")
    expect(page.locator("#username")).to_have_count(0)


def test_the_provider_reports_a_month_and_the_ppk_approves(
        page: Page, app: Any, engine: Any, live_server: str, tmp_path: Path) -> None:
    app.instance_path = str(tmp_path)
    contract(engine, CODE)
    photo = tmp_path / "galian.jpg"
    photo.write_bytes(images.jpeg(size=(120, 80)))
    sign_in(page, live_server, "penyedia")
    page.goto(f"{live_server}/controlling/paket/{CODE}")
    page.fill("#f-month", "2026-08")
    page.fill("#f-physical", "150")
    page.fill("#f-financial", "10")
    page.fill("#f-spent", "30.000.000")
    page.fill("#f-note", "Galian saluran selesai.")
    page.set_input_files("#f-photos", str(photo))
    assert violations(page) == []
    page.click(".report-form button[type=submit]")
    expect(page.locator("#err-physical")).to_contain_text("antara 0 dan 100")
    expect(page.locator("#f-physical")).to_have_attribute("aria-invalid", "true")
    assert violations(page) == []
    page.fill("#f-physical", "12,5")
    page.set_input_files("#f-photos", str(photo))
    page.click(".report-form button[type=submit]")
    expect(page.locator("#done")).to_contain_text("menunggu keputusan PPK")
    sign_in(page, live_server, "ppk-dsdabm")
    page.goto(f"{live_server}/controlling/paket/{CODE}")
    shown = page.locator("article.waiting img")
    expect(shown).to_have_count(1)
    expect(shown).to_have_js_property("complete", True)
    assert shown.evaluate("(img) => img.naturalWidth") > 0
    assert violations(page) == []
    page.click("article.waiting button[value=approve]")
    expect(page.locator("#done")).to_contain_text("Laporan disetujui")
    expect(page.locator("#reports")).to_contain_text("Disetujui")
    assert violations(page) == []
