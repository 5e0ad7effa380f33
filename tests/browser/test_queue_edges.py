"""The queue's edges on the screens (issue 12): a Bali board keeps WITA time, the ticket
page says WITA, no counter open shows "Belum ada loket yang buka", a 24-hour service's
number from before midnight carries its date, and a closed day leaves the board."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, expect

from queue_server.services.day_close import close_ended_days
from tests.browser.test_console import sign_in
from tests.conftest import Api, login
from tests.support import factories, sites
from tests.support.clock import WIB, FakeClock
from tests.support.kiosk import kiosk_agent
from tests.support.printer import FakePrinter

BALI = sites.bali(users=["petugas"])
SIANG = sites.siang()


def open_board(page: Page, base: str, facility: str, query: str = "") -> None:
    page.goto(f"{base}/display/{facility}{query}")
    page.wait_for_function("window.antrianBoard && window.antrianBoard.state() !== null")


def test_a_bali_board_keeps_wita_time_on_a_jakarta_browser(
        page: Page, live_server: str, engine: Any) -> None:
    BALI.load(engine)
    # 21:40 UTC: 04:40 in Jakarta (the browser's own zone here), 05:40 in Bali.
    page.clock.set_fixed_time(datetime(2026, 11, 23, 21, 40, tzinfo=UTC))
    open_board(page, live_server, BALI.code)
    expect(page.locator("#time")).to_have_text("05:40:00 WITA")
    expect(page.locator("#date")).to_have_text("Selasa, 24 November 2026")


def test_the_ticket_page_says_wita_and_then_that_no_counter_is_open(
        page: Page, live_server: str, engine: Any, client: Any) -> None:
    BALI.load(engine)
    ticket = Api(client, BALI.token("kiosk-kuta")).ticket("umum")
    page.goto(f"{live_server}/t/{ticket['code']}")
    expect(page.locator("#eta")).to_have_text("09:00 WITA")
    staff = Api(client, login(client, BALI.username("petugas"), factories.PASSWORD))
    assert staff.act("ruang-1", "pause").status_code == 200
    expect(page.locator("#eta")).to_have_text("Belum ada loket yang buka")
    page.click("#lang")
    expect(page.locator("#eta")).to_have_text("No counter open yet")


def test_the_board_and_kiosk_say_no_counter_is_open(
        page: Page, live_server: str, kiosk: Api, staff: Api, printer: FakePrinter,
        tmp_path: Path) -> None:
    kiosk.ticket()
    for counter in ("loket-1", "loket-2"):
        staff.act(counter, "pause")
    open_board(page, live_server, "pkm-demo")
    row = page.locator("#services .row", has_text="Pendaftaran")
    expect(row.locator(".extra")).to_have_text("menunggu · Belum ada loket yang buka")
    open_board(page, live_server, "pkm-demo", "?lang=en")
    expect(row.locator(".extra")).to_have_text("waiting · No counter open yet")
    with kiosk_agent(live_server, printer, tmp_path) as (base, _):
        page.goto(base)
        expect(page.locator("[data-service=pendaftaran] .info")).to_have_text(
            "1 menunggu · Belum ada loket yang buka")
        page.click("#lang")
        expect(page.locator("[data-service=pendaftaran] .info")).to_have_text(
            "1 waiting · No counter open yet")


def test_last_nights_number_carries_its_date_on_the_board_and_the_console(
        page: Page, live_server: str, kiosk: Api, client: Any, clock: FakeClock) -> None:
    clock.set(datetime(2026, 11, 23, 23, 50, tzinfo=WIB))
    kiosk.ticket()  # Monday's A-001, at a 24-hour puskesmas
    clock.set(datetime(2026, 11, 24, 0, 10, tzinfo=WIB))
    page.clock.set_fixed_time(clock.now())
    open_board(page, live_server, "pkm-demo")
    staff = Api(client, login(client, "petugas"))
    staff.act("loket-1", "call-next")
    expect(page.locator("#counters .row", has_text="Loket 1")).to_contain_text("A-001 · 23 Nov")
    expect(page.locator("#call-number")).to_have_text("A-001 · 23 Nov")
    kiosk.ticket()  # Tuesday's A-001: no date, it is today's
    staff.act("loket-2", "call-next")
    expect(page.locator("#counters .row", has_text="Loket 2")).to_contain_text("A-001")
    expect(page.locator("#counters .row", has_text="Loket 2")).not_to_contain_text("Nov")
    kiosk.ticket()  # Tuesday's A-002 waits
    sign_in(page, live_server, "loket-1")
    expect(page.locator("#cur-number")).to_have_text("A-001 · 23/11")
    expect(page.locator("#waiting tr[data-number='A-002'] td.num")).to_have_text("A-002")


def test_a_closed_day_leaves_the_board(
        page: Page, live_server: str, app: Any, engine: Any, client: Any,
        clock: FakeClock) -> None:
    SIANG.load(engine)
    staff = Api(client, login(client, SIANG.username("petugas"), factories.PASSWORD))
    staff.post(f"/api/v1/kiosk/tickets?facility={SIANG.code}", {"service": "umum"})
    staff.act("ruang-1", "call-next")
    page.clock.set_fixed_time(clock.now())
    open_board(page, live_server, SIANG.code)
    expect(page.locator("#counters .row", has_text="Ruang 1")).to_contain_text("B-001")
    expect(page.locator("#call-number")).to_have_text("B-001")
    clock.advance(hours=7, minutes=30)  # 15:30: closing 14:30 and the hour's grace
    closed = close_ended_days(app.extensions["antrian"].uow, clock, timedelta(minutes=60))
    assert [c.tickets for c in closed.closed] == [1]
    expect(page.locator("#counters .row", has_text="Ruang 1")).to_contain_text("—")
    expect(page.locator("#call-number")).to_have_text("—")
    expect(page.locator("#last-calls .row")).to_have_count(0)
