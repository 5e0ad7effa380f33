"""e-Surat's pages on a 375 px phone: each page has the shared look (its stylesheet loads)
and none scrolls sideways (tables scroll inside their own box), the reviewer's widths
were 525–705 px. With `ANTRIAN_SCREENSHOTS=1` the README's screenshot of the incoming
register is taken again into docs/."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, expect

from tests.browser.test_accessibility import violations
from tests.integration.surat_in_support import load_codes, registered
from tests.integration.surat_out_support import People

DOCS = Path(__file__).resolve().parents[2] / "docs"
SHOTS = os.environ.get("ANTRIAN_SCREENSHOTS") == "1"


def sign_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/surat")
    page.fill("#username", username)
    page.fill("#password", "demo")
    page.click("main button[type=submit]")
    expect(page.locator("#username")).to_have_count(0)
    page.wait_for_load_state()  # the page's scripts bound before anything is clicked


def fits(page: Page, url: str) -> None:
    """`url` opens styled and no wider than the phone."""
    page.goto(url)
    assert page.evaluate("() => getComputedStyle(document.querySelector('header')).display") \
        == "flex", url
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 375, (url, width)


def test_every_surat_page_fits_a_phone(page: Page, app: Any, live_server: str, engine: Any,
                                       clock: Any, tmp_path: Path) -> None:
    load_codes(engine)
    app.instance_path = str(tmp_path)
    incoming = registered(engine, clock, subject="Permohonan normalisasi saluran "
                          "Kali Rungkut sepanjang dua kilometer di wilayah Rungkut Kidul")
    outgoing = People(app.test_client()).draft()
    page.set_viewport_size({"width": 375, "height": 812})
    sign_in(page, live_server, "tu-dsdabm")
    page.goto(f"{live_server}/surat/SURAT-{incoming}")
    page.check("input[name=to][value=kabid-dsdabm]")
    page.fill("#instruction", "Mohon disurvei dan dilaporkan hasilnya")
    page.click("#dispose ~ form button[type=submit]")
    for path in ("", "/masuk", f"/SURAT-{incoming}", "/keluar", "/keluar/baru", "/arsip",
                 "/masuk?lang=en"):
        fits(page, f"{live_server}/surat{path}")
    if SHOTS:
        page.set_viewport_size({"width": 1100, "height": 900})
        page.goto(f"{live_server}/surat/masuk")
        page.screenshot(path=str(DOCS / "surat-masuk.png"), full_page=True)
        page.set_viewport_size({"width": 375, "height": 812})
    page.click("header form button[type=submit]")
    sign_in(page, live_server, "kabid-dsdabm")
    for path in (f"/SURAT-{incoming}", f"/{outgoing}", "/keluar", "/keluar/baru"):
        fits(page, f"{live_server}/surat{path}")


def test_a_returned_draft_is_corrected_and_submitted_again(
        page: Page, app: Any, live_server: str, engine: Any, tmp_path: Path) -> None:
    load_codes(engine)
    app.instance_path = str(tmp_path)
    people = People(app.test_client())
    ref = people.draft()
    people.walk(ref, [("kabid-dsdabm", "submit")])
    assert people.act("opd", ref, "return", "Tanggal rapat salah").status_code == 200
    sign_in(page, live_server, "kabid-dsdabm")
    page.goto(f"{live_server}/surat/{ref}")
    expect(page.locator("ol.chain")).to_contain_text("Tanggal rapat salah")
    page.click("a:has-text('Ubah konsep surat')")
    assert violations(page) == []
    expect(page.locator("#body")).to_contain_text("Senin, 7 Desember 2026")
    body = page.input_value("#body").replace("Senin, 7 Desember 2026", "Selasa, 8 Desember 2026")
    page.fill("#body", body)
    page.fill("#subject", "Undangan rapat koordinasi saluran (diperbaiki)")
    expect(page.locator("#reviewer-1 option:checked")).to_have_text("Petugas DSDABM · Staf")
    page.click("button:has-text('Simpan perubahan')")
    expect(page.locator("h1")).to_contain_text("(diperbaiki)")
    expect(page.locator(".letter-body")).to_contain_text("Selasa, 8 Desember 2026")
    page.click("button:has-text('Ajukan untuk paraf')")
    expect(page.locator("ol.chain li").first).to_contain_text("gilirannya sekarang")


def test_a_free_body_letter_is_drafted(page: Page, app: Any, live_server: str,
                                       engine: Any, tmp_path: Path) -> None:
    load_codes(engine)
    app.instance_path = str(tmp_path)
    sign_in(page, live_server, "kabid-dsdabm")
    page.goto(f"{live_server}/surat/keluar/baru?template=bebas")
    assert violations(page) == []
    page.fill("#subject", "Pemberitahuan pemeliharaan pintu air")
    page.fill("#body", "Dengan hormat,\n\nPintu air Jagir dipelihara pada 9 Desember 2026.")
    page.select_option("#classification", "600.1")
    page.select_option("#reviewer-1", "opd")
    page.click("button:has-text('Simpan konsep')")
    expect(page.locator(".letter-body")).to_contain_text("Pintu air Jagir dipelihara")
