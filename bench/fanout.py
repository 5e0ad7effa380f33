"""Time from call-next to receipt of `ticket.called` at N connected Socket.IO clients.

    python bench/fanout.py --clients 200 --calls 30           # starts its own demo server
    python bench/fanout.py --url http://127.0.0.1:5000 ...    # or measures a running one

Prints p50/p99/max of (receipt time − moment the call-next request was sent), over every
client and call, and the HTTP time of call-next itself. Clients are python-socketio over
websocket, in this process; the server runs in another process on the same machine.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from common import ROOT, JsonClient, demo_server, percentile

from tests.support.live import Listener


@contextlib.contextmanager
def two_processes(clients: int) -> Iterator[list[str]]:
    """PostgreSQL, Redis and two gunicorn processes sharing events (the production shape)."""
    import subprocess

    from tests.support.servers import AppProcess, PgServer, RedisServer

    pg, redis = PgServer().start(), RedisServer().start()
    apps: list[AppProcess] = []
    folder = Path(tempfile.mkdtemp(prefix="antrian-fanout-"))
    try:
        env = {**os.environ, "DATABASE_URL": pg.url, "SOCKETIO_MESSAGE_QUEUE": redis.url,
               "SECRET_KEY": "fanout"}
        for cmd in (["upgrade"], ["load-config", "config/demo.yaml"]):
            subprocess.run([sys.executable, "-m", "queue_server", *cmd], cwd=ROOT, env=env,
                           check=True, capture_output=True)
        apps = [AppProcess(env, folder / f"app-{i}.log", threads=clients // 2 + 32).start()
                for i in range(2)]
        yield [a.url for a in apps]
    finally:
        for app in apps:
            app.stop()
        redis.stop()
        pg.remove()


def run(bases: list[str], clients: int, calls: int) -> dict[str, float]:
    """Clients are spread over `bases`; calls are made through the first."""
    base = bases[0]
    listeners = []
    for i in range(clients):
        listeners.append(Listener(bases[i % len(bases)], {"facility": "pkm-demo"}))
    for listener in listeners:
        listener.wait_event("snapshot", timeout=60)
    kiosk = JsonClient(base, "demo-kiosk")
    for _ in range(calls):
        assert kiosk.post("/api/v1/kiosk/tickets", {"service": "pendaftaran"}).status == 201
    token = JsonClient(base).post("/api/v1/auth/login",
                                  {"username": "petugas", "password": "demo"}).body["token"]
    staff = JsonClient(base, token)
    latencies: list[float] = []
    http: list[float] = []
    missed = 0
    for _ in range(calls):
        sent = time.perf_counter()
        reply = staff.post("/api/v1/counters/loket-1/call-next")
        http.append(time.perf_counter() - sent)
        assert reply.status == 200, reply.body
        number = reply.body["number"]
        deadline = time.monotonic() + 15  # a client that has not heard by then missed it
        for listener in listeners:
            try:
                listener.wait_event("ticket.called",
                                    lambda e, n=number: e["ticket"]["number"] == n,
                                    timeout=max(deadline - time.monotonic(), 0.01))
            except TimeoutError:
                missed += 1
                continue
            arrived = next(t for name, data, t in listener.received
                           if name == "ticket.called" and data["ticket"]["number"] == number)
            latencies.append(arrived - sent)
    for listener in listeners:
        threading.Thread(target=listener.close, daemon=True).start()
    ms = [v * 1000 for v in latencies]
    return {"clients": clients, "calls": calls, "missed": missed,
            "p50_ms": percentile(ms, 0.5),
            "p99_ms": percentile(ms, 0.99), "max_ms": max(ms),
            "http_p50_ms": statistics.median(h * 1000 for h in http)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="a running server with the demo loaded")
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 50, 200])
    parser.add_argument("--calls", type=int, default=30)
    parser.add_argument("--processes", type=int, choices=(1, 2), default=1,
                        help="2: PostgreSQL + Redis + two gunicorn processes")
    args = parser.parse_args()
    for clients in args.clients:
        if args.processes == 2:
            with two_processes(clients) as bases:
                r = run(bases, clients, args.calls)
        else:
            with demo_server(args.url) as base:
                r = run([base], clients, args.calls)
        print(f"{args.processes} process(es), "
              f"{r['clients']:>5} clients × {r['calls']} calls: call→client p50 "
              f"{r['p50_ms']:.1f} ms, p99 {r['p99_ms']:.1f} ms, max {r['max_ms']:.1f} ms; "
              f"call-next HTTP p50 {r['http_p50_ms']:.1f} ms; "
              f"missed {r['missed']} of {r['clients'] * r['calls']}", flush=True)


if __name__ == "__main__":
    main()
