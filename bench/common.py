"""Shared by the benchmarks: start a demo server, drive it from threads, print figures."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.support.http import JsonClient  # noqa: E402
from tests.support.servers import server_process  # noqa: E402


def booking_day(today: bool = False) -> dt.date:
    """The day the benchmarks book: the facilities' (WIB) tomorrow, as when booking opens
    for it, or their today (same-day bookings, which also check the service's current
    wait). Not UTC's tomorrow: from 17:00 UTC that is WIB's today, and the figures then
    measured same-day bookings by the clock."""
    wib = dt.datetime.now(ZoneInfo("Asia/Jakarta")).date()
    return wib if today else wib + dt.timedelta(days=1)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


@contextlib.contextmanager
def demo_server(url: str | None = None, **env: str) -> Iterator[str]:
    """A running demo server: the given URL, or a fresh embedded one on SQLite."""
    if url:
        yield url
        return
    with tempfile.TemporaryDirectory() as folder:
        full_env = {**os.environ, "DATABASE_URL": f"sqlite:///{folder}/bench.db",
                    "SECRET_KEY": "bench", **env}
        with server_process(full_env, "--demo", log_path=Path(folder) / "server.log") as base:
            yield base


@dataclass
class Result:
    clients: int
    requests: int
    seconds: float
    latencies_ms: list[float]
    statuses: dict[int, int]

    @property
    def rate(self) -> float:
        return self.requests / self.seconds

    def line(self, what: str) -> str:
        lat = self.latencies_ms
        return (f"{what}: {self.clients:>3} clients, {self.requests} requests in "
                f"{self.seconds:.2f} s = {self.rate:,.0f}/s; latency p50 "
                f"{statistics.median(lat):.1f} ms, p99 {percentile(lat, 0.99):.1f} ms; "
                f"statuses {dict(sorted(self.statuses.items()))}")


def drive(base: str, clients: int, per_client: int,
          request: Callable[[JsonClient, int, int], int], token: str | None = None) -> Result:
    """Each client thread keeps one connection and sends `per_client` requests."""
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    lock = threading.Lock()
    start_line = threading.Barrier(clients + 1)

    def worker(index: int) -> None:
        client = JsonClient(base, token)
        mine, codes = [], {}
        start_line.wait()
        for i in range(per_client):
            sent = time.perf_counter()
            status = request(client, index, i)
            mine.append((time.perf_counter() - sent) * 1000)
            codes[status] = codes.get(status, 0) + 1
        client.close()
        with lock:
            latencies.extend(mine)
            for code, n in codes.items():
                statuses[code] = statuses.get(code, 0) + n

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    start_line.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    return Result(clients, clients * per_client, time.perf_counter() - began, latencies,
                  statuses)


def cpu_seconds(root_pid: int) -> float:
    """CPU time (user + system) used so far by a process and all its descendants (Linux),
    those that ended and were reaped included."""
    ticks = os.sysconf("SC_CLK_TCK")
    parents: dict[int, int] = {}
    times: dict[int, float] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(entry)] = int(fields[1])
        # Its own time and that of its children it has reaped (PostgreSQL's backends of
        # closed connections end up in the postmaster's cutime/cstime).
        times[int(entry)] = sum(int(f) for f in fields[11:15]) / ticks
    tree, total = {root_pid}, 0.0
    changed = True
    while changed:
        changed = False
        for pid, parent in parents.items():
            if parent in tree and pid not in tree:
                tree.add(pid)
                changed = True
    for pid in tree:
        total += times.get(pid, 0.0)
    return total
