"""e-Wadul's photos in Chromium: the /wadul form says which photo is too big or not a
photo before sending anything, then takes a real one; the Media Center's entry form
takes photos too, and the staff case page shows them (with alt text). Pages keep their
Content-Security-Policy and pass axe-core WCAG 2.1 A/AA with the messages shown."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from playwright.sync_api import BrowserContext, Page, expect

from tests.browser.test_wadul import clean, person, signed_in  # noqa: F401  (fixture)
from tests.integration.wadul_support import wadul  # noqa: F401  (fixture)
from tests.support import images

MB = 1024 * 1024


def _fill_report(page: Page) -> None:
    page.select_option("#category", "jalan-rusak")
    page.fill("#description", "Jalan berlubang besar di depan SD, membahayakan motor.")
    page.fill("#kelurahan", "Tegalsari")
    page.fill("#nik", "3578010101900001")
    page.fill("#phone", "081234567890")


def _file(name: str, mime: str, data: bytes) -> dict[str, Any]:
    return {"name": name, "mimeType": mime, "buffer": data}


def test_the_form_names_a_photo_too_big_or_not_a_photo_before_sending(
        person: Callable[[], BrowserContext], live_server: str, wadul: Any) -> None:  # noqa: F811
    page = person().new_page()
    posted: list[str] = []
    page.on("request", lambda r: posted.append(r.url) if r.method == "POST" else None)
    page.goto(f"{live_server}/wadul")
    _fill_report(page)
    page.set_input_files("#photos", [_file("kecil.jpg", "image/jpeg", images.jpeg()),
                                     _file("besar.png", "image/png", bytes(6 * MB))])
    page.click("#submit")
    expect(page.locator("#photos")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#photos-error")).to_contain_text("besar.png")
    expect(page.locator("#photos-error")).to_contain_text("5 MB per foto")
    expect(page.locator("#form-error")).to_contain_text("besar.png")
    clean(page)
    page.set_input_files("#photos", [_file("gambar.gif", "image/gif", b"GIF89a" + bytes(20))])
    page.click("#submit")
    expect(page.locator("#photos-error")).to_contain_text("gambar.gif bukan foto")
    assert posted == []  # nothing was sent
    page.set_input_files("#photos", [_file("jalan.jpg", "image/jpeg",
                                           images.jpeg(artist=images.ARTIST))])
    page.click("#submit")
    expect(page.locator("#done-code")).not_to_be_empty()
    expect(page.locator("#photos")).not_to_be_visible()


def test_the_desk_enters_a_complaint_with_a_photo_and_the_case_page_shows_it(
        person: Callable[[], BrowserContext], live_server: str, wadul: Any) -> None:  # noqa: F811
    page = signed_in(person(), f"{live_server}/wadul/desk", "mediacenter")
    page.select_option("#d-category", "jalan-rusak")
    page.fill("#d-description", "Laporan lewat WhatsApp: jalan berlubang di Jl. Tunjungan.")
    page.fill("#d-kelurahan", "Genteng")
    page.set_input_files("#d-photos", [_file("wa.jpg", "image/jpeg", images.jpeg(
        (40, 20), orientation=6, artist=images.ARTIST, gps=True))])
    clean(page)
    page.click("#desk-form button[type=submit]")
    expect(page.locator("#desk-done")).not_to_be_empty()
    said = page.locator("#desk-done").inner_text()  # "Tercatat sebagai WADUL-n. Kode …"
    ref = said.split()[2].strip(".")
    assert ref.startswith("WADUL-") and "Kode pelacakan" in said
    page.goto(f"{live_server}/wadul/kasus/{ref}")
    photo = page.locator("ul.photos img")
    expect(photo).to_have_count(1)
    expect(photo).to_have_attribute("alt", f"Foto 1 pengaduan {ref}")
    page.wait_for_function("() => document.querySelector('ul.photos img').complete")
    size = photo.evaluate("(img) => [img.naturalWidth, img.naturalHeight]")
    assert size == [20, 40]  # kept upright, by its EXIF orientation
    clean(page)
