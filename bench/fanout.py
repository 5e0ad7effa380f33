"""Time from call-next to receipt of `ticket.called` at N connected Socket.IO clients.

    python bench/fanout.py --clients 200 --calls 30           # starts its own demo server
    python bench/fanout.py --url http://127.0.0.1:5000 ...    # or measures a running one

Prints p50/p99/max of (receipt time − moment the call-next request was sent), over every
client and call, and the HTTP time of call-next itself. Clients are python-socketio's
asyncio client over websocket, spread over `--listeners` processes (default 2) on the same
machine as the server; their receipt time is taken first thing in the event handler.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from multiprocessing.connection import Connection
from pathlib import Path

from common import ROOT, JsonClient, demo_server, percentile


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
               "SECRET_KEY": "fanout", "ANTRIAN_DEMO": "1"}  # the demo's secrets on purpose
        for cmd in (["upgrade"], ["load-config", "config/demo.yaml"]):
            subprocess.run([sys.executable, "-m", "queue_server", *cmd], cwd=ROOT, env=env,
                           check=True, capture_output=True)
        apps = [AppProcess(env, folder / f"app-{i}.log").start() for i in range(2)]
        yield [a.url for a in apps]
    finally:
        for app in apps:
            app.stop()
        redis.stop()
        pg.remove()


def _listen(bases: list[str], count: int, first: int, pipe: Connection) -> None:
    """A listener process: `count` asyncio Socket.IO clients; reports each number heard by
    all of them, then every arrival time when told to stop."""
    import asyncio
    from collections import defaultdict

    import socketio

    arrivals: dict[str, list[float]] = defaultdict(list)

    async def client(index: int) -> socketio.AsyncClient:
        sio = socketio.AsyncClient(reconnection=False)
        ready = asyncio.Event()

        async def snapshot(_: object) -> None:
            ready.set()

        async def called(data: dict) -> None:
            heard = time.perf_counter()  # first thing: the moment the event was delivered
            number = data["ticket"]["number"]
            arrivals[number].append(heard)
            if len(arrivals[number]) == count:
                pipe.send(("heard", number))

        sio.on("snapshot", snapshot)
        sio.on("ticket.called", called)
        await sio.connect(bases[index % len(bases)], auth={"facility": "pkm-demo"},
                          transports=["websocket"], wait_timeout=60)
        await asyncio.wait_for(ready.wait(), 120)
        return sio

    async def main() -> None:
        clients = []
        for start in range(first, first + count, 25):  # connect in small waves
            clients += await asyncio.gather(
                *(client(i) for i in range(start, min(start + 25, first + count))))
        pipe.send(("ready", count))
        await asyncio.get_running_loop().run_in_executor(None, pipe.recv)
        pipe.send(("arrivals", dict(arrivals)))
        await asyncio.gather(*(c.disconnect() for c in clients), return_exceptions=True)

    asyncio.run(main())


def run(bases: list[str], clients: int, calls: int, listeners: int) -> dict[str, float]:
    """Clients are spread over `bases` and over `listeners` processes; calls go through the
    first base, one at a time, each after every client heard the one before (or 15 s)."""
    import multiprocessing
    import multiprocessing.connection

    base = bases[0]
    kiosk = JsonClient(base, "demo-kiosk")
    for _ in range(calls):
        assert kiosk.post("/api/v1/kiosk/tickets", {"service": "pendaftaran"}).status == 201
    token = JsonClient(base).post("/api/v1/auth/login",
                                  {"username": "petugas", "password": "demo"}).body["token"]
    staff = JsonClient(base, token)

    ctx = multiprocessing.get_context("spawn")
    share = [clients // listeners + (1 if i < clients % listeners else 0)
             for i in range(listeners)]
    pipes, procs = [], []
    first = 0
    for count in share:
        mine, theirs = ctx.Pipe()
        proc = ctx.Process(target=_listen, args=(bases, count, first, theirs), daemon=True)
        proc.start()
        pipes.append(mine)
        procs.append(proc)
        first += count
    try:
        for pipe in pipes:
            if not pipe.poll(600):
                raise TimeoutError("listeners did not connect in 10 minutes")
            assert pipe.recv()[0] == "ready"
        sent: dict[str, float] = {}
        http: list[float] = []
        for _ in range(calls):
            began = time.perf_counter()
            reply = staff.post("/api/v1/counters/loket-1/call-next")
            http.append(time.perf_counter() - began)
            assert reply.status == 200, reply.body
            sent[reply.body["number"]] = began
            waiting = list(pipes)
            deadline = time.monotonic() + 15  # a client that has not heard by then missed it
            while waiting and time.monotonic() < deadline:
                for pipe in multiprocessing.connection.wait(waiting, 0.5):
                    if pipe.recv() == ("heard", reply.body["number"]):
                        waiting.remove(pipe)
        arrivals: dict[str, list[float]] = {}
        for pipe in pipes:
            pipe.send("stop")
            while True:
                kind, data = pipe.recv()
                if kind == "arrivals":
                    break
            for number, times in data.items():
                arrivals.setdefault(number, []).extend(times)
    finally:
        for proc in procs:
            proc.join(timeout=30)
            if proc.is_alive():
                proc.kill()
    ms = [(t - sent[n]) * 1000 for n, times in arrivals.items() if n in sent for t in times]
    missed = clients * calls - len(ms)
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
    parser.add_argument("--listeners", type=int, default=2,
                        help="processes the clients are spread over")
    args = parser.parse_args()
    for clients in args.clients:
        if args.processes == 2:
            with two_processes(clients) as bases:
                r = run(bases, clients, args.calls, args.listeners)
        else:
            with demo_server(args.url) as base:
                r = run([base], clients, args.calls, args.listeners)
        print(f"{args.processes} process(es), "
              f"{r['clients']:>5} clients × {r['calls']} calls: call→client p50 "
              f"{r['p50_ms']:.1f} ms, p99 {r['p99_ms']:.1f} ms, max {r['max_ms']:.1f} ms; "
              f"call-next HTTP p50 {r['http_p50_ms']:.1f} ms; "
              f"missed {r['missed']} of {r['clients'] * r['calls']}", flush=True)


if __name__ == "__main__":
    main()
