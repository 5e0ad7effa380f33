"""The waiting-room board in real Chromium: live calls, spoken in order, whole on screen."""

from __future__ import annotations

import os
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select, update

from queue_server.persistence.models import Device
from tests.browser.fast_voice import speak_fast
from tests.conftest import Api
from tests.support.demo_template import DemoDatabases
from tests.support.http import JsonClient
from tests.support.servers import free_port, server_process, wait_until


def open_board(page: Page, base: str, query: str = "") -> None:
    speak_fast(page)  # what is said and in which order; test_board_voice keeps real time
    page.goto(f"{base}/display/pkm-demo{query}")
    page.wait_for_function("window.antrianBoard && window.antrianBoard.state() !== null")


def played(page: Page) -> list[dict[str, Any]]:
    return page.evaluate("window.antrianBoard.played")


def clips_said(page: Page, count: int) -> list[str]:
    """The clips played, once at least `count` of them have been played to their end."""
    page.wait_for_function(f"window.antrianBoard.played.length >= {count} && "
                           "window.antrianBoard.played.every(e => e.end !== null)",
                           timeout=60_000)
    return [e["clip"] for e in played(page)]


def test_a_call_shows_on_the_board_within_two_seconds(page: Page, live_server: str,
                                                      kiosk: Api, staff: Api) -> None:
    kiosk.ticket()
    open_board(page, live_server)
    staff.act("loket-2", "call-next")
    expect(page.locator("#call-number")).to_have_text("A-001", timeout=2000)
    expect(page.locator("#call-counter")).to_have_text("Loket 2")
    expect(page.locator("#call")).to_have_class("call panel flash")
    expect(page.locator("#counters .row", has_text="Loket 2")).to_contain_text("A-001")


def test_the_announcement_clips_are_requested_in_order(page: Page, live_server: str,
                                                       kiosk: Api, staff: Api) -> None:
    for _ in range(12):
        kiosk.ticket()
    for _ in range(11):
        staff.act("loket-2", "call-next")  # before the board opens: not announced
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url.split("/sounds/")[1])
            if "/sounds/" in r.url else None)
    open_board(page, live_server)
    staff.act("loket-2", "call-next")
    expect(page.locator("#call-number")).to_have_text("A-012")
    page.wait_for_function("window.antrianBoard.played.length >= 8 && "
                           "window.antrianBoard.played.every(e => e.end !== null)",
                           timeout=30_000)
    # "Nomor antrian A dua belas, silakan menuju Loket dua": the second "dua" comes from
    # the cache, so each clip is fetched once, in the order it is spoken.
    assert requested == ["chime.ogg"] + [f"id/{c}.ogg" for c in (
        "nomor-antrian", "huruf-a", "dua", "belas", "silakan-menuju", "loket")]
    assert [e["clip"] for e in played(page)] == [
        "chime", "nomor-antrian", "huruf-a", "dua", "belas", "silakan-menuju", "loket", "dua"]


def test_two_quick_calls_are_announced_one_after_the_other(page: Page, live_server: str,
                                                           kiosk: Api, staff: Api) -> None:
    kiosk.ticket()
    kiosk.ticket(service="gigi")
    open_board(page, live_server)
    staff.act("loket-1", "call-next")
    staff.act("poli-gigi", "call-next")
    page.wait_for_function("window.antrianBoard.played.length >= 11 && "
                           "window.antrianBoard.played.every(e => e.end !== null)",
                           timeout=30_000)
    log = played(page)
    # The second call waited behind the first: no chime between them, the short phrase.
    assert [e["clip"] for e in log] == [
        "chime", "nomor-antrian", "huruf-a", "satu", "silakan-menuju", "loket", "satu",
        "huruf-c", "satu", "poli", "gigi"]
    # Never two clips at once: each starts after the previous one ended.
    assert all(b["start"] >= a["end"] for a, b in pairwise(log))
    expect(page.locator("#call-number")).to_have_text("C-001")


def test_a_recall_is_announced_again(page: Page, live_server: str, kiosk: Api,
                                     staff: Api) -> None:
    kiosk.ticket()
    open_board(page, live_server)
    staff.act("loket-1", "call-next")
    staff.act("loket-1", "recall")
    page.wait_for_function("window.antrianBoard.played.filter(e => e.clip === 'huruf-a')"
                           ".length >= 2 && window.antrianBoard.played.every(e => e.end)",
                           timeout=30_000)
    assert [e["clip"] for e in played(page)] == [
        "chime", "nomor-antrian", "huruf-a", "satu", "silakan-menuju", "loket", "satu",
        "huruf-a", "satu", "loket", "satu"]
    # The recall moves the ticket's row to the top of the last calls; no second row.
    expect(page.locator("#last-calls .row")).to_have_count(1)
    expect(page.locator("#last-calls .row").first).to_contain_text("A-001")


def test_an_english_board_filtered_to_some_services(page: Page, live_server: str, kiosk: Api,
                                                   staff: Api) -> None:
    kiosk.ticket()
    kiosk.ticket(service="gigi")
    open_board(page, live_server, "?services=gigi&lang=en")
    expect(page.locator("#counters .row")).to_have_count(1)
    expect(page.locator("#services .row")).to_have_text("Poli Gigi1waiting · ±15 min")
    staff.act("loket-1", "call-next")  # not this board's service: not shown, not spoken
    staff.act("poli-gigi", "call-next")
    expect(page.locator("#call-number")).to_have_text("C-001")
    page.wait_for_function("window.antrianBoard.played.length >= 7", timeout=30_000)
    assert [e["clip"] for e in played(page)][:5] == [
        "chime", "nomor-antrian", "huruf-c", "one", "silakan-menuju"]


@pytest.fixture
def board_servers(tmp_path: Path, demo_databases: DemoDatabases) -> Iterator[dict[str, Any]]:
    # Restarts without --demo keep the demo's secrets, on purpose (ANTRIAN_DEMO).
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'board.db'}",
           "SECRET_KEY": "board", "ANTRIAN_DEMO": "1"}
    with demo_databases.copy(env):  # a copy of the seeded demo
        yield {"env": env, "port": free_port(), "log": tmp_path / "server.log"}


def test_the_board_recovers_by_itself_after_a_server_restart(
    page: Page, board_servers: dict[str, Any]
) -> None:
    env, port, log = board_servers["env"], board_servers["port"], board_servers["log"]
    with server_process(env, "--demo", log_path=log, port=port) as base:
        kiosk = JsonClient(base, "demo-kiosk")
        for _ in range(3):
            kiosk.post("/api/v1/kiosk/tickets", {"service": "pendaftaran"})
        open_board(page, base)
        expect(page.locator("#offline")).to_be_hidden()
    expect(page.locator("#offline")).to_be_visible(timeout=10_000)
    # While the board's server is down, another process on the same database calls A-001.
    with server_process(env, log_path=log) as other:
        token = JsonClient(other).post("/api/v1/auth/login",
                                       {"username": "petugas", "password": "demo"}).body["token"]
        assert JsonClient(other, token).post("/api/v1/counters/loket-1/call-next").status == 200
    with server_process(env, log_path=log, port=port) as base:
        expect(page.locator("#offline")).to_be_hidden(timeout=20_000)
        # The snapshot on reconnect brings the call it missed, shown and spoken once...
        expect(page.locator("#counters .row", has_text="Loket 1")).to_contain_text("A-001")
        expect(page.locator("#call-number")).to_have_text("A-001")
        expect(page.locator("#services .row", has_text="Pendaftaran")).to_contain_text("2")
        a001 = ["chime", "nomor-antrian", "huruf-a", "satu", "silakan-menuju", "loket", "satu"]
        assert clips_said(page, 7) == a001
        # ...and live events flow again.
        token = JsonClient(base).post("/api/v1/auth/login",
                                      {"username": "petugas", "password": "demo"}).body["token"]
        JsonClient(base, token).post("/api/v1/counters/loket-2/call-next")
        expect(page.locator("#counters .row", has_text="Loket 2")).to_contain_text("A-002")
        assert clips_said(page, 14) == [*a001, "chime", "nomor-antrian", "huruf-a", "dua",
                                        "silakan-menuju", "loket", "dua"]
        truth = JsonClient(base).get("/api/v1/facilities/pkm-demo/board").body
        shown = page.evaluate("window.antrianBoard.state()")
        assert shown["seq"] == truth["seq"]
        assert shown["counters"] == truth["counters"]


def test_staff_change_the_running_text_and_the_board_shows_it_live(page: Page, live_server: str,
                                                                  staff: Api) -> None:
    open_board(page, live_server)
    expect(page.locator("#running-text")).to_contain_text("Selamat datang")
    reply = staff.client.put("/api/v1/facilities/pkm-demo/running-text",
                             json={"running_text": "Poli Gigi tutup pukul 12.00 hari ini."},
                             headers=staff.headers())
    assert reply.status_code == 200
    expect(page.locator("#running-text")).to_have_text("Poli Gigi tutup pukul 12.00 hari ini.")


def test_a_board_opened_with_its_device_token_heartbeats_every_30_seconds(
    page: Page, live_server: str, engine: Any
) -> None:
    def status() -> dict[str, Any]:
        with engine.connect() as conn:
            return conn.scalar(select(Device.status).where(Device.code == "display-1")) or {}

    with engine.begin() as conn:
        conn.execute(update(Device).where(Device.code == "display-1").values(status={}))
    page.clock.install()
    open_board(page, live_server, "?token=demo-display&lang=en&services=gigi,kia")
    wait_until(lambda: status().get("connected") is True, what="the board's connect")
    assert status() == {"connected": True, "lang": "en", "services": ["gigi", "kia"],
                        "sound": "on"}
    assert page.evaluate("window.antrianBoard.heartbeats") == []
    page.clock.run_for(30_000)
    page.wait_for_function("window.antrianBoard.heartbeats.length === 1")
    ack = page.evaluate("window.antrianBoard.heartbeats[0]")
    assert ack["device"] == "display-1" and ack["received_at"].endswith("+07:00")
    assert status()["seq"] == page.evaluate("window.antrianBoard.state().seq")
