"""/book's "Lupa kode? Cari booking saya" in real Chromium: NIK and phone → links to /t/."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, expect

from tests.browser.test_accessibility import violations
from tests.support.factories import TODAY, booking

NIK = "3578014507850002"


def book(client: Any, **changes: Any) -> dict[str, Any]:
    body = booking(**changes)
    body["patient"]["nik"] = NIK
    reply = client.post("/api/v1/bookings", json=body)
    assert reply.status_code == 201, reply.get_json()
    return reply.get_json()


def find(page: Page, nik: str, phone: str) -> None:
    page.fill("#lookup-nik", nik)
    page.fill("#lookup-phone", phone)
    page.click("#lookup-find")


def test_a_patient_who_lost_the_code_finds_the_bookings_and_follows_one(
    page: Page, live_server: str, client: Any, artifacts: Path
) -> None:
    gigi = book(client, service="gigi")
    later = book(client, day=TODAY + timedelta(days=2))
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server}/book?facility=pkm-demo")
    summary = page.locator("#lookup summary")
    expect(summary).to_have_text("Lupa kode? Cari booking saya")
    # The page's own requests (services, dates) settle first: content they bring in above
    # moves the summary, and a click sent while it moves can miss it (seen once in CI).
    page.wait_for_load_state("networkidle")
    summary.click()
    expect(page.locator("#lookup-nik")).to_be_visible()
    find(page, "3578 0145 0785 0002", "0812-3456-7890")  # as people type them
    links = page.locator("#lookup-list a")
    expect(links).to_have_count(2)
    expect(links.nth(0)).to_contain_text(gigi["number"])
    expect(links.nth(0)).to_contain_text("Poli Gigi · Puskesmas Demo")
    expect(links.nth(0)).to_contain_text(f"Kode {gigi['code']}")
    expect(links.nth(0)).to_contain_text("Belum check-in")
    expect(links.nth(1)).to_have_attribute("href", f"/t/{later['code']}")
    expect(page.locator("#lookup-none")).to_be_hidden()
    page.locator("#lookup").screenshot(path=str(artifacts / "book-lookup-390.png"))
    assert violations(page) == []  # WCAG 2.1 AA with the answer shown
    # English follows the page's language switch.
    page.click("#lang")
    expect(summary).to_have_text("Lost your code? Find my bookings")
    expect(links.nth(0)).to_contain_text("Not checked in yet")
    page.click("#lang")
    links.nth(1).click()
    expect(page).to_have_url(f"{live_server}/t/{later['code']}")
    expect(page.locator("#number")).to_have_text(later["number"])


def test_a_wrong_phone_finds_nothing_and_a_bad_nik_says_why(page: Page, live_server: str,
                                                             client: Any) -> None:
    book(client)
    page.goto(f"{live_server}/book?facility=pkm-demo")
    page.click("#lookup summary")
    find(page, NIK, "081299999999")
    expect(page.locator("#lookup-none")).to_have_text(
        "Tidak ada booking aktif untuk NIK dan nomor HP ini.")
    expect(page.locator("#lookup-list a")).to_have_count(0)
    find(page, "٣٥٧٨٠١٤٥٠٧٨٥٠٠٠٢", "081234567890")
    expect(page.locator("#lookup-error")).to_have_text(
        "NIK hanya boleh berisi angka dan huruf biasa (0-9, A-Z).")
    expect(page.locator("#lookup-none")).to_be_hidden()
