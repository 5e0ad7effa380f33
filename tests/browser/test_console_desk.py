"""The console's desk functions in real Chromium: a walk-in with a priority, a scanned
booking check-in, calling a given number, a priority change with its reason, the boards'
running text, and kiosks or boards that went offline."""

from __future__ import annotations

import json
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import text

from tests.browser.test_accessibility import violations
from tests.browser.test_console import sign_in
from tests.browser.test_console_keys import no_script_errors, ready_to_call, settled
from tests.conftest import Api
from tests.support.clock import FakeClock

__all__ = ["no_script_errors"]  # every test here also fails on an uncaught script error


@pytest.fixture
def devices_never_seen(engine: Any) -> None:
    with engine.begin() as conn:
        conn.execute(text("UPDATE devices SET last_seen_at = NULL, status = :s"), {"s": "{}"})


def test_staff_issue_a_walk_in_number_with_a_priority(page: Page, live_server: str) -> None:
    page.set_viewport_size({"width": 1366, "height": 768})
    sign_in(page, live_server)
    page.click("#tab-walkin")
    expect(page.locator("#walkin-service")).to_have_value("pendaftaran")
    page.select_option("#walkin-priority", "elderly")
    page.click("#desk-walkin button[type=submit]")
    expect(page.locator("#walkin-number")).to_have_text("A-001")
    row = page.locator("#waiting tr[data-number='A-001']")
    expect(row).to_contain_text("Lansia")
    expect(page.locator("#walkin-priority")).to_have_value("regular")  # for the next one
    assert page.evaluate("document.documentElement.scrollHeight <= innerHeight + 1")


def test_a_scanned_booking_is_checked_in_from_the_console(page: Page, live_server: str,
                                                          client: Any, kiosk: Api) -> None:
    page.set_viewport_size({"width": 1366, "height": 768})
    kiosk.ticket()
    booked = client.post("/api/v1/bookings", json={
        "facility": "pkm-demo", "service": "pendaftaran", "date": "2026-11-23",
        "patient": {"nik": "3578010101900001", "name": "Siti Aminah", "phone": "081234567890"}})
    code = booked.get_json()["code"]
    sign_in(page, live_server)
    # A barcode scanner types the QR's whole address, then Enter.
    page.fill("#checkin-code", f"https://antrian.example/t/{code.lower()}")
    page.keyboard.press("Enter")
    expect(page.locator("#desk-result")).to_have_text(
        "A-002 masuk antrean Pendaftaran · 1 orang di depan")
    row = page.locator("#waiting tr[data-number='A-002']")
    expect(row).to_contain_text("Siti Aminah · 3578********0001")
    # With a name in it, the queue still fits its panel: no row is cut at the side.
    assert page.evaluate("""() => [...document.querySelectorAll('.list')]
        .every((panel) => panel.scrollWidth <= panel.clientWidth)""")
    expect(page.locator("#checkin-code")).to_have_value("")
    expect(page.locator("#checkin-code")).to_be_focused()  # ready for the next scan
    page.fill("#checkin-code", code)
    page.keyboard.press("Enter")  # twice: the server says why not, in plain words
    expect(page.locator("#desk-result.bad")).to_contain_text("sedang menunggu")
    page.fill("#checkin-code", "ZZZZ-ZZZZ-ZZ")
    page.keyboard.press("Enter")
    expect(page.locator("#desk-result.bad")).to_have_text("Kode booking tidak dikenal.")


def test_staff_call_a_given_number_typed_or_from_the_list(page: Page, live_server: str,
                                                          kiosk: Api) -> None:
    for _ in range(4):
        kiosk.ticket()
    sign_in(page, live_server)
    page.click("#tab-call")
    page.fill("#call-number", "xyz")
    page.keyboard.press("Enter")
    expect(page.locator("#desk-result.bad")).to_contain_text("tulis seperti A-012")
    page.fill("#call-number", "a3")
    page.keyboard.press("Enter")
    settled(page, "A-003")
    expect(page.locator("#call-number")).to_have_value("")
    ready_to_call(page)
    page.click("#waiting tr[data-number='A-002'] [data-call-number]")
    settled(page, "A-002")
    expect(page.locator("#waiting tr")).to_have_count(2)
    expect(page.locator("#count-served")).to_have_text("1")  # A-003 was finished


def test_a_priority_change_needs_a_reason_and_reorders_the_queue(
    page: Page, live_server: str, kiosk: Api, engine: Any, clock: FakeClock
) -> None:
    kiosk.ticket()
    clock.advance(minutes=5)
    kiosk.ticket()
    sign_in(page, live_server)
    expect(page.locator("#waiting tr").first).to_have_attribute("data-number", "A-001")
    page.click("#waiting tr[data-number='A-002'] [data-priority-of]")
    dialog = page.locator("#priority-dialog")
    expect(dialog).to_be_visible()
    expect(page.locator("#priority-number")).to_have_text("A-002")
    page.select_option("#priority-select", "elderly")
    page.click("#priority-save")  # no reason yet
    expect(page.locator("#priority-error")).to_contain_text("Tulis alasan perubahan prioritas")
    assert violations(page) == []  # WCAG 2.1 AA, with the dialog and its error shown
    page.fill("#priority-reason", "lansia 72 tahun")
    page.keyboard.press("Enter")
    expect(dialog).to_be_hidden()
    expect(page.locator("#toast")).to_contain_text("A-002 · Lansia")
    expect(page.locator("#waiting tr").first).to_have_attribute("data-number", "A-002")
    expect(page.locator("#waiting tr").first).to_contain_text("Lansia")
    with engine.connect() as conn:
        actor, data = conn.execute(text(
            "SELECT actor, data FROM ticket_events WHERE kind = 'priority_changed'")).one()
    data = data if isinstance(data, dict) else json.loads(data)
    assert actor == "staff:petugas" and data["reason"] == "lansia 72 tahun"
    assert (data["from"], data["to"]) == ("regular", "elderly")


def test_staff_edit_the_boards_running_text(page: Page, live_server: str, client: Any,
                                           kept_running_text: str) -> None:
    sign_in(page, live_server)
    page.click("#tab-text")
    expect(page.locator("#running-text")).to_have_value(kept_running_text)
    page.fill("#running-text", "Poli gigi hari ini tutup pukul 12.00")
    page.click("#desk-text button[type=submit]")
    expect(page.locator("#desk-result")).to_have_text("Teks berjalan disimpan.")
    board = client.get("/api/v1/facilities/pkm-demo/board").get_json()
    assert board["facility"]["running_text"] == "Poli gigi hari ini tutup pukul 12.00"


def test_an_offline_kiosk_or_board_is_shown_with_when_it_was_last_seen(
    page: Page, live_server: str, kiosk: Api, clock: FakeClock, devices_never_seen: None
) -> None:
    assert kiosk.post("/api/v1/kiosk/heartbeat", {"printer": "online",
                                                   "paper": "ok"}).status_code == 200
    clock.advance(seconds=61)  # two heartbeats missed
    sign_in(page, live_server)
    strip = page.locator("#devices")
    expect(strip.locator("[data-device=kiosk-1]")).to_have_text(
        "Kiosk pintu masuk: terputus, terakhir terlihat 08:00 WIB")
    expect(strip.locator("[data-device=display-1]")).to_have_text(
        "TV ruang tunggu: belum pernah terhubung")
    page.click("#lang-toggle")
    expect(page.locator("#tab-walkin")).to_have_text("New ticket")
    expect(page.locator("#conn")).to_have_text("Connected")
    expect(strip.locator("[data-device=kiosk-1]")).to_have_text(
        "Kiosk pintu masuk: offline, last seen 08:00 WIB")


def test_a_kiosk_without_paper_is_named_while_it_is_online(
    page: Page, live_server: str, kiosk: Api, devices_never_seen: None
) -> None:
    kiosk.post("/api/v1/kiosk/heartbeat", {"printer": "online", "paper": "out"})
    sign_in(page, live_server)
    expect(page.locator("#devices [data-device=kiosk-1]")).to_have_text(
        "Kiosk pintu masuk: kertas habis")
