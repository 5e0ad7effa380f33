"""e-Wadul's pages in Chromium with the demo's three months of complaints: the forms mark
each wrong field (in the page before sending, and from the API's 422 answer) in words a
person can act on; no page scrolls sideways on a 375 px phone; the SKM page passes
axe-core; and, only when asked (`ANTRIAN_SCREENSHOTS=1`), the README's four screenshots
are taken again into docs/ (CI runs never rewrite docs/)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from playwright.sync_api import BrowserContext, Page, expect

from queue_server.eservices.wadul.demo import load_demo
from tests.browser.test_wadul import clean, person, signed_in  # noqa: F401  (fixture)
from tests.integration.wadul_support import wadul  # noqa: F401  (fixture)

DOCS = Path(__file__).resolve().parents[2] / "docs"
SHOTS = os.environ.get("ANTRIAN_SCREENSHOTS") == "1"
PHONE_WIDTH = 375


def test_the_form_marks_each_wrong_field_before_and_after_sending(
        person: Callable[[], BrowserContext], live_server: str, wadul: Any) -> None:  # noqa: F811
    page = person().new_page()
    page.goto(f"{live_server}/wadul")
    page.click("#submit")
    expect(page.locator("#form-error")).to_have_text("Periksa isian yang ditandai.")
    for field in ("category", "description", "kelurahan", "nik", "phone"):
        expect(page.locator(f"#{field}")).to_have_attribute("aria-invalid", "true")
        expect(page.locator(f"#{field}-error")).to_have_text("Wajib diisi.")
    expect(page.locator("#category")).to_be_focused()
    page.select_option("#category", "jalan-rusak")
    page.fill("#description", "Lubang")
    page.fill("#lat", "tujuh")
    page.click("#submit")
    expect(page.locator("#description-error")).to_contain_text("paling sedikit 10")
    expect(page.locator("#lat-error")).to_contain_text("Harus angka")
    expect(page.locator("#category")).not_to_have_attribute("aria-invalid", "true")
    # the API's answer for a body its schema refused, mapped to the fields in Indonesian
    said = page.evaluate("""async () => {
        const { showAnswer } = await import('/wadul/static/fields.js');
        const t = (key) => ({ v_required: 'Wajib diisi.', v_number: 'Harus angka.',
                              v_check: 'Periksa isian yang ditandai.' })[key] || key;
        return showAnswer(document.getElementById('wadul-form'), { status: 422, data: {
          error: { code: 'invalid_body', message: 'Isian tidak valid: kelurahan, lon.',
                   fields: { kelurahan: ['Missing data for required field.'],
                             lon: ['Not a valid number.'] } } } }, t);
    }""")
    assert said == "Periksa isian yang ditandai."
    expect(page.locator("#kelurahan-error")).to_have_text("Wajib diisi.")
    expect(page.locator("#lon-error")).to_have_text("Harus angka.")
    assert "Missing data" not in page.content() and "Not a valid" not in page.content()


def _no_sideways(page: Page, url: str) -> None:
    page.goto(url)
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= PHONE_WIDTH, f"{url}: {width} px wide"


def test_no_page_scrolls_sideways_on_a_phone(
        browser: Any, app: Any, live_server: str, wadul: Any) -> None:  # noqa: F811
    load_demo(app)
    context = browser.new_context(locale="id-ID", viewport={"width": PHONE_WIDTH,
                                                              "height": 740})
    page = context.new_page()
    for path in ("/wadul", "/wadul/laporan", "/wadul/laporan?lang=en"):
        _no_sideways(page, live_server + path)
    page.goto(f"{live_server}/wadul/inbox")
    page.fill("#username", "admin")
    page.fill("#password", "demo")
    page.click("button[type=submit]")
    expect(page.locator("h1")).to_contain_text("Kotak masuk")
    ref = page.locator("tbody tr[data-ref]").first.get_attribute("data-ref")
    for path in ("/wadul/desk", "/wadul/inbox", f"/wadul/kasus/{ref}", "/wadul/dashboard",
                 "/wadul/skm", "/wadul/skm?lang=en"):
        _no_sideways(page, live_server + path)
    context.close()


def test_the_skm_page_passes_wcag_21_aa(
        person: Callable[[], BrowserContext], app: Any, live_server: str,  # noqa: F811
        wadul: Any) -> None:  # noqa: F811
    load_demo(app)
    page = signed_in(person(), f"{live_server}/wadul/skm", "admin")
    expect(page.locator("#ikm-grade")).not_to_have_text("–")
    clean(page)
    page.goto(f"{live_server}/wadul/skm?lang=en&module=wadul")
    expect(page.locator("#ikm-grade")).not_to_have_text("–")
    clean(page)


def test_the_demo_s_screens_for_the_readme(
        person: Callable[[], BrowserContext], app: Any, live_server: str,  # noqa: F811
        wadul: Any, tmp_path: Path) -> None:  # noqa: F811
    """The four README screens over the demo's data: into docs/ with
    ANTRIAN_SCREENSHOTS=1, else into a temporary folder (every run still renders them)."""
    folder = DOCS if SHOTS else tmp_path
    load_demo(app)
    citizen = person().new_page()
    citizen.goto(f"{live_server}/wadul")
    citizen.select_option("#category", "saluran-banjir")
    citizen.fill("#description", "Saluran di gang kami tersumbat sampah; tiap hujan deras "
                 "air setinggi lutut masuk ke rumah warga.")
    citizen.fill("#kelurahan", "Keputran")
    citizen.screenshot(path=str(folder / "wadul-form-1366x900.png"), full_page=True)
    shots = (("/wadul/desk", "mediacenter", "wadul-desk-1366x900.png"),
             ("/wadul/inbox", "opd", "wadul-inbox-1366x900.png"),
             ("/wadul/dashboard", "admin", "wadul-dashboard-1366x900.png"))
    for path, user, name in shots:
        page = signed_in(person(), live_server + path, user)
        if path.endswith("dashboard"):
            for i in range(3):
                expect(page.locator("img.chart").nth(i)).to_have_js_property("complete", True)
        page.screenshot(path=str(folder / name), full_page=True)
    taken = sorted(folder.glob("wadul-*-1366x900.png"))
    assert len(taken) == 4 and all(shot.stat().st_size > 20_000 for shot in taken)
