"""e-Wadul in Chromium, from filing to rating: a citizen files a complaint with a photo on
/wadul, the Media Center (`mediacenter`) verifies and forwards it on /wadul/desk, the
office (`opd`, Dinas SDA dan Bina Marga) takes it on and answers it on /wadul/inbox, and
the citizen rates the answer on the case page /c/{code}. Every page keeps its strict
Content-Security-Policy (enforced here) and passes axe-core WCAG 2.1 A/AA."""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.browser.test_accessibility import AXE, violations
from tests.integration.wadul_support import wadul  # noqa: F401  (fixture)

WATCH_CSP = ("window.__csp = []; document.addEventListener('securitypolicyviolation', "
             "(e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));")


def tiny_png() -> bytes:
    """A real 2×2 PNG (the page shows it back on /c/{code})."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    rows = b"".join(b"\x00" + b"\x1d\x4e\xd8" * 2 for _ in range(2))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


@pytest.fixture
def person(browser: Browser) -> Iterator[Callable[[], BrowserContext]]:
    """Makes a fresh browser context (one per person): the pages' policy enforced (no
    bypass), violations recorded, axe-core in every page."""
    made: list[BrowserContext] = []

    def new() -> BrowserContext:
        context = browser.new_context(locale="id-ID", timezone_id="Asia/Jakarta",
                                      viewport={"width": 1366, "height": 900})
        context.add_init_script(path=str(AXE))
        context.add_init_script(WATCH_CSP)
        made.append(context)
        return context

    yield new
    for context in made:
        context.close()


def clean(page: Page) -> None:
    """No policy violation and no axe finding on the page as it stands."""
    assert page.evaluate("() => window.__csp") == [], page.url
    assert violations(page) == [], page.url


def signed_in(context: BrowserContext, url: str, username: str) -> Page:
    page = context.new_page()
    page.goto(url)
    clean(page)
    page.fill("#username", username)
    page.fill("#password", "demo")
    page.click("button[type=submit]")
    expect(page.locator("h1")).not_to_have_text("e-Wadul: masuk petugas")
    page.wait_for_load_state()  # staff.js bound before a form is sent
    return page


def take(page: Page, ref: str, action: str, comment: str = "", template: bool = False,
         state: str = "") -> None:
    """Choose `action` in the row form of the case of public reference `ref`, optionally
    a reply template, send it, and wait for the page read again to show `state`."""
    form = page.locator(f"form.act[data-ref='{ref}']")
    form.locator("select[name=action]").select_option(action)
    if template:
        form.locator("select.reply").select_option(index=1)
        expect(form.locator("textarea")).not_to_have_value("")
        assert "{" not in form.locator("textarea").input_value()  # its fields filled
    elif comment:
        form.locator("textarea").fill(comment)
    form.locator("button[type=submit]").click()
    if state:
        expect(page.locator(f"tr[data-ref='{ref}'] td.state")).to_contain_text(state)
        page.wait_for_load_state()  # the reloaded page's script bound before the next action


def test_a_complaint_goes_from_filing_to_rating_in_the_browser(
        person: Callable[[], BrowserContext], live_server: str, wadul: Any, artifacts: Path,  # noqa: F811
        tmp_path: Path) -> None:
    photo = tmp_path / "jalan.png"
    photo.write_bytes(tiny_png())
    citizen = person().new_page()
    citizen.goto(f"{live_server}/wadul")
    citizen.select_option("#category", "kebakaran")
    expect(citizen.locator("#redirect")).to_contain_text("112")
    expect(citizen.locator("#report-fields")).to_be_hidden()
    citizen.select_option("#category", "jalan-rusak")
    expect(citizen.locator("#category-note")).to_contain_text("hari kerja")
    citizen.fill("#description", "Jalan berlubang besar di depan SD, membahayakan motor.")
    citizen.fill("#kelurahan", "Tegalsari")
    citizen.fill("#lat", "-7.2690")
    citizen.fill("#lon", "112.7380")
    citizen.set_input_files("#photos", str(photo))
    citizen.fill("#nik", "3578010101900001")
    citizen.fill("#phone", "081234567890")
    citizen.fill("#name", "Siti Aminah")
    clean(citizen)
    citizen.screenshot(path=str(artifacts / "wadul-form-1366x900.png"), full_page=True)
    citizen.click("#submit")
    expect(citizen.locator("#done-code")).not_to_be_empty()
    code = citizen.locator("#done-code").inner_text().strip()
    clean(citizen)
    from tests.integration.wadul_public_support import ref_of

    ref = ref_of(wadul, code)  # staff work by the public reference, never see the code

    desk = signed_in(person(), f"{live_server}/wadul/desk", "mediacenter")
    expect(desk.locator(f"tr[data-ref='{ref}']")).to_be_visible()
    clean(desk)
    take(desk, ref, "verify", state="Terverifikasi")
    desk.screenshot(path=str(artifacts / "wadul-desk-1366x900.png"), full_page=True)
    take(desk, ref, "forward", template=True)
    expect(desk.locator(f"tr[data-ref='{ref}']")).to_have_count(0)  # left the desk

    office = signed_in(person(), f"{live_server}/wadul/inbox", "opd")
    take(office, ref, "accept", state="Sedang ditindaklanjuti")
    take(office, ref, "answer", template=True, state="Dijawab")
    clean(office)
    office.screenshot(path=str(artifacts / "wadul-inbox-1366x900.png"), full_page=True)
    assert code not in office.content()
    office.fill("#open-ref", ref.lower())  # a citizen quotes the public number
    office.click("#open-ref ~ button")
    expect(office.locator(".timeline li")).to_have_count(5)
    assert code not in office.content()
    clean(office)

    citizen.goto(f"{live_server}/c/{code}")
    rate = citizen.locator("form.case-action[data-action=rate]")
    rate.locator("input[name=rating][value='4']").check()
    rate.locator("button[type=submit]").click()
    expect(citizen.locator("#case")).to_contain_text("Selesai")
    clean(citizen)


def test_the_public_list_and_the_dashboard_pass_wcag_21_aa(
        person: Callable[[], BrowserContext], live_server: str, wadul: Any, client: Any,  # noqa: F811
        artifacts: Path) -> None:
    from tests.integration.wadul_public_support import ref_of
    from tests.integration.wadul_support import answered, caller

    code = answered(client, caller(client, "mediacenter"), caller(client, "opd"))
    ref = ref_of(wadul, code)
    for lang in ("", "?lang=en"):
        page = person().new_page()
        page.goto(f"{live_server}/wadul/laporan{lang}")
        expect(page.locator("a[href^='/c/']")).to_have_count(0)  # the code is the filer's
        clean(page)
        page.locator(f"a[href^='/wadul/laporan/{ref}']").click()  # its public page
        expect(page.locator(".timeline li")).to_have_count(5)
        assert code not in page.content()
        clean(page)
        page.set_viewport_size({"width": 375, "height": 800})
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 375
        page.goto(f"{live_server}/wadul{lang}")
        clean(page)
    head = signed_in(person(), f"{live_server}/wadul/dashboard", "kepala-opd")
    charts = head.locator("img.chart")
    expect(charts).to_have_count(3)
    for i in range(3):
        expect(charts.nth(i)).to_have_js_property("complete", True)
        assert charts.nth(i).evaluate("(img) => img.naturalWidth") > 0
    clean(head)
    head.screenshot(path=str(artifacts / "wadul-dashboard-1366x900.png"), full_page=True)
    head.goto(f"{live_server}/wadul/dashboard?lang=en")
    clean(head)
