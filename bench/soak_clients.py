"""The soak's Socket.IO clients, each kind in processes of its own (asyncio clients).

Boards: one per facility in turn, connected all day, applying events as board.js does
(tests/support/board_state.py), asking for a snapshot on a gap and, after 30 s without
an event, where the facility's events stand (`position`); at the end each compares
what it built with the server's `GET /api/v1/facilities/{f}/board`.
Pages: slots that follow a new visit's code (from the driver) for a while, then the next."""

from __future__ import annotations

import asyncio
import contextlib
import json
import random
import time
import urllib.request
from collections import Counter
from multiprocessing.connection import Connection
from typing import Any

from common import ROOT  # noqa: F401  (puts the project on sys.path)

from tests.support.board_state import BoardState, board_parts

EVENTS = ("ticket.called", "ticket.updated", "queue.changed")
CHECK_SECONDS = 30  # board.js's CHECK_MS


async def _board(base: str, facility: str, counts: Counter[str]) -> tuple[Any, BoardState]:
    import socketio  # type: ignore[import-untyped]

    sio, board = socketio.AsyncClient(reconnection=True), BoardState()

    async def snapshot(data: dict) -> None:
        counts["snapshot"] += 1
        board.snapshot(data)

    def handler(name: str) -> Any:
        async def on(data: dict) -> None:
            counts[name] += 1
            board.last_event = time.monotonic()
            if not board.apply(name, data):
                counts["resync"] += 1
                await sio.emit("snapshot", board.request())
        return on

    sio.on("snapshot", snapshot)
    for name in EVENTS:
        sio.on(name, handler(name))
    await sio.connect(base, auth={"facility": facility}, transports=["websocket"],
                      wait_timeout=60)
    return sio, board


async def _check_idle(boards: list[tuple[str, str, BoardState, Any]],
                      counts: Counter[str]) -> None:
    """board.js's idle check: every 30 s, each connected board that heard no event for
    30 s asks where its facility's events stand, and for a snapshot if it is behind
    (counted as `position resync`: events that never came)."""
    async def check(board: BoardState, sio: Any) -> None:
        try:
            position = await sio.call("position", timeout=30)
        except Exception as exc:  # counted; the board asks again next time
            counts[f"position error {type(exc).__name__}"] += 1
            return
        counts["position"] += 1
        if board.behind(position):
            counts["position resync"] += 1
            await sio.emit("snapshot", board.request())

    while True:
        await asyncio.sleep(CHECK_SECONDS)
        now = time.monotonic()
        await asyncio.gather(*(check(board, sio) for _, _, board, sio in boards
                               if sio.connected and now - board.last_event >= CHECK_SECONDS))


def _server_board(base: str, facility: str) -> dict[str, Any]:
    with urllib.request.urlopen(f"{base}/api/v1/facilities/{facility}/board",
                                timeout=30) as reply:
        return board_parts(json.loads(reply.read()))


async def _compare(boards: list[tuple[str, str, BoardState, Any]]) -> list[str]:
    """Facilities whose board differs from the server's (three looks, 2 s apart), with
    the board's server, whether it is still connected and when its last event came."""
    loop = asyncio.get_running_loop()
    wrong: list[str] = []
    for _ in range(3):
        wrong = []
        for base, facility, board, sio in boards:
            server = await loop.run_in_executor(None, _server_board, base, facility)
            mine = board.view() if board.state is not None else {}
            if mine != server:
                parts = [k for k in server if mine.get(k) != server[k]]
                quiet = time.monotonic() - board.last_event if board.last_event else -1
                wrong.append(f"{facility} {parts}" + (
                    f" {mine.get('seq')}/{server['seq']}" if "seq" in parts else "")
                    + f" via {base[-5:]}, connected {sio.connected}, last event "
                      f"{quiet:.0f} s before, resyncs {board.resyncs}")
        if not wrong:
            break
        await asyncio.sleep(2)
    return wrong


def run_boards(bases: list[str], facilities: list[str], first: int, count: int,
               pipe: Connection) -> None:
    """A board process: `count` boards; on "compare" sends the differing facilities; on
    "stop" sends its event counts."""
    async def main() -> None:
        counts: Counter[str] = Counter()
        boards, clients = [], []
        for i in range(first, first + count):
            base, facility = bases[i % len(bases)], facilities[i % len(facilities)]
            sio, board = await _board(base, facility, counts)
            clients.append(sio)
            boards.append((base, facility, board, sio))
        pipe.send(("ready", count))
        checking = asyncio.create_task(_check_idle(boards, counts))
        loop = asyncio.get_running_loop()
        while await loop.run_in_executor(None, pipe.recv) != "stop":
            pipe.send(("compared", await _compare(boards)))
        checking.cancel()
        pipe.send(("counts", dict(counts)))
        await asyncio.gather(*(c.disconnect() for c in clients), return_exceptions=True)

    asyncio.run(main())


async def _page(bases: list[str], codes: Any, counts: Counter[str], stop: asyncio.Event,
                lifetime: float) -> None:
    """One phone after another: follow a visit for a while, leave, take the next."""
    import socketio  # type: ignore[import-untyped]

    loop = asyncio.get_running_loop()
    while not stop.is_set():
        code = await loop.run_in_executor(None, _next_code, codes)
        if code is None:
            continue
        sio = socketio.AsyncClient(reconnection=False)
        sio.on("snapshot", lambda _: counts.update(["page snapshot"]))
        for name in EVENTS:
            sio.on(name, lambda _, n=name: counts.update([f"page {n}"]))
        try:
            await sio.connect(random.choice(bases), auth={"visit": code},
                              transports=["websocket"], wait_timeout=60)
            counts["page connects"] += 1
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), random.uniform(0.5, 1.5) * lifetime)
        except Exception as exc:  # counted; the page tries the next visit
            counts[f"page error {type(exc).__name__}"] += 1
        finally:
            await sio.disconnect()


def _next_code(codes: Any) -> str | None:
    try:
        return codes.get(timeout=1)
    except Exception:
        return None


def run_pages(bases: list[str], count: int, codes: Any, lifetime: float,
              pipe: Connection) -> None:
    """A page process: `count` page slots; on "stop" sends its event counts."""
    async def main() -> None:
        counts: Counter[str] = Counter()
        stop = asyncio.Event()
        tasks = [asyncio.create_task(_page(bases, codes, counts, stop, lifetime))
                 for _ in range(count)]
        pipe.send(("ready", count))
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(None, pipe.recv)
        stop.set()
        began = time.monotonic()
        await asyncio.wait(tasks, timeout=30)
        counts["page stop seconds"] = round(time.monotonic() - began)
        pipe.send(("counts", dict(counts)))

    asyncio.run(main())
