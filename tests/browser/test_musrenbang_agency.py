"""The planning agency's screen in Chromium (`bappeda` on /musrenbang/perencanaan): a
refused catalogue lists its lines beside the form, ceilings are saved, the cycle chosen
by year; every state of the page keeps its strict Content-Security-Policy and passes
axe-core WCAG 2.1 A/AA, in Indonesian and in English."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from playwright.sync_api import BrowserContext, expect

from tests.browser.test_accessibility import TODAY
from tests.browser.test_wadul import clean, person  # noqa: F401  (fixture)
from tests.integration.test_musrenbang_support import YEAR, redate, set_up


def test_the_agency_sets_up_its_cycle_in_the_browser(
        person: Callable[[], BrowserContext], live_server: str, client: Any) -> None:  # noqa: F811
    set_up(client, TODAY)
    redate(client, TODAY + timedelta(days=60), "submission")  # the catalogue still open
    page = person().new_page()
    page.goto(f"{live_server}/musrenbang/perencanaan")
    clean(page)
    page.fill("#username", "bappeda")
    page.fill("#password", "demo")
    page.click("main button[type=submit]")
    expect(page.locator("h1")).to_have_text(f"Perencanaan Musrenbang {YEAR}")
    clean(page)
    page.fill("#cat-csv", "code,name,unit,unit_price,office,category\nA,Satu,m,0,dsdabm,x\n")
    page.get_by_role("button", name="Impor kamus").click()
    expect(page.locator("#e-catalogue")).to_contain_text("ditolak")
    expect(page.locator("ul.reason")).to_contain_text("harga satuan harus")
    clean(page)
    page.fill("input[name='kl_kel-kedungdoro']", "30.000.000")
    page.get_by_role("button", name="Simpan pagu").click()
    expect(page.locator("p[role=status]")).to_have_text("Pagu disimpan.")
    expect(page.locator("input[name='kl_kel-kedungdoro']")).to_have_value("30000000")
    clean(page)
    page.goto(f"{live_server}/musrenbang/perencanaan?tahun={YEAR}&lang=en")
    expect(page.locator("h1")).to_have_text(f"Musrenbang planning {YEAR}")
    clean(page)
