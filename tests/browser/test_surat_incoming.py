"""An office clerk takes an incoming letter the whole way in the browser: registers it
with its scan, disposes it to an officer, who opens it (the read receipt) and follows it
up; the clerk files it. The pages pass axe-core's WCAG 2.1 A/AA on the way."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from playwright.sync_api import Page, expect

from tests.browser.test_accessibility import violations
from tests.integration.surat_in_support import load_codes

PDF = b"%PDF-1.4\n%%EOF\n"


def sign_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/surat")
    page.fill("#username", username)
    page.fill("#password", "demo")
    page.click("main button[type=submit]")
    expect(page.locator("#username")).to_have_count(0)
    page.wait_for_load_state()  # the page's scripts bound before anything is clicked


def test_a_letter_from_registration_to_filed(page: Page, live_server: str, engine: Any,
                                             tmp_path: Path) -> None:
    load_codes(engine)
    scan = tmp_path / "surat.pdf"
    scan.write_bytes(PDF)
    sign_in(page, live_server, "tu-dsdabm")
    page.goto(f"{live_server}/surat/masuk")
    assert violations(page) == []
    page.fill("#sender", "Kelurahan Rungkut Kidul")
    page.fill("#subject", "Permohonan normalisasi saluran")
    page.select_option("#classification", "600.1.7")
    page.select_option("#urgency", "segera")
    page.set_input_files("#scan", str(scan))
    page.click("section button[type=submit]")
    expect(page.locator("h1")).to_contain_text("Permohonan normalisasi saluran")
    letter = page.url
    page.check("input[name=to][value=kabid-dsdabm]")
    page.fill("#instruction", "Mohon disurvei")
    page.fill("#due_days", "3")
    page.click("#dispose ~ form button[type=submit]")
    expect(page.locator("td", has_text="Belum dibaca")).to_have_count(1)
    assert violations(page) == []
    page.click("header form button[type=submit]")  # sign out
    sign_in(page, live_server, "kabid-dsdabm")
    page.goto(letter)
    page.fill("textarea[name=text]", "Sudah disurvei, dijadwalkan minggu depan.")
    page.click("button:has-text('Simpan tindak lanjut')")
    expect(page.locator("dd").first).to_contain_text("Ditindaklanjuti")
    page.click("header form button[type=submit]")
    sign_in(page, live_server, "tu-dsdabm")
    page.goto(letter)
    page.click("button:has-text('Arsipkan surat')")
    expect(page.locator("dd").first).to_contain_text("Diarsipkan")
    page.goto(f"{live_server}/surat/arsip?year=2029&lang=en")
    assert violations(page) == []
