"""The patient's ticket page and the staff console drop a late answer to an earlier
snapshot request, as a board does (test_board_recovery.py).

Each request is answered on its own, so answers can come out of order; one older than the
page's latest request would show an earlier state until the next change. The init script
below keeps the page's sockets, the requests it sent and the answers it got, so a test can
hand the page an earlier request's answer after the latest one's, as the race would.
"""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.test_console import sign_in
from tests.conftest import Api

WATCH_SOCKETS = """(() => {
  window.__sockets = []; window.__asked = []; window.__answers = [];
  let wrapped;
  Object.defineProperty(window, "io", { configurable: true, get: () => wrapped, set: (real) => {
    wrapped = Object.assign((...args) => {
      const socket = real(...args);
      window.__sockets.push(socket);
      socket.on("snapshot", (data) => window.__answers.push(data));
      const emit = socket.emit.bind(socket);
      socket.emit = (name, ...rest) => {
        if (name === "snapshot") window.__asked.push(rest[0]);
        return emit(name, ...rest);
      };
      return socket;
    }, real);
  } });
})();"""

LATEST = "Math.max(0, ...window.__answers.map((a) => a.request || 0))"


def watch_sockets(page: Page) -> None:
    page.add_init_script(WATCH_SOCKETS)


def answered(page: Page, at_least: int) -> int:
    """Wait until the page has an answer to its request number `at_least` or later, and
    check that every request it sent carries a number; the latest answered number."""
    page.wait_for_function(f"{LATEST} >= {at_least}")
    asked = page.evaluate("window.__asked")
    assert asked and all(isinstance(a, dict) and isinstance(a.get("request"), int)
                         for a in asked), asked
    return int(page.evaluate(LATEST))


def hand_late(page: Page, number: int) -> None:
    """Give the page the connect's snapshot again, as the answer to request `number`."""
    page.evaluate(f"""() => {{
        const socket = window.__sockets[window.__sockets.length - 1];
        const late = {{ ...window.__answers[0], request: {number} }};
        socket.listeners("snapshot").forEach((listener) => listener(late));
    }}""")


def test_the_ticket_page_drops_an_answer_older_than_its_latest_request(
    page: Page, live_server: str, kiosk: Api, staff: Api
) -> None:
    kiosk.ticket()
    mine = kiosk.ticket()
    watch_sockets(page)
    page.goto(f"{live_server}{mine['ticket_url']}")
    expect(page.locator("#ahead")).to_have_text("1 orang")
    staff.act("loket-1", "call-next")
    expect(page.locator("#ahead")).to_have_text("0 orang")
    first = answered(page, 1)
    kiosk.ticket()  # any change at the facility makes the page ask again
    latest = answered(page, first + 1)
    hand_late(page, latest - 1)
    expect(page.locator("#ahead")).to_have_text("0 orang")
    # The answer to the latest request is still taken.
    hand_late(page, latest)
    expect(page.locator("#ahead")).to_have_text("1 orang")


def test_the_console_drops_an_answer_older_than_its_latest_request(
    page: Page, live_server: str, kiosk: Api
) -> None:
    watch_sockets(page)
    sign_in(page, live_server)
    waiting = page.locator("#count-waiting")
    expect(waiting).to_have_text("0")
    kiosk.ticket()
    expect(waiting).to_have_text("1")
    first = answered(page, 1)
    kiosk.ticket()
    expect(waiting).to_have_text("2")
    latest = answered(page, first + 1)
    hand_late(page, latest - 1)
    expect(waiting).to_have_text("2")
    expect(page.locator("#waiting tr[data-number]")).to_have_count(2)
    hand_late(page, latest)
    expect(waiting).to_have_text("0")
