"""The front page and a booking's ticket page (issue 11, points 14 and 15), in Chromium."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from playwright.sync_api import Page, expect

TODAY = date(2026, 11, 23)  # the FakeClock's day: a Monday


def book(client: Any, on: date) -> dict[str, Any]:
    reply = client.post("/api/v1/bookings", json={
        "facility": "pkm-demo", "service": "umum", "date": on.isoformat(),
        "patient": {"nik": "3578010101900001", "name": "Siti Aminah", "phone": "081234567890"}})
    assert reply.status_code == 201, reply.get_json()
    return reply.get_json()


def test_the_front_page_lists_facilities_with_their_board_booking_and_console(
        page: Page, live_server: str) -> None:
    page.goto(live_server + "/")
    expect(page.locator("h1")).to_have_text("Antrean puskesmas")
    demo = page.locator("[data-facility=pkm-demo]")
    expect(demo).to_contain_text("Puskesmas Demo")
    expect(demo.get_by_role("link", name="Layar ruang tunggu")).to_have_attribute(
        "href", "/display/pkm-demo")
    demo.get_by_role("link", name="Ambil nomor antrean").click()
    expect(page).to_have_url(live_server + "/book?facility=pkm-demo")
    expect(page.locator("#facility")).to_have_value("pkm-demo")
    page.goto(live_server + "/")
    page.get_by_role("link", name="Konsol petugas").click()
    expect(page.locator("input[name=username]")).to_be_visible()


def test_the_front_page_in_english(page: Page, live_server: str) -> None:
    page.goto(live_server + "/")
    page.get_by_role("link", name="English").click()
    expect(page.locator("h1")).to_have_text("Health centre queues")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    demo = page.locator("[data-facility=pkm-demo]")
    expect(demo.get_by_role("link", name="Waiting-room screen")).to_have_attribute(
        "href", "/display/pkm-demo?lang=en")


def test_a_booking_for_another_day_shows_its_date_code_and_qr(page: Page, live_server: str,
                                                             client: Any) -> None:
    booking = book(client, TODAY + timedelta(days=2))
    page.clock.set_fixed_time("2026-11-23T09:00:00+07:00")
    page.goto(f"{live_server}/t/{booking['code']}")
    expect(page.locator("#day")).to_have_text("Tanggal periksa: Rabu, 25 November 2026")
    expect(page.locator("#journey-title")).to_have_text("Perjalanan Anda, Rabu, 25 November 2026")
    expect(page.locator("body")).not_to_contain_text("hari ini")
    code = booking["code"]
    expect(page.locator("#booking-code")).to_have_text(f"{code[:4]} {code[4:8]} {code[8:]}")
    qr = page.locator("#booking-qr")
    expect(qr).to_have_attribute("src", f"/api/v1/bookings/{code}/qr.svg")
    page.wait_for_function("document.getElementById('booking-qr').naturalWidth > 0")
    page.get_by_role("button", name="English").click()
    expect(page.locator("#day")).to_have_text("Visit date: Wednesday, 25 November 2026")


def test_a_booking_for_today_says_today_and_still_shows_its_code(page: Page, live_server: str,
                                                                client: Any) -> None:
    booking = book(client, TODAY)
    page.goto(f"{live_server}/t/{booking['code']}")
    expect(page.locator("#day")).to_have_text("Hari ini, Senin, 23 November 2026")
    expect(page.locator("#journey-title")).to_have_text("Perjalanan Anda hari ini")
    expect(page.locator("#booking")).to_be_visible()


def test_a_walk_in_ticket_page_shows_no_booking_block(page: Page, live_server: str,
                                                      kiosk: Any) -> None:
    ticket = kiosk.ticket()
    page.goto(f"{live_server}{ticket['ticket_url']}")
    expect(page.locator("#number")).to_have_text(ticket["number"])
    expect(page.locator("#booking")).to_be_hidden()
