"""A board that missed something catches up by itself, shows it, and says it once.

Network cuts, a page reload, `seq` going back or a new `epoch` (a restored database) in
the in-process server; a server restart and a restore from backup with real processes.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import text

from tests.browser.fast_voice import speak_fast
from tests.browser.lost_events import lose_events
from tests.conftest import ROOT, Api
from tests.support.clock import FakeClock
from tests.support.demo_template import DemoDatabases
from tests.support.http import JsonClient
from tests.support.servers import free_port, server_process

A001_LOKET_1 = ["nomor-antrian", "huruf-a", "satu", "silakan-menuju", "loket", "satu"]
A002_LOKET_2 = ["nomor-antrian", "huruf-a", "dua", "silakan-menuju", "loket", "dua"]


def open_board(page: Page, base: str) -> None:
    speak_fast(page)  # what is said and in which order; test_board_voice keeps real time
    page.goto(f"{base}/display/pkm-demo")
    page.wait_for_function("window.antrianBoard && window.antrianBoard.state() !== null")


def said(page: Page, clips: int) -> list[str]:
    """The clips played, once at least `clips` of them have been played to their end."""
    page.wait_for_function(
        f"window.antrianBoard.played.length >= {clips} && "
        "window.antrianBoard.played.every(e => e.end !== null)", timeout=60_000)
    return [e["clip"] for e in page.evaluate("window.antrianBoard.played")]


def fresh_snapshot(page: Page) -> None:
    """Make the board resync once more, and wait until it has applied the snapshot."""
    before = page.evaluate("window.antrianBoard.snapshots")
    page.evaluate("window.antrianBoard.socket.emit('snapshot')")
    page.wait_for_function(f"window.antrianBoard.snapshots > {before}")


def test_a_call_made_during_a_network_cut_is_shown_and_spoken_once(
    page: Page, live_server: str, kiosk: Api, staff: Api
) -> None:
    kiosk.ticket()
    kiosk.ticket()
    open_board(page, live_server)
    staff.act("loket-1", "call-next")
    assert said(page, 7) == ["chime", *A001_LOKET_1]
    page.context.set_offline(True)
    expect(page.locator("#offline")).to_be_visible()
    staff.act("loket-2", "call-next")  # A-002, while the board hears nothing
    page.context.set_offline(False)
    expect(page.locator("#offline")).to_be_hidden(timeout=20_000)
    expect(page.locator("#call-number")).to_have_text("A-002")
    expect(page.locator("#call-counter")).to_have_text("Loket 2")
    expect(page.locator("#last-calls .row").first).to_contain_text("A-002")
    assert said(page, 14) == ["chime", *A001_LOKET_1, "chime", *A002_LOKET_2]
    # Once: neither another snapshot nor reloading the page says it again.
    fresh_snapshot(page)
    page.reload()
    page.wait_for_function("window.antrianBoard && window.antrianBoard.snapshots > 0")
    expect(page.locator("#call-number")).to_have_text("A-002")
    assert page.evaluate("window.antrianBoard.played") == []


def test_a_call_missed_more_than_a_minute_ago_is_shown_but_not_spoken(
    page: Page, live_server: str, kiosk: Api, staff: Api, clock: FakeClock
) -> None:
    kiosk.ticket()
    kiosk.ticket()
    open_board(page, live_server)
    page.context.set_offline(True)
    expect(page.locator("#offline")).to_be_visible()
    staff.act("loket-1", "call-next")
    clock.advance(seconds=61)  # the board hears of it only after a minute
    staff.act("loket-2", "call-next")
    page.context.set_offline(False)
    expect(page.locator("#call-number")).to_have_text("A-002")
    expect(page.locator("#last-calls .row")).to_have_count(2)
    assert said(page, 7) == ["chime", *A002_LOKET_2]  # A-001 is too old to be called out


def test_a_board_opened_fresh_does_not_replay_the_calls_before_it(
    browser: Browser, live_server: str, kiosk: Api, staff: Api
) -> None:
    kiosk.ticket()
    staff.act("loket-1", "call-next")
    context = browser.new_context(bypass_csp=True)
    try:
        page = context.new_page()
        open_board(page, live_server)
        expect(page.locator("#call-number")).to_have_text("A-001")
        fresh_snapshot(page)
        assert page.evaluate("window.antrianBoard.played") == []
    finally:
        context.close()


def test_a_new_epoch_and_a_lower_seq_mean_resync_never_silence(
    page: Page, live_server: str, kiosk: Api, staff: Api, engine: Any
) -> None:
    for _ in range(3):
        kiosk.ticket()
    open_board(page, live_server)
    staff.act("loket-1", "call-next")
    assert said(page, 7) == ["chime", *A001_LOKET_1]
    # The database goes back (pg_restore, then `new-epoch`) under the running server.
    with engine.begin() as conn:
        conn.execute(text("UPDATE facilities SET event_seq = 1, epoch = 'restored-1' "
                          "WHERE code = 'pkm-demo'"))
    staff.act("loket-2", "call-next")
    expect(page.locator("#call-counter")).to_have_text("Loket 2")
    assert said(page, 14)[7:] == ["chime", *A002_LOKET_2]
    assert page.evaluate("window.antrianBoard.state().epoch") == "restored-1"
    # The same epoch, but the numbers went back below what the board applied live.
    with engine.begin() as conn:
        conn.execute(text("UPDATE facilities SET event_seq = 1 WHERE code = 'pkm-demo'"))
    staff.act("loket-1", "call-next")
    expect(page.locator("#call-number")).to_have_text("A-003")
    assert said(page, 21)[14:] == ["chime", *A001_LOKET_1[:2], "tiga", *A001_LOKET_1[3:]]


@pytest.fixture
def sqlite_server(tmp_path: Path, demo_databases: DemoDatabases) -> Iterator[dict[str, Any]]:
    """What a server process on its own SQLite file (a copy of the seeded demo) needs;
    `cli` runs a command on it."""
    # Restarts without --demo keep the demo's secrets, on purpose (ANTRIAN_DEMO).
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'board.db'}",
           "SECRET_KEY": "board", "ANTRIAN_DEMO": "1"}

    def cli(*args: str) -> None:
        subprocess.run([sys.executable, "-m", "queue_server", *args], cwd=ROOT, env=env,
                       check=True, capture_output=True, timeout=60)

    with demo_databases.copy(env):
        yield {"env": env, "port": free_port(), "log": tmp_path / "server.log", "cli": cli,
               "backup": tmp_path / "backup.db"}


def staff_client(base: str) -> JsonClient:
    token = JsonClient(base).post("/api/v1/auth/login",
                                  {"username": "petugas", "password": "demo"}).body["token"]
    return JsonClient(base, token)


def test_after_a_restore_from_backup_the_board_shows_and_speaks_the_new_call(
    page: Page, sqlite_server: dict[str, Any]
) -> None:
    env, port, log, cli = (sqlite_server[k] for k in ("env", "port", "log", "cli"))
    with server_process(env, "--demo", log_path=log, port=port) as base:
        kiosk = JsonClient(base, "demo-kiosk")
        for _ in range(3):
            kiosk.post("/api/v1/kiosk/tickets", {"service": "pendaftaran"})
        open_board(page, base)
        cli("backup", str(sqlite_server["backup"]))
        staff_client(base).post("/api/v1/counters/loket-1/call-next")
        staff_client(base).post("/api/v1/counters/loket-2/call-next")
        expect(page.locator("#call-number")).to_have_text("A-002")
        said(page, 11)
        before = page.evaluate("window.antrianBoard.state()")
    cli("restore", str(sqlite_server["backup"]), "--force")
    with server_process(env, log_path=log, port=port) as base:
        expect(page.locator("#offline")).to_be_hidden(timeout=20_000)
        page.wait_for_function(f"window.antrianBoard.state().epoch !== '{before['epoch']}'")
        assert page.evaluate("window.antrianBoard.state().seq") < before["seq"]
        played = len(said(page, 11))
        staff_client(base).post("/api/v1/counters/loket-2/call-next")  # A-001 again
        expect(page.locator("#call-number")).to_have_text("A-001")
        expect(page.locator("#call-counter")).to_have_text("Loket 2")
        assert said(page, played + 7)[played:] == [
            "chime", "nomor-antrian", "huruf-a", "satu", "silakan-menuju", "loket", "dua"]


def test_a_late_answer_to_an_earlier_snapshot_request_does_not_take_the_board_back(
    page: Page, live_server: str, kiosk: Api, staff: Api
) -> None:
    """Answers to snapshot requests can come out of order: one older than the board's
    latest request is dropped (the soak's boards were left short by such answers)."""
    kiosk.ticket()
    open_board(page, live_server)
    staff.act("loket-1", "call-next")
    expect(page.locator("#call-number")).to_have_text("A-001")
    seq = page.evaluate("window.antrianBoard.state().seq")
    # The board asked twice and the second answer came first; now the first comes.
    page.evaluate("""() => {
        const board = window.antrianBoard;
        const late = { ...board.state(), seq: 0, counters: [], last_calls: [], request: 1 };
        board.resyncs = 2;
        board.socket.listeners("snapshot").forEach((listener) => listener(late));
    }""")
    assert page.evaluate("window.antrianBoard.state().seq") == seq
    expect(page.locator("#call-number")).to_have_text("A-001")
    # The answer to the latest request is taken, whatever its seq.
    fresh_snapshot(page)
    assert page.evaluate("window.antrianBoard.state().seq") == seq


def test_a_board_that_heard_nothing_asks_where_the_events_stand_and_catches_up(
    page: Page, live_server: str, kiosk: Api, staff: Api
) -> None:
    """Events lost on the way (the broker reconnecting) would show only at the
    facility's next event; the board's idle check (`board.check`, every 30 s without an
    event) asks `position` and resyncs when it is behind, and not otherwise."""
    kiosk.ticket()
    open_board(page, live_server)
    page.evaluate("window.antrianBoard.check()")
    page.wait_for_function("window.antrianBoard.checks === 1")
    assert page.evaluate("window.antrianBoard.resyncs") == 0  # up to date: nothing asked
    # The call's event never reaches the board's handlers: lost on the way.
    lose_events(page, "window.antrianBoard.socket")
    staff.act("loket-1", "call-next")
    page.wait_for_function("window.lost >= 1")
    expect(page.locator("#call-number")).to_have_text("—")
    page.evaluate("window.antrianBoard.check()")
    expect(page.locator("#call-number")).to_have_text("A-001")
    assert page.evaluate("window.antrianBoard.resyncs") == 1
