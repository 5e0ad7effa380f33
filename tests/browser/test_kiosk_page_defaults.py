"""The kiosk page in Chromium: a scanner typing a QR's whole address, idle reset, closed
services that say when they open, and the staff menu (plain words, a throttled PIN)."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from kiosk.escpos_reader import read
from tests.browser.test_accessibility import violations
from tests.support import sites
from tests.support.clock import WIB, FakeClock
from tests.support.factories import TODAY, booking
from tests.support.kiosk import kiosk_agent
from tests.support.printer import FakePrinter
from tests.support.servers import wait_until

HOURLY = sites.hourly()


def book_today(client: Any) -> str:
    reply = client.post("/api/v1/bookings", json=booking(TODAY, "umum"))
    assert reply.status_code == 201, reply.get_json()
    return reply.get_json()["code"]


@pytest.mark.parametrize("typed", [
    lambda code: f"http://antrian.surabaya.go.id/t/{code}",  # the QR's whole address
    lambda code: f"https://192.168.1.20:5000/t/{code.lower()}",  # another host, lower case
    lambda code: f"  {code[:4]}-{code[4:8]}-{code[8:]}  ",  # grouped, with spaces
])
def test_a_scanner_typing_the_qr_checks_in_and_prints(
    page: Page, live_server: str, client: Any, printer: FakePrinter, tmp_path: Path,
    typed: Any,
) -> None:
    code = book_today(client)
    with kiosk_agent(live_server, printer, tmp_path) as (base, _):
        page.goto(base)
        expect(page.locator("[data-service=umum]")).to_be_visible()
        page.keyboard.type(typed(code))  # a scanner is a keyboard: fast keys, then Enter
        page.keyboard.press("Enter")
        expect(page.locator("#result-number")).to_have_text("B-001")
        expect(page.locator("#result-message")).to_have_text(
            "Check-in berhasil. Silakan ambil tiket Anda.")
    receipt = read(printer.wait_for_jobs(1)[0])
    assert "Booking sudah check-in" in receipt.text and f"Kode: {code}" in receipt.text


def test_idle_returns_the_page_to_indonesian_and_no_priority(
    page: Page, live_server: str, printer: FakePrinter, tmp_path: Path
) -> None:
    with kiosk_agent(live_server, printer, tmp_path, idle_seconds=2.0) as (base, _):
        page.goto(base)
        hint = page.locator("[data-t=hint]")
        expect(hint).to_have_text("Pilih layanan untuk mengambil nomor antrean.")
        page.click("#lang")
        page.click("[data-priority=elderly]")
        expect(hint).to_have_text("Choose a service to take a queue number.")
        expect(page.locator("[data-priority=elderly]")).to_have_class(re.compile(r"\bon\b"))
        # Nobody touches the screen: the next patient finds the defaults.
        expect(hint).to_have_text("Pilih layanan untuk mengambil nomor antrean.",
                                  timeout=10_000)
        expect(page.locator("html")).to_have_attribute("lang", "id")
        expect(page.locator(".chip.on")).to_have_count(0)
        expect(page.locator("#lang")).to_have_text("English")
        page.click("[data-service=pendaftaran]")
        expect(page.locator("#result-number")).to_have_text("A-001")
    assert "Prioritas" not in read(printer.wait_for_jobs(1)[0]).text


@pytest.mark.parametrize(("now", "umum_id", "umum_en"), [
    (datetime(2026, 11, 23, 15, 0), "Tutup · Buka besok 07:30", "Closed · Opens tomorrow 07:30"),
    (datetime(2026, 11, 23, 6, 15), "Tutup · Buka 07:30", "Closed · Opens 07:30"),
    (datetime(2026, 11, 28, 12, 30), "Tutup · Buka Senin 07:30", "Closed · Opens Monday 07:30"),
])
def test_a_closed_service_says_when_it_opens(
    page: Page, live_server: str, engine: Any, clock: FakeClock, printer: FakePrinter,
    tmp_path: Path, now: datetime, umum_id: str, umum_en: str,
) -> None:
    HOURLY.load(engine)
    clock.set(now.replace(tzinfo=WIB))
    token = HOURLY.token("kiosk-jam")
    with kiosk_agent(live_server, printer, tmp_path, token=token) as (base, _):
        page.goto(base)
        umum = page.locator("[data-service=umum]")
        expect(umum.locator(".info")).to_have_text(umum_id)
        expect(umum).to_be_disabled()
        expect(page.locator("[data-service=tutup] .info")).to_have_text("Tutup")
        expect(page.locator("[data-service=ugd]")).to_be_enabled()
        assert violations(page) == []  # greyed-out services keep their contrast
        page.click("#lang")
        expect(umum.locator(".info")).to_have_text(umum_en)


def open_staff_menu(page: Page, pin: str) -> None:
    page.click("#staff")
    page.fill("#pin", pin)
    with page.expect_response("**/api/staff/status*"):
        page.press("#pin", "Enter")


def test_the_staff_menu_speaks_plain_language(page: Page, live_server: str,
                                              printer: FakePrinter, tmp_path: Path) -> None:
    with kiosk_agent(live_server, printer, tmp_path) as (base, parts):
        wait_until(lambda: parts.printing.state["printer"] == "online",
                   what="the probe to find the printer")
        page.goto(base)
        open_staff_menu(page, "2468")
        lines = page.locator("#staff-lines li")
        expect(lines.first).to_have_text("Printer: siap")
        texts = lines.all_inner_texts()
        port = live_server.rsplit(":", 1)[1]
        for expected in ("Kertas: cukup", "Tiket menunggu dicetak: 0",
                         "Tiket yang hanya tampil di layar (tidak tercetak): 0",
                         f"Alamat di QR tiket: http://127.0.0.1:{port}",
                         "Tidak ada kesalahan printer", "Server antrean: terhubung"):
            assert expected in texts, texts
        assert any(t.startswith("Peringatan: 127.0.0.1 adalah alamat komputer ini sendiri")
                   for t in texts)
        menu = page.locator("#staff-menu").inner_text()
        assert not re.search(r"[{}\[\]\"]|null|true|false", menu), menu
        assert violations(page) == []
        page.click("#reprint")
        expect(page.locator("#staff-error")).to_have_text("Belum ada tiket.")


def test_wrong_pins_are_throttled(page: Page, live_server: str, printer: FakePrinter,
                                  tmp_path: Path) -> None:
    with kiosk_agent(live_server, printer, tmp_path) as (base, _):
        page.goto(base)
        page.click("#staff")
        for guess in ("0000", "1111", "1234", "2222", "9999"):
            page.fill("#pin", guess)
            with page.expect_response("**/api/staff/status*") as reply:
                page.press("#pin", "Enter")
            assert reply.value.status == 403
            expect(page.locator("#staff-error")).to_have_text("PIN salah.")
        page.fill("#pin", "2468")  # right, but too late
        with page.expect_response("**/api/staff/status*") as reply:
            page.press("#pin", "Enter")
        assert reply.value.status == 429 and reply.value.headers["retry-after"] == "30"
        expect(page.locator("#staff-error")).to_have_text(
            "Terlalu banyak percobaan PIN. Coba lagi dalam 30 detik.")
        expect(page.locator("#staff-lines li")).to_have_count(0)
