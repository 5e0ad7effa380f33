"""An outgoing letter the whole way in the browser: the section head (`kabid-dsdabm`)
drafts it from a template with `opd` in its paraf chain and submits it; `opd` initials
it from their list; the head (`kepala-opd`) signs it; the page then links the signed PDF,
which the server answers and whose signature pyHanko validates, and its verification
page. The pages pass axe-core's WCAG 2.1 A/AA on the way; with `ANTRIAN_SCREENSHOTS=1`
the README's screenshot of the signed letter is taken again into docs/."""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, expect

from queue_server.signing import signer_of
from tests.browser.test_accessibility import violations
from tests.integration.surat_in_support import load_codes

DOCS = Path(__file__).resolve().parents[2] / "docs"
SHOTS = os.environ.get("ANTRIAN_SCREENSHOTS") == "1"


def sign_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/surat/keluar")
    page.fill("#username", username)
    page.fill("#password", "demo")
    page.click("main button[type=submit]")
    expect(page.locator("#username")).to_have_count(0)
    page.wait_for_load_state()  # the page's scripts bound before anything is clicked


def sign_out(page: Page) -> None:
    page.click("header form button[type=submit]")


def draft(page: Page, base: str) -> str:
    page.goto(f"{base}/surat/keluar/baru")
    assert violations(page) == []
    page.fill("#subject", "Undangan rapat koordinasi pembersihan saluran")
    page.fill("#field-acara", "rapat koordinasi pembersihan saluran")
    page.fill("#field-hari_tanggal", "Senin, 7 Desember 2026")
    page.fill("#field-waktu", "09.00 WIB")
    page.fill("#field-tempat", "Ruang Rapat DSDABM")
    page.select_option("#to_office", "dlh")
    page.select_option("#reviewer-1", "opd")
    page.click("button:has-text('Simpan konsep')")
    expect(page.locator("#outgoing-part")).to_be_visible()
    assert violations(page) == []
    return page.url


def test_an_outgoing_letter_from_draft_to_signed_pdf(page: Page, app: Any, live_server: str,
                                                    engine: Any, tmp_path: Path) -> None:
    load_codes(engine)
    app.instance_path = str(tmp_path)  # the signer's certificate and the signed files
    sign_in(page, live_server, "kabid-dsdabm")
    letter = draft(page, live_server)
    page.click("button:has-text('Ajukan untuk paraf')")
    expect(page.locator("ol.chain li").first).to_contain_text("gilirannya sekarang")
    sign_out(page)
    sign_in(page, live_server, "opd")
    page.goto(f"{live_server}/surat/keluar")
    assert violations(page) == []
    page.click(f"a[href*='{letter.rsplit('/', 1)[1]}']")
    page.click("button:has-text('Paraf (setujui)')")
    expect(page.locator("ol.chain li").first).to_contain_text("disetujui")
    sign_out(page)
    sign_in(page, live_server, "kepala-opd")
    page.goto(letter)
    page.click("button:has-text('Tandatangani')")
    link = page.locator("a:has-text('Unduh PDF bertanda tangan')")
    expect(link).to_be_visible()
    expect(page.locator("a:has-text('Halaman verifikasi')")).to_be_visible()
    assert violations(page) == []
    if SHOTS:
        page.set_viewport_size({"width": 1100, "height": 1400})
        page.screenshot(path=str(DOCS / "surat-keluar.png"), full_page=True)
    answer = page.request.get(f"{live_server}{link.get_attribute('href')}")
    assert answer.status == 200 and answer.headers["content-type"] == "application/pdf"
    with ThreadPoolExecutor(1) as pool:  # pyHanko runs its own event loop, Playwright's is busy
        check = pool.submit(signer_of(app).check, answer.body()).result()
    assert (check.intact, check.valid, check.trusted) == (True, True, True)
    page.goto(f"{letter}?lang=en")
    expect(page.locator("#outgoing-part")).to_contain_text("Outgoing letter")
    assert violations(page) == []
