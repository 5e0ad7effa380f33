"""A scripted morning: two consoles and a board stay in agreement with the server."""

from __future__ import annotations

import random
from typing import Any

import pytest

from tests.support.board_state import BoardState, board_parts
from tests.support.clock import FakeClock
from tests.support.http import JsonClient
from tests.support.live import Listener


class LiveBoard(Listener):
    """A board client: applies events, asks for a snapshot when it sees a gap."""

    def __init__(self, base: str, facility: str):
        self.board = BoardState()
        super().__init__(base, {"facility": facility})

    def handler(self, name: str) -> Any:
        record = self._recorder(name)

        def handle(data: Any) -> None:
            if name == "snapshot":
                self.board.snapshot(data)
            elif not self.board.apply(name, data):
                self.sio.emit("snapshot", self.board.request())
            record(data)
        return handle


class LiveConsole(Listener):
    """A console client: like the page, it asks for a fresh snapshot on every event,
    numbering its requests, and takes the answer to its latest request as the truth
    (answers can arrive out of order; the last to arrive may be an older one)."""

    def __init__(self, base: str, counter: str, token: str):
        self.asked = 0
        super().__init__(base, {"counter": counter, "token": token})

    def handler(self, name: str) -> Any:
        record = self._recorder(name)
        if name == "snapshot":
            return record

        def handle(data: Any) -> None:
            record(data)
            self.asked += 1
            self.sio.emit("snapshot", {"request": self.asked})
        return handle

    def latest(self) -> dict[str, Any]:
        """The snapshot the page would show: the answer to the latest request heard so far
        (the connect's snapshot answers none)."""
        return max(self.events("snapshot"), key=lambda s: s.get("request", -1))


def run_morning(base: str, clock: FakeClock, token: str) -> None:
    rng = random.Random(7)
    kiosk = JsonClient(base, "demo-kiosk")
    staff = JsonClient(base, token)
    for i in range(40):
        service = "kia" if i % 4 == 3 else "pendaftaran"
        priority = rng.choice(["regular"] * 5 + ["elderly", "pregnant", "child"])
        assert kiosk.post("/api/v1/kiosk/tickets", {"service": service,
                                                    "priority": priority}).status == 201
        clock.advance(seconds=40)
    desks = ["loket-1", "loket-2"]
    for step in range(70):
        clock.advance(seconds=50)
        desk = desks[step % 2]
        called = staff.post(f"/api/v1/counters/{desk}/call-next")
        if called.status == 404:
            break
        roll = rng.random()
        if roll < 0.15:
            staff.post(f"/api/v1/counters/{desk}/recall")
        if roll < 0.1:
            staff.post(f"/api/v1/counters/{desk}/skip")
            continue
        staff.post(f"/api/v1/counters/{desk}/start")
        target = rng.choice(["umum", "umum", "gigi", "lab"])
        staff.post(f"/api/v1/counters/{desk}/finish", {"transfer_to": target})
        if step % 3 == 0:
            at_poli = staff.post("/api/v1/counters/poli-umum/call-next")
            if at_poli.status == 200:
                staff.post("/api/v1/counters/poli-umum/finish", {"transfer_to": "apotek"})
        if step % 5 == 0:
            staff.post("/api/v1/counters/apotek/call-next")
    staff.post("/api/v1/counters/kia/call-next")
    staff.post("/api/v1/counters/loket-2/requeue")
    staff.post("/api/v1/counters/lab/pause")


@pytest.mark.sqlite_only("live clients agreeing with the server's events; the queue's "
                         "SQL and its races are tested on PostgreSQL by the counter tests")
def test_consoles_and_a_board_agree_with_the_server_through_a_morning(
    live_server: str, clock: FakeClock, staff: Any
) -> None:
    board = LiveBoard(live_server, "pkm-demo")
    desk = LiveConsole(live_server, "loket-1", staff.token)
    poli = LiveConsole(live_server, "poli-umum", staff.token)
    try:
        for client in (board, desk, poli):
            client.wait_event("snapshot")
        run_morning(live_server, clock, staff.token)
        public = JsonClient(live_server)
        truth = public.get("/api/v1/facilities/pkm-demo/board").body
        final = truth["seq"]
        assert final > 150  # the morning really happened
        # Generous: each console asks for a fresh snapshot after every event (as the page
        # does), hundreds of them, and a loaded CI machine answers them slowly.
        board.wait_for(lambda _: board.board.seq == final, timeout=60)
        assert board.board.view() == board_parts(truth)
        staff_api = JsonClient(live_server, staff.token)
        for console, code in ((desk, "loket-1"), (poli, "poli-umum")):
            console.wait_for(lambda _, c=console: c.latest()["seq"] == final, timeout=60)
            rest = staff_api.get(f"/api/v1/counters/{code}").body
            mine = console.latest()
            for key in ("ticket", "waiting", "no_shows", "counts", "counter"):
                assert mine[key] == rest[key], (code, key)
        # Every event reached the board, in order, with no gap to repair.
        seqs = [e["seq"] for e in board.events() if "counters" not in e]
        assert seqs == sorted(seqs) and board.board.resyncs == 0
    finally:
        for client in (board, desk, poli):
            client.close()
