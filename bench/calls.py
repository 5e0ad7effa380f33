"""The counter path: drain 500 walk-ins with call-next, next to walk-ins and /ping.

    python bench/calls.py                          # embedded: SQLite, one process
    python bench/calls.py --url http://... --pid N # a running demo server (CPU of pid N)

For every client mode (`keep-alive`: one connection per client thread; `new-connection`:
a connection per request, closed after it), every number of counters (1: loket-1; 2:
loket-1 and loket-2, which both serve Pendaftaran) and every drain, on one server:
`/ping` (no database), then 500 walk-in tickets from the demo kiosk (as many client threads
as counters), then the counters drain the queue, one thread each, until `queue_empty`.
Drains: `next` presses call-next only (each call finishes whoever the counter held, as at
a desk), `pair` sends call-next then finish for every patient. Both send what the console
sends: `expected_current` and a fresh Idempotency-Key per press.

Figures: calls/s = patients called per second; p50/p99 = call-next latency at the client;
ratio = calls/s over the walk-in rate of the same row; CPU ms = the server process's CPU
time (/proc/<pid>/stat, user + system, children included) over the drain per patient
called (for `pair` that is two requests), and over the walk-ins per ticket. The floors of
issue 14 read on the `next` rows: ratio >= 0.60 and CPU per call < 2 ms.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import os
import signal
import statistics
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from common import cpu_seconds, demo_server, percentile

SERVICE = "pendaftaran"
COUNTERS = ["loket-1", "loket-2"]  # the demo's two counters of one service
MODES = ["keep-alive", "new-connection"]
DRAINS = ["next", "pair"]


class Client:
    """HTTP with a bearer token, over one kept connection or a new one per request."""

    def __init__(self, base: str, token: str, keep_alive: bool):
        parts = urlsplit(base)
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80
        self.token, self.keep_alive = token, keep_alive
        self.conn: http.client.HTTPConnection | None = None

    def send(self, method: str, path: str, body: Any = None,
             headers: dict[str, str] | None = None) -> tuple[int, Any]:
        """One request; returns (status, decoded JSON body or None)."""
        all_headers = {"Accept": "application/json", "Authorization": f"Bearer {self.token}",
                       **(headers or {})}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            all_headers["Content-Type"] = "application/json"
        if not self.keep_alive:
            all_headers["Connection"] = "close"
        if self.conn is None:
            self.conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
        self.conn.request(method, path, body=data, headers=all_headers)
        reply = self.conn.getresponse()
        raw = reply.read()
        if not self.keep_alive:
            self.close()
        return reply.status, json.loads(raw) if raw else None

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


@dataclass
class Timed:
    """What a set of client threads did: counts, latencies (ms), statuses, wall time (s)."""

    count: int = 0
    seconds: float = 0.0
    latencies_ms: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, status: int, ms: float | None, counted: bool) -> None:
        with self.lock:
            self.statuses[status] = self.statuses.get(status, 0) + 1
            self.count += counted
            if ms is not None:
                self.latencies_ms.append(ms)

    @property
    def rate(self) -> float:
        return self.count / self.seconds if self.seconds else 0.0


def timed(send: Callable[[], tuple[int, Any]]) -> tuple[int, Any, float]:
    """Send one request; returns status, body and the latency in ms."""
    began = time.perf_counter()
    status, body = send()
    return status, body, (time.perf_counter() - began) * 1000


def in_threads(n: int, work: Callable[[int, Timed], None]) -> Timed:
    """Run `work(index, result)` in n threads started together; times the whole."""
    result = Timed()
    start_line = threading.Barrier(n + 1)

    def run(index: int) -> None:
        start_line.wait()
        work(index, result)

    threads = [threading.Thread(target=run, args=(i,), daemon=True) for i in range(n)]
    for thread in threads:
        thread.start()
    start_line.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    result.seconds = time.perf_counter() - began
    return result


def repeat(base: str, token: str, clients: int, total: int, keep_alive: bool, ok: int,
           method: str, path: str, body: Any = None) -> Timed:
    """`total` times the same request, shared by `clients` threads; counts status `ok`."""
    def work(index: int, result: Timed) -> None:
        client = Client(base, token, keep_alive)
        for _ in range(total // clients):
            status, _, ms = timed(lambda: client.send(method, path, body))
            result.add(status, ms, status == ok)
        client.close()
    return in_threads(clients, work)


def walk_ins(base: str, kiosk: str, clients: int, total: int, keep_alive: bool) -> Timed:
    return repeat(base, kiosk, clients, total, keep_alive, 201, "POST",
                  "/api/v1/kiosk/tickets", {"service": SERVICE})


def press(client: Client, counter: str, action: str, seen: str | None) -> tuple[int, Any, float]:
    """One button press as the console sends it: what it shows, and a key of its own."""
    return timed(lambda: client.send(
        "POST", f"/api/v1/counters/{counter}/{action}", {"expected_current": seen},
        {"Idempotency-Key": uuid.uuid4().hex}))


def drain(base: str, token: str, counters: list[str], drain_kind: str,
          keep_alive: bool) -> Timed:
    """Each counter, one thread each, calls until `queue_empty`; latencies are call-next's."""
    def work(index: int, result: Timed) -> None:
        client, counter, seen = Client(base, token, keep_alive), counters[index], None
        while True:
            status, body, ms = press(client, counter, "call-next", seen)
            result.add(status, ms if status == 200 else None, status == 200)
            if status != 200:
                break
            seen = body["number"]
            if drain_kind == "pair":
                status, _, _ = press(client, counter, "finish", seen)
                seen = None if status == 200 else seen
        client.close()
    return in_threads(len(counters), work)


def settle(base: str, token: str, counters: list[str]) -> None:
    """Finish whatever the counters hold (after a `next` drain, the last patient)."""
    client = Client(base, token, True)
    for counter in counters:
        status, state = client.send("GET", f"/api/v1/counters/{counter}")
        if status == 200 and state.get("ticket"):
            press(client, counter, "finish", state["ticket"]["number"])
    client.close()


def login(base: str, username: str, password: str) -> str:
    status, body = Client(base, "", False).send(
        "POST", "/api/v1/auth/login", {"username": username, "password": password})
    if status != 200:
        raise SystemExit(f"login as {username} failed: {status} {body}")
    return body["token"]


def server_pid() -> int | None:
    """The embedded server: this process's child running `queue_server`."""
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                parent = int(f.read().rsplit(")", 1)[1].split()[1])
            with open(f"/proc/{entry}/cmdline", "rb") as f:
                cmdline = f.read()
        except OSError:
            continue
        if parent == os.getpid() and b"queue_server" in cmdline:
            return int(entry)
    return None


@dataclass
class Row:
    mode: str
    counters: int
    drain: str
    calls: Timed
    walk: Timed
    ping: Timed
    cpu_call_ms: float | None
    cpu_walk_ms: float | None


def measured(pid: int | None, step: Callable[[], Timed]) -> tuple[Timed, float | None]:
    """Run `step`; returns its result and the server's CPU ms per counted request."""
    before = cpu_seconds(pid) if pid else 0.0
    result = step()
    if not pid or not result.count:
        return result, None
    return result, 1000 * (cpu_seconds(pid) - before) / result.count


def one_row(base: str, args: argparse.Namespace, token: str, pid: int | None, mode: str,
            n: int, drain_kind: str) -> Row:
    keep, counters = mode == "keep-alive", COUNTERS[:n]
    ping = repeat(base, "", n, args.pings, keep, 200, "GET", "/ping")
    walk, cpu_walk = measured(pid, lambda: walk_ins(base, args.kiosk_token, n, args.tickets,
                                                    keep))
    calls, cpu_call = measured(pid, lambda: drain(base, token, counters, drain_kind, keep))
    settle(base, token, counters)
    return Row(mode, n, drain_kind, calls, walk, ping, cpu_call, cpu_walk)


def rows(base: str, args: argparse.Namespace, pid: int | None) -> Iterator[Row]:
    token = login(base, args.username, args.password)
    settle(base, token, COUNTERS)
    walk_ins(base, args.kiosk_token, 1, 50, True)  # warm up: first requests fill caches
    drain(base, token, COUNTERS[:1], "pair", True)
    for mode in args.modes:
        for n in args.counters:
            for drain_kind in args.drains:
                yield one_row(base, args, token, pid, mode, n, drain_kind)


HEADER = (f"{'mode':<15}{'ctrs':>4} {'drain':<5}{'calls/s':>8}{'p50 ms':>8}{'p99 ms':>8}"
          f"{'walk-in/s':>10}{'ping/s':>8}{'ratio':>7}{'CPU/call':>9}{'CPU/walk':>9}")


def line(row: Row) -> str:
    lat = row.calls.latencies_ms or [0.0]

    def cpu(ms: float | None) -> str:
        return f"{ms:9.2f}" if ms is not None else f"{'-':>9}"
    ratio = row.calls.rate / row.walk.rate if row.walk.rate else 0.0
    text = (f"{row.mode:<15}{row.counters:>4} {row.drain:<5}{row.calls.rate:8.0f}"
            f"{statistics.median(lat):8.1f}{percentile(lat, 0.99):8.1f}{row.walk.rate:10.0f}"
            f"{row.ping.rate:8.0f}{ratio:7.2f}{cpu(row.cpu_call_ms)}{cpu(row.cpu_walk_ms)}")
    odd = {**{s: n for s, n in row.walk.statuses.items() if s != 201},
           **{s: n for s, n in row.calls.statuses.items() if s not in (200, 404)}}
    return text + (f"  unexpected statuses {odd}" if odd else "")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", help="a running server started with --demo (default: "
                                      "start one on a fresh SQLite database)")
    parser.add_argument("--pid", type=int, help="with --url: the server's process, for CPU")
    parser.add_argument("--tickets", type=int, default=500, help="walk-ins per row")
    parser.add_argument("--pings", type=int, default=1000, help="/ping requests per row")
    parser.add_argument("--counters", type=int, nargs="+", choices=(1, 2), default=[1, 2])
    parser.add_argument("--modes", nargs="+", choices=MODES, default=MODES)
    parser.add_argument("--drains", nargs="+", choices=DRAINS, default=DRAINS)
    parser.add_argument("--kiosk-token",
                        default=os.environ.get("ANTRIAN_DEMO_KIOSK_TOKEN", "demo-kiosk"))
    parser.add_argument("--username", default="petugas")
    parser.add_argument("--password", default=os.environ.get("ANTRIAN_DEMO_PASSWORD", "demo"))
    args = parser.parse_args()
    # A stop by SIGTERM unwinds too: the server process and its temp folder go.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    with demo_server(args.url) as base:
        pid = args.pid if args.url else server_pid()
        print(f"calls.py {dt.datetime.now().isoformat(timespec='seconds')} on {base}, "
              f"{os.cpu_count()} cores, server pid {pid or '?'}, {args.tickets} tickets a row",
              flush=True)
        print(HEADER, flush=True)
        for row in rows(base, args, pid):
            print(line(row), flush=True)


if __name__ == "__main__":
    main()
