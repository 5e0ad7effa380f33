"""e-Wadul's forms as people fill them (Chromium): a NIK typed in groups and a decimal
comma in the map point are taken, a photo too large is refused with its size written the
Indonesian way (5,9 MB), and the Media Center corrects a complaint on its case page
(marks it confidential, redacts the description), the page passing axe-core WCAG 2.1
A/AA with its strict Content-Security-Policy."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from playwright.sync_api import BrowserContext, expect

from tests.browser.test_wadul import clean, person, signed_in  # noqa: F401  (fixture)
from tests.integration.wadul_support import wadul  # noqa: F401  (fixture)

MB = 1024 * 1024


def test_the_form_takes_a_grouped_nik_and_a_decimal_comma_and_says_sizes_in_indonesian(
        person: Callable[[], BrowserContext], live_server: str, wadul: Any) -> None:  # noqa: F811
    page = person().new_page()
    page.goto(f"{live_server}/wadul")
    page.select_option("#category", "jalan-rusak")
    page.fill("#description", "Jalan berlubang besar di depan pasar, membahayakan motor.")
    page.fill("#kelurahan", "Tegalsari")
    page.fill("#lat", "-7,2690")
    page.fill("#lon", "112,7380")
    page.fill("#nik", "3578 0101 0190 0001")
    page.fill("#phone", "0812-3456-7890")
    page.set_input_files("#photos", {"name": "besar.png", "mimeType": "image/png",
                                     "buffer": b"\x89PNG" + bytes(int(5.9 * MB))})
    page.click("#submit")
    expect(page.locator("#form-error")).to_contain_text("(5,9 MB)")
    page.set_input_files("#photos", [])
    page.click("#submit")
    expect(page.locator("#done-code")).not_to_be_empty()
    clean(page)


def test_the_desk_marks_a_complaint_confidential_and_redacts_it_on_its_page(
        person: Callable[[], BrowserContext], live_server: str, wadul: Any,  # noqa: F811
        client: Any) -> None:
    from tests.integration.wadul_public_support import ref_of
    from tests.integration.wadul_support import act, caller, file

    desk_api = caller(client, "mediacenter")
    code = file(client, description="Pak Budi Santoso 0812999888 membuang sampah di sungai.")
    assert act(desk_api, code, "verify").status_code == 200
    ref = ref_of(wadul, code)
    desk = signed_in(person(), f"{live_server}/wadul/desk", "mediacenter")
    desk.goto(f"{live_server}/wadul/kasus/{ref}")
    expect(desk.locator("#edit-form")).to_be_visible()
    clean(desk)
    desk.check("#e-confidential")
    desk.fill("#e-description", "Warga membuang sampah di sungai.")
    desk.fill("#e-comment", "Nama dan nomor dihapus.")
    desk.click("#edit-form button[type=submit]")
    expect(desk.locator("p.description")).to_have_text("Warga membuang sampah di sungai.")
    expect(desk.locator("#e-confidential")).to_be_checked()
    expect(desk.locator(".timeline")).to_contain_text("Diubah oleh Media Center")
    clean(desk)
    desk.goto(f"{live_server}/wadul/laporan")
    expect(desk.locator(f"a[href^='/wadul/laporan/{ref}']")).to_have_count(0)
