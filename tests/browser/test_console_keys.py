"""The console's keyboard in real Chromium: a held or doubled N calls one patient, R opens
a small dialog (arrows, Enter, Esc) and the shortcuts work whenever no text is typed."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Page, WebSocketRoute, expect
from sqlalchemy import text

from tests.browser.test_accessibility import violations
from tests.browser.test_console import sign_in
from tests.conftest import Api


@pytest.fixture(autouse=True)
def no_script_errors(page: Page) -> Iterator[None]:
    """The console's scripts run without an uncaught error through every test."""
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield
    assert errors == []


def called(engine: Any) -> list[str]:
    with engine.connect() as conn:
        return conn.execute(text(
            "SELECT t.number FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id "
            "WHERE e.kind = 'called' ORDER BY e.id")).scalars().all()


def settled(page: Page, number: str) -> None:
    """Every request the page sent has its answer and the screen shows `number`."""
    expect(page.locator("body")).to_have_attribute("data-pending", "0")
    expect(page.locator("#cur-number")).to_have_text(number)


def ready_to_call(page: Page) -> None:
    # "Next" rests for a moment after a call; wait for the button, not for a clock.
    expect(page.locator("[data-action=call-next]")).to_be_enabled()


def is_call_next(response: Any) -> bool:
    return "/call-next" in response.url


def test_holding_n_or_pressing_it_twice_calls_one_patient(
    page: Page, live_server: str, kiosk: Api, engine: Any
) -> None:
    for _ in range(4):
        kiosk.ticket()
    sign_in(page, live_server)
    expect(page.locator("#waiting tr")).to_have_count(4)
    sent: list[str] = []
    page.on("request", lambda r: sent.append(r.url) if "/counters/" in r.url
            and r.method == "POST" else None)
    with page.expect_response(is_call_next):
        page.keyboard.down("n")
    page.keyboard.up("n")
    page.keyboard.press("n")  # two quick presses right after the first
    page.keyboard.press("n")
    page.keyboard.down("n")  # then the key held down …
    ready_to_call(page)  # … for more than a second, so the keyboard repeats it
    for _ in range(6):
        page.keyboard.down("n")  # keydown with repeat=true
    page.keyboard.up("n")
    settled(page, "A-001")
    assert len(sent) == 1 and "/call-next" in sent[0]
    assert called(engine) == ["A-001"]
    expect(page.locator("#waiting tr")).to_have_count(3)
    # Once the screen shows the patient, the next press calls the next one.
    ready_to_call(page)
    page.keyboard.press("n")
    settled(page, "A-002")
    assert called(engine) == ["A-001", "A-002"]


def deaf_while(page: Page) -> dict[str, bool]:
    """Route the page's Socket.IO websocket through the test: while `deaf["on"]`, what the
    server sends is dropped, as when a second console's event has not arrived yet."""
    deaf = {"on": False}

    def route(ws: WebSocketRoute) -> None:
        server = ws.connect_to_server()
        server.on_message(lambda message: None if deaf["on"] else ws.send(message))

    page.route_web_socket(re.compile(r".*/socket\.io/.*"), route)
    return deaf


def test_a_press_from_a_screen_that_missed_a_call_is_refused_and_the_screen_catches_up(
    page: Page, live_server: str, kiosk: Api, staff: Api, engine: Any
) -> None:
    for _ in range(3):
        kiosk.ticket()
    deaf = deaf_while(page)
    sign_in(page, live_server)
    expect(page.locator("#waiting tr")).to_have_count(3)
    deaf["on"] = True
    staff.act("loket-1", "call-next")  # another console calls A-001; this one hears nothing
    expect(page.locator("#cur-number")).to_have_text("—")
    deaf["on"] = False
    page.keyboard.press("n")  # pressed for an empty counter: it must not finish A-001
    expect(page.locator("#toast")).to_contain_text("sekarang A-001")
    settled(page, "A-001")  # the refused press fetched the counter's real state
    assert called(engine) == ["A-001"]
    expect(page.locator("#waiting tr")).to_have_count(2)


def test_r_opens_a_dialog_that_arrows_enter_and_escape_drive(
    page: Page, live_server: str, kiosk: Api
) -> None:
    for _ in range(3):
        kiosk.ticket()
    sign_in(page, live_server)
    page.keyboard.press("n")
    settled(page, "A-001")
    page.keyboard.press("r")  # no destination chosen yet: the dialog asks
    dialog = page.locator("#transfer-dialog")
    expect(dialog).to_be_visible()
    expect(page.locator("#transfer-options")).to_be_focused()
    expect(page.locator("#transfer-options [aria-selected=true]")).to_have_text("Poli Umum")
    assert violations(page) == []  # WCAG 2.1 AA, with the dialog open
    page.keyboard.press("n")  # shortcuts rest while the dialog is open
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    assert page.evaluate("document.activeElement === document.body")
    ready_to_call(page)
    page.keyboard.press("n")  # the keyboard is not trapped
    settled(page, "A-002")
    page.keyboard.press("r")
    expect(dialog).to_be_visible()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    expect(page.locator("#transfer-options [aria-selected=true]")).to_have_text("KIA")
    page.keyboard.press("Enter")
    expect(page.locator("#toast")).to_contain_text("KIA: D-001")
    expect(dialog).to_be_hidden()
    settled(page, "—")
    expect(page.locator("#count-served")).to_have_text("2")


def test_shortcuts_work_from_a_list_or_a_button_but_not_while_typing(
    page: Page, live_server: str, kiosk: Api, engine: Any
) -> None:
    for _ in range(4):
        kiosk.ticket()
    sign_in(page, live_server)
    page.focus("#transfer-to")  # the "Rujuk ke…" list has focus
    page.keyboard.press("n")
    settled(page, "A-001")
    expect(page.locator("#transfer-to")).to_have_value("")  # no jump to a letter
    page.select_option("#transfer-to", "lab")  # chosen for A-001 …
    ready_to_call(page)
    page.keyboard.press("n")
    settled(page, "A-002")
    expect(page.locator("#transfer-to")).to_have_value("")  # … and forgotten for A-002
    page.focus("#tab-walkin")  # a button has focus
    ready_to_call(page)
    page.keyboard.press("n")
    settled(page, "A-003")
    page.click("#checkin-code")  # typing text: letters are letters
    page.keyboard.type("n s")
    expect(page.locator("#checkin-code")).to_have_value("n s")
    expect(page.locator("body")).to_have_attribute("data-pending", "0")
    assert called(engine) == ["A-001", "A-002", "A-003"]
    expect(page.locator("#cur-number")).to_have_text("A-003")
