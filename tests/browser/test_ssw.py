"""Surabaya Single Window in Chromium, from application to the issued, signed PDF: an
applicant applies for an advertising permit (reklame) with three files on `/ssw`; the
DPMPTSP desk (`dpmptsp`) accepts two documents and flags the design; the applicant sends
only that one again on `/ssw/berkas/{code}`; the desk accepts it; both reviewing offices
(DSDABM, DLH) approve on their pages; the inspector (`pengawas`) passes the visit; the
head (`kepala-dpmptsp`) issues the permit; the applicant's `/c/{code}` shows its number
and a PDF link that answers a PDF whose signature the server's signer validates. Every
page keeps its Content-Security-Policy and passes axe-core WCAG 2.1 A/AA. Screenshots
into docs/ssw-*.png only with `ANTRIAN_SCREENSHOTS=1`."""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from playwright.sync_api import BrowserContext, FilePayload, Page, expect

from queue_server.signing import signer_of
from tests.browser.test_wadul import clean, person  # noqa: F401  (fixture)
from tests.integration.test_ssw_pages import PDF, PNG, ssw  # noqa: F401  (fixture)

DOCS = Path(__file__).resolve().parents[2] / "docs"
SHOTS = os.environ.get("ANTRIAN_SCREENSHOTS") == "1"


def shot(page: Page, name: str, full_page: bool = True) -> None:
    """docs/ssw-{name}.png, only when asked (CI runs never rewrite docs/)."""
    if SHOTS:
        page.screenshot(path=str(DOCS / f"ssw-{name}.png"), full_page=full_page)


def payload(name: str, mime: str, data: bytes) -> FilePayload:
    """A file the page's input takes, made in memory."""
    return {"name": name, "mimeType": mime, "buffer": data}


def staff(context: BrowserContext, url: str, username: str) -> Page:
    """A page signed in as `username` on the staff page `url`."""
    page = context.new_page()
    page.goto(url)
    clean(page)
    page.fill("#username", username)
    page.fill("#password", "demo")
    page.click("button[type=submit]")
    expect(page.locator("#username")).to_have_count(0)
    page.wait_for_load_state()  # the page's scripts bound before anything is clicked
    return page


def apply(page: Page, live_server: str) -> str:
    """Apply for the reklame permit on the phone-sized page; returns the tracking code."""
    page.goto(f"{live_server}/ssw")
    clean(page)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 375
    shot(page, "catalogue")
    page.click("a[href='/ssw/ajukan/reklame']")
    page.fill("#name", "Budi Santoso")
    page.fill("#nik", "3578010101900011")
    page.fill("#phone", "081234560011")
    page.fill("#address", "Jl. Tunjungan 12")
    page.fill("#kelurahan", "Genteng")
    page.set_input_files("#doc-ktp", files=[payload("ktp.pdf", "application/pdf", PDF)])
    page.set_input_files("#doc-desain", files=[payload("desain.pdf", "application/pdf", PDF)])
    page.set_input_files("#doc-foto-lokasi", files=[payload("lokasi.png", "image/png", PNG)])
    clean(page)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 375  # phones first
    shot(page, "form")
    page.click("#submit")
    expect(page.locator("#done-code")).not_to_be_empty()
    clean(page)
    return page.locator("#done-code").inner_text().strip()


def check(desk: Page, requirement: str, reason: str = "") -> None:
    """Accept a document on the case page, or flag it with `reason`."""
    row = desk.locator(f"tr[data-requirement='{requirement}']")
    if reason:
        row.locator("form.check-revise textarea").fill(reason)
        row.locator("form.check-revise button").click()
    else:
        row.locator("form.check-accept button").click()
    expect(desk.locator(f"tr[data-requirement='{requirement}'] form.check-accept")
           ).to_have_count(0)


def review(context: BrowserContext, live_server: str, username: str, office: str) -> None:
    """`username` approves their office's review from their review list."""
    page = staff(context, f"{live_server}/ssw/review", username)
    page.locator("table.cases a").first.click()
    form = page.locator(f"li[data-office='{office}'] form.review-form")
    form.locator("textarea").fill("Sesuai ketentuan.")
    form.locator("button[value='1']").click()
    expect(page.locator(f"li[data-office='{office}'] .review-state")).to_have_text("Disetujui")
    clean(page)


def reupload(owner: Page, live_server: str, code: str) -> None:
    """The owner reads the flag on /c/{code} and sends only that document again."""
    owner.goto(f"{live_server}/c/{code}")
    expect(owner.locator("main")).to_contain_text("Ukuran reklame tidak tertulis")
    clean(owner)
    owner.click(f"a[href='/ssw/berkas/{code}']")
    expect(owner.locator("input[type=file]")).to_have_count(1)
    owner.set_input_files("#doc-desain", files=[payload("desain-2.pdf", "application/pdf", PDF)])
    clean(owner)
    shot(owner, "reupload")
    owner.click("#submit")
    expect(owner).to_have_url(f"{live_server}/c/{code}")


def inspect(context: BrowserContext, live_server: str) -> None:
    """The inspector passes the visit with every checklist item ticked."""
    inspector = staff(context, f"{live_server}/ssw/inspeksi", "pengawas")
    inspector.locator("table.cases a").first.click()
    for box in inspector.locator("#inspection-form input[type=checkbox]").all():
        box.check()
    inspector.select_option("#result", "pass")
    inspector.fill("#inspection-notes", "Sesuai desain, konstruksi kokoh.")
    clean(inspector)
    inspector.click("#inspection-form button[type=submit]")
    expect(inspector.locator("#inspection-result")).to_contain_text("Lolos")


def signed_pdf(owner: Page, live_server: str, app: Any) -> None:
    """The owner's PDF link answers a PDF whose signature the server's signer validates."""
    pdf_link = owner.locator("a[href*='/pdf?case=']")
    answer = owner.request.get(live_server + str(pdf_link.get_attribute("href")))
    assert answer.status == 200 and answer.headers["content-type"].startswith("application/pdf")
    # pyHanko validates with asyncio.run: away from Playwright's running event loop
    with ThreadPoolExecutor(1) as pool:
        said = pool.submit(signer_of(app).check, answer.body()).result()
    assert said.intact and said.valid and said.whole
    expect(owner.locator("a[href^='/v/']")).to_have_count(1)


def test_a_permit_goes_from_application_to_a_signed_pdf_in_the_browser(
        person: Callable[[], BrowserContext], live_server: str, ssw: Any,  # noqa: F811
        app: Any) -> None:
    phone = person()
    phone.set_default_timeout(15_000)
    owner = phone.new_page()
    owner.set_viewport_size({"width": 375, "height": 800})
    code = apply(owner, live_server)

    desk = staff(person(), f"{live_server}/ssw/desk", "dpmptsp")
    shot(desk, "desk")
    desk.locator("table.cases a").first.click()
    clean(desk)
    check(desk, "ktp")
    check(desk, "foto-lokasi")
    desk.set_viewport_size({"width": 375, "height": 800})  # the desk on a phone
    clean(desk)
    button = desk.locator("tr[data-requirement='desain'] form.check-accept button")
    box = button.bounding_box()
    assert box is not None and box["x"] + box["width"] <= 375  # its actions on screen
    desk.set_viewport_size({"width": 1280, "height": 800})
    check(desk, "desain", "Ukuran reklame tidak tertulis pada desain.")
    assert code not in desk.content()  # staff never see the tracking code

    reupload(owner, live_server, code)

    desk.reload()
    check(desk, "desain")
    expect(desk.locator("#state")).to_have_text("Kajian teknis")
    shot(desk, "case")

    review(person(), live_server, "opd", "dsdabm")
    review(person(), live_server, "dlh", "dlh")

    inspect(person(), live_server)

    head = staff(person(), f"{live_server}/ssw/desk", "kepala-dpmptsp")
    head.locator("table.cases a").first.click()
    head.click("#issue-form button")
    expect(head.locator("#state")).to_have_text("Izin terbit")
    expect(head.locator("#permit-number")).not_to_be_empty()
    clean(head)

    owner.goto(f"{live_server}/c/{code}")
    number = head.locator("#permit-number").inner_text().strip()
    expect(owner.locator("main")).to_contain_text(number)
    clean(owner)
    shot(owner, "issued", full_page=False)  # the permit's facts and links, not the survey
    signed_pdf(owner, live_server, app)
