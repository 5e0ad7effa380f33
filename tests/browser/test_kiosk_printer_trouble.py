"""The kiosk page in Chromium with the TCP printer switched off or out of paper: the
patient reads plain words and a large QR, and nothing owed prints in a burst later."""

from __future__ import annotations

import io
import re
from pathlib import Path

import zxingcpp
from PIL import Image
from playwright.sync_api import Page, expect

from kiosk.escpos_reader import read
from kiosk.messages import PATIENT
from tests.browser.test_accessibility import violations
from tests.support.kiosk import kiosk_agent
from tests.support.printer import FakePrinter
from tests.support.servers import wait_until

TECHNICAL = ("Error", "error", "network:", "Refused", "Exception", "127.0.0.1", "{", "HTTP")


def take_while_off(page: Page, service: str, number: str) -> str:
    """Tap a service with the printer off; the visit code the screen's QR carries."""
    page.click(f"[data-service={service}]")
    expect(page.locator("#result-number")).to_have_text(number)
    expect(page.locator("#result-message")).to_have_text(PATIENT["id"]["printer"])
    qr = page.locator("#result-qr")
    expect(qr).to_be_visible()
    box = qr.bounding_box()
    assert box is not None and box["width"] >= 500 and box["height"] >= 500
    [decoded] = zxingcpp.read_barcodes(Image.open(io.BytesIO(qr.screenshot())))
    match = re.fullmatch(r"https://antrian\.surabaya\.go\.id/t/([2-9A-Z]{10})", decoded.text)
    assert match, decoded.text
    expect(page.locator("#result-code")).to_have_text(f"Kode: {match.group(1)}")
    shown = page.locator("body").inner_text()
    assert not [word for word in TECHNICAL if word in shown], shown
    return match.group(1)


def test_printer_off_shows_plain_words_and_a_large_qr_and_prints_no_backlog(
    page: Page, live_server: str, printer: FakePrinter, tmp_path: Path, artifacts: Path
) -> None:
    printer.stop()
    with kiosk_agent(live_server, printer, tmp_path, print_within=1.0,
                     public_url="https://antrian.surabaya.go.id") as (base, parts):
        wait_until(lambda: parts.printing.state["printer"] == "offline",
                   what="the probe to find the printer off")
        page.set_viewport_size({"width": 1080, "height": 1920})
        page.goto(base)
        # Said on the start screen, before any tap.
        expect(page.locator("#notice")).to_have_text(PATIENT["id"]["screen_offline"])
        take_while_off(page, "pendaftaran", "A-001")
        page.screenshot(path=str(artifacts / "kiosk-printer-off.png"))
        assert violations(page) == []  # WCAG 2.1 AA, the QR screen too
        page.click("#result-close")
        take_while_off(page, "pendaftaran", "A-002")
        wait_until(lambda: parts.printing.report()["shown_not_printed"] == 2, timeout=10,
                   what="both tickets to be recorded as shown-not-printed")
        printer.start()
        wait_until(lambda: parts.printing.state["printer"] == "online", timeout=10,
                   what="the agent to see the printer back")
        page.click("#result-close")  # the start screen asks again: the printer is fine
        expect(page.locator("#notice")).to_be_hidden()
        assert printer.jobs == [], "nothing owed prints when the printer is back"

        page.click("#staff")
        page.fill("#pin", "2468")
        page.press("#pin", "Enter")
        lines = page.locator("#staff-lines")
        expect(lines).to_contain_text("Tiket yang hanya tampil di layar (tidak tercetak): 2")
        expect(page.locator("#staff-shown-list li")).to_have_count(2)
        page.screenshot(path=str(artifacts / "kiosk-staff-menu.png"))
        assert violations(page) == []
        page.locator("#staff-shown-list li", has_text="A-002").locator("button").click()
        expect(page.locator("#staff-result")).to_have_text("Tiket A-002 dicetak ulang.")
        expect(page.locator("#staff-shown-list li")).to_have_count(1)
        [job] = printer.wait_for_jobs(1)
        assert "A-002" in read(job).text and "A-001" not in read(job).text


def test_refuse_mode_says_so_and_disables_the_services_before_any_tap(
    page: Page, live_server: str, printer: FakePrinter, tmp_path: Path
) -> None:
    printer.paper = "out"
    with kiosk_agent(live_server, printer, tmp_path, when_no_paper="refuse") as (base, parts):
        wait_until(lambda: parts.printing.state["paper"] == "out",
                   what="the probe to find no paper")
        page.goto(base)
        expect(page.locator("#notice")).to_have_text(PATIENT["id"]["refuse_out"])
        expect(page.locator("[data-service=pendaftaran]")).to_be_disabled()
        page.click("#lang")
        expect(page.locator("#notice")).to_have_text(PATIENT["en"]["refuse_out"])
    assert printer.jobs == []


def test_screen_mode_with_no_paper_still_gives_numbers(
    page: Page, live_server: str, printer: FakePrinter, tmp_path: Path
) -> None:
    printer.paper = "out"
    with kiosk_agent(live_server, printer, tmp_path) as (base, parts):
        wait_until(lambda: parts.printing.state["paper"] == "out",
                   what="the probe to find no paper")
        page.goto(base)
        expect(page.locator("#notice")).to_have_text(PATIENT["id"]["screen_out"])
        page.click("[data-service=kia]")
        expect(page.locator("#result-number")).to_have_text("D-001")
        expect(page.locator("#result-qr")).to_be_visible()
