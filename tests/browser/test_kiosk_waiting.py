"""The kiosk page in Chromium while the agent waits for the server, and the messages a
patient must read: "Mohon tunggu…" for as long as the agent retries a tap (never "server
down" while it still may get the number), and a message that stays a fixed time whatever
the page's own refreshes do."""

from __future__ import annotations

import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from kiosk.messages import PATIENT
from kiosk.server import LAST_TRY
from tests.conftest import Api
from tests.support.kiosk import kiosk_agent
from tests.support.printer import FakePrinter
from tests.support.proxy import CutProxy
from tests.support.servers import wait_until

WAIT = "Mohon tunggu…"


def waiting_in(kiosk: Api, service: str) -> int:
    home = kiosk.get("/api/v1/kiosk/services").get_json()
    return next(s["waiting"] for s in home["services"] if s["code"] == service)


@pytest.mark.parametrize("mode", ["drop", "hold"])
def test_a_tap_during_a_server_cut_says_please_wait_until_the_number_comes(
    page: Page, live_server: str, printer: FakePrinter, tmp_path: Path, kiosk: Api,
    mode: str,
) -> None:
    with CutProxy(live_server) as proxy, kiosk_agent(
            proxy.url, printer, tmp_path, request_timeout=1.0, server_retry_seconds=20.0,
            idle_seconds=1.0) as (base, _):
        page.clock.install()
        page.goto(base)
        expect(page.locator("[data-service=pendaftaran]")).to_be_enabled()
        proxy.cut(mode)
        page.click("[data-service=pendaftaran]")
        banner = page.locator("#banner")
        expect(banner).to_have_text(WAIT)
        # The page's idle reset and its state refresh come and go meanwhile ...
        page.clock.run_for(25_000)
        # ... while the agent asks again and again, with one key.
        wait_until(lambda: len(proxy.ticket_keys) >= 3, timeout=20,
                   what="the agent to retry the tap three times")
        expect(banner).to_have_text(WAIT)
        expect(page.locator("#result")).to_be_hidden()
        proxy.restore()
        expect(page.locator("#result-number")).to_have_text("A-001", timeout=20_000)
        expect(banner).to_be_hidden()
        assert len(set(proxy.ticket_keys)) == 1 and proxy.ticket_keys[0]
    assert waiting_in(kiosk, "pendaftaran") == 1  # one number, and the patient has it
    assert len(printer.wait_for_jobs(1)) == 1


def test_the_failure_is_said_only_when_the_agent_gives_up(
    page: Page, live_server: str, printer: FakePrinter, tmp_path: Path, kiosk: Api,
) -> None:
    with CutProxy(live_server) as proxy, kiosk_agent(
            proxy.url, printer, tmp_path, request_timeout=1.0, server_retry_seconds=4.0,
            idle_seconds=1.0) as (base, parts):
        page.clock.install()
        page.goto(base)
        expect(page.locator("[data-service=umum]")).to_be_enabled()
        wait_ms = int(page.locator("body").get_attribute("data-wait-ms") or 0)
        assert wait_ms > parts.options.server_retry_seconds * 1000  # the page waits longer
        proxy.cut("drop")
        started = time.monotonic()
        with page.expect_response("**/api/tickets*", timeout=30_000) as answer:
            page.click("[data-service=umum]")
            expect(page.locator("#banner")).to_have_text(WAIT)
            page.clock.run_for(20_000)
            wait_until(lambda: len(proxy.ticket_keys) >= 2, timeout=20,
                       what="the agent to retry the tap")
            expect(page.locator("#banner")).to_have_text(WAIT)
        assert answer.value.status == 503
        # The agent used its whole window (its last try may start LAST_TRY before the end).
        assert time.monotonic() - started >= parts.options.server_retry_seconds - LAST_TRY
        expect(page.locator("#banner")).to_have_text(PATIENT["id"]["unreachable"])
        expect(page.locator("#result")).to_be_hidden()
    assert waiting_in(kiosk, "umum") == 0  # nothing reached the server: nothing issued
    assert printer.jobs == []


def mark_services(page: Page) -> None:
    """Mark the service buttons, to see when a refresh has drawn new ones."""
    page.evaluate("document.querySelectorAll('.service').forEach(b => { b.dataset.old = 1; })")


def test_a_message_stays_a_fixed_time_whatever_the_refresh_does(
    page: Page, live_server: str, printer: FakePrinter, tmp_path: Path,
) -> None:
    started = time.time()
    with kiosk_agent(live_server, printer, tmp_path, idle_seconds=2.0) as (base, _):
        page.clock.install(time=started)
        page.goto(base)
        expect(page.locator("[data-service=pendaftaran]")).to_be_enabled()
        page.clock.pause_at(started + 60)  # from here, the page's time moves when told
        mark_services(page)
        page.keyboard.type("ZZZZZZZZZZ")
        page.keyboard.press("Enter")
        banner = page.locator("#banner")
        expect(banner).to_have_text("Kode booking tidak dikenal.")
        # The idle reset (2 s) and the state refresh run within the next 7.5 s ...
        page.clock.run_for(7_500)
        expect(page.locator(".service[data-old]")).to_have_count(0)  # it has refreshed
        expect(page.locator(".service")).not_to_have_count(0)
        # ... and the message is still there to read.
        expect(banner).to_have_text("Kode booking tidak dikenal.")
        page.clock.run_for(1_000)  # 8.5 s: gone, at its fixed time
        expect(banner).to_be_hidden()


def test_a_new_tap_replaces_a_message(page: Page, live_server: str, printer: FakePrinter,
                                      tmp_path: Path) -> None:
    with kiosk_agent(live_server, printer, tmp_path) as (base, _):
        page.goto(base)
        page.keyboard.type("ZZZZZZZZZZ")
        page.keyboard.press("Enter")
        expect(page.locator("#banner")).to_have_text("Kode booking tidak dikenal.")
        page.click("[data-service=gigi]")
        expect(page.locator("#result-number")).to_have_text("C-001")
        expect(page.locator("#banner")).to_be_hidden()


def test_the_page_waits_longer_than_the_agent_retries(live_server: str, printer: FakePrinter,
                                                      tmp_path: Path) -> None:
    """The default window: the agent retries 30 s; the page waits for its answer longer."""
    with kiosk_agent(live_server, printer, tmp_path) as (base, parts), \
            urllib.request.urlopen(base + "/", timeout=10) as reply:
        html = reply.read().decode()
    assert parts.options.server_retry_seconds == 30.0
    wait_ms = int(html.split('data-wait-ms="')[1].split('"')[0])
    assert wait_ms >= (30.0 + 2 * parts.options.request_timeout) * 1000
    assert 'data-message-ms="8000"' in html
