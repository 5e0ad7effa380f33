"""The kiosk's touch page and the patient's ticket page, in real Chromium."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from kiosk.agent import Options, create_agent
from kiosk.escpos_reader import read
from tests.conftest import Api
from tests.support.printer import FakePrinter
from tests.support.servers import serve_in_thread


@pytest.fixture
def kiosk_page(live_server: str, printer: FakePrinter, tmp_path: Path) -> Iterator[str]:
    """The kiosk agent served on loopback, as on the kiosk box."""
    app = create_agent(Options(server=live_server, device_token="demo-kiosk",
                               printer=f"network:127.0.0.1:{printer.port}",
                               spool=tmp_path / "spool"))
    with serve_in_thread(app) as base:
        yield base


def test_one_tap_on_a_service_prints_a_ticket(page: Page, kiosk_page: str,
                                              printer: FakePrinter, artifacts: Path) -> None:
    page.set_viewport_size({"width": 1080, "height": 1920})
    page.goto(kiosk_page)
    button = page.locator("[data-service=pendaftaran]")
    expect(button).to_contain_text("Pendaftaran")
    expect(button).to_contain_text("0 menunggu")
    page.screenshot(path=str(artifacts / "kiosk-1080x1920.png"))
    button.click()
    expect(page.locator("#result-number")).to_have_text("A-001")
    expect(page.locator("#result-message")).to_have_text("Silakan ambil tiket Anda.")
    receipt = read(printer.wait_for_jobs(1)[0])
    assert "A-001" in receipt.text and receipt.cuts == 1
    # Back to the start by itself after a few idle seconds.
    expect(page.locator("#result")).to_be_hidden(timeout=15_000)


def test_a_priority_chosen_first_goes_with_the_tap(page: Page, kiosk_page: str,
                                                   printer: FakePrinter) -> None:
    page.goto(kiosk_page)
    page.click("[data-priority=pregnant]")
    page.click("[data-service=kia]")
    expect(page.locator("#result-number")).to_have_text("D-001")
    assert "Prioritas: Ibu hamil" in read(printer.wait_for_jobs(1)[0]).text


def test_the_ticket_page_follows_the_visit_and_shows_the_call(page: Page, live_server: str,
                                                              kiosk: Api, staff: Api) -> None:
    kiosk.ticket()
    mine = kiosk.ticket()
    page.goto(f"{live_server}{mine['ticket_url']}")
    expect(page.locator("#number")).to_have_text("A-002")
    expect(page.locator("#ahead")).to_have_text("1 orang")
    staff.act("loket-1", "call-next")
    expect(page.locator("#ahead")).to_have_text("0 orang")
    staff.act("loket-2", "call-next")
    expect(page.locator("#called")).to_be_visible()
    expect(page.locator("#called-counter")).to_have_text("Loket 2")
    expect(page.locator("#journey li")).to_have_count(1)
    page.click("#called")
    staff.act("loket-2", "finish", {"transfer_to": "apotek"})
    expect(page.locator("#number")).to_have_text("F-001")
    expect(page.locator("#journey li")).to_have_count(2)


def test_an_unknown_ticket_code_is_a_404_page(page: Page, live_server: str) -> None:
    reply = page.goto(f"{live_server}/t/ZZZZZZZZZZ")
    assert reply is not None and reply.status == 404
    expect(page.locator("h1")).to_have_text("Tiket tidak ditemukan")


def test_a_kiosk_page_says_so_when_the_server_is_unreachable(page: Page, printer: FakePrinter,
                                                            tmp_path: Path) -> None:
    from tests.support.servers import free_port

    app = create_agent(Options(server=f"http://127.0.0.1:{free_port()}",
                               device_token="demo-kiosk",
                               printer=f"network:127.0.0.1:{printer.port}",
                               spool=tmp_path / "spool"))
    with serve_in_thread(app) as base:
        page.goto(base)
        expect(page.locator("#banner")).to_contain_text("Server antrean tidak dapat dihubungi")
    assert printer.jobs == []


