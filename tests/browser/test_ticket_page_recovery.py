"""The patient's ticket page catches up by itself, as a board does (test_board_recovery.py):
a call made while the phone was offline or asleep is announced when the page is back, and
only once; a page that heard no event for a while asks where its facility's events stand.
"""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.lost_events import lose_events
from tests.conftest import Api

# Counts the chimes the page plays (a real Audio element; the clip's sound is not needed).
COUNT_PLAYS = """(() => {
  window.__plays = 0;
  HTMLMediaElement.prototype.play = function () { window.__plays += 1; return Promise.resolve(); };
})();"""


def open_ticket(page: Page, base: str, ticket: dict) -> None:
    page.add_init_script(COUNT_PLAYS)
    page.goto(f"{base}{ticket['ticket_url']}")
    page.wait_for_function("window.antrianTicket && window.antrianTicket.socket.connected")
    expect(page.locator("#number")).to_have_text(ticket["number"])


def test_a_call_made_while_the_phone_was_offline_is_announced_once_it_is_back(
    page: Page, live_server: str, kiosk: Api, staff: Api
) -> None:
    mine = kiosk.ticket()
    open_ticket(page, live_server, mine)
    page.context.set_offline(True)
    expect(page.locator("#offline")).to_be_visible()
    staff.act("loket-2", "call-next")  # the call's event never reaches the phone
    page.context.set_offline(False)
    expect(page.locator("#offline")).to_be_hidden(timeout=20_000)
    expect(page.locator("#called")).to_be_visible()
    expect(page.locator("#called-counter")).to_have_text("Loket 2")
    assert page.evaluate("window.__plays") == 1
    page.click("#called")
    # Once: neither a later change nor reloading the page announces it again.
    kiosk.ticket()
    page.wait_for_function("window.antrianTicket.socket.connected")
    page.reload()
    page.wait_for_function("window.antrianTicket && window.antrianTicket.socket.connected")
    expect(page.locator("#status")).to_contain_text("Loket 2")
    expect(page.locator("#called")).to_be_hidden()
    assert page.evaluate("window.__plays") == 0
    # A recall is a call again: announced.
    staff.act("loket-2", "recall")
    expect(page.locator("#called")).to_be_visible()
    page.wait_for_function("window.__plays === 1")


def test_a_ticket_page_that_heard_nothing_asks_where_the_events_stand_and_catches_up(
    page: Page, live_server: str, kiosk: Api, staff: Api
) -> None:
    """Events lost on the way would show only at the facility's next event; the page's
    idle check (`antrianTicket.check`, every 30 s without an event) asks `position` and
    catches up when it is behind, and not otherwise."""
    mine = kiosk.ticket()
    open_ticket(page, live_server, mine)
    page.evaluate("window.antrianTicket.check()")
    page.wait_for_function("window.antrianTicket.checks === 1")
    assert page.evaluate("window.antrianTicket.resyncs") == 0  # up to date: nothing asked
    lose_events(page, "window.antrianTicket.socket")
    staff.act("loket-1", "call-next")
    page.wait_for_function("window.lost >= 1")
    expect(page.locator("#called")).to_be_hidden()
    page.evaluate("window.antrianTicket.check()")
    expect(page.locator("#called")).to_be_visible()
    expect(page.locator("#called-counter")).to_have_text("Loket 1")
    assert page.evaluate("window.antrianTicket.resyncs") == 1
