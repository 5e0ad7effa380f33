"""A call to every board: antrian against a bare Flask-SocketIO app, in the same run.

    python bench/fanout.py --clients 1000 --calls 20 --rounds 3          # floor: ratio ≤ 1.2
    python bench/fanout.py --clients 1000 --second-event                 # + bare, 2 events
    python bench/fanout.py --processes 2 --clients 5000 --calls 10 --listeners 5 --no-bare

antrian: time from sending call-next to each board's receipt of `ticket.called`; boards
connect as board.js does, with `combine` (a call-next comes as one event; `--classic`:
without, the finished patient's `ticket.updated`, the call and `queue.changed`).
bare (bench/bare_socketio.py, same async mode and server runner): time from sending
`POST /emit` to each client's receipt of an event of the same size (antrian's own
`ticket.called` of the run, another number of the same length). `--second-event`: a
second bare room also gets a `queue.changed` of antrian's size after it, as antrian
sends. Calls alternate between the apps, one at a time, each after every client heard
the one before (or `--wait` s). Clients: python-socketio's asyncio client over
websocket, spread over `--listeners` processes on this machine and over the server
processes. Prints p50/p99/max per app and round, the ratio p99(antrian)/p99(bare) with
PASS when ≤ 1.2 per round and for the median of the rounds (the verdict: this VM's
stalls hit either app's round at random), and per app the (client, call) pairs that
never arrived (lost = 0).
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from common import ROOT, JsonClient, demo_server, percentile
from fanout_clients import Listeners, Target, raise_file_limit

FLOOR = 1.2


@contextlib.contextmanager
def two_processes(clients: int = 0) -> Iterator[tuple[list[str], str]]:
    """PostgreSQL, Redis and two gunicorn processes sharing events (production's shape);
    yields their base URLs and the Redis URL (`clients`: unused)."""
    import subprocess

    from tests.support.app_process import AppProcess
    from tests.support.servers import PgServer, RedisServer

    pg, redis = PgServer().start(), RedisServer().start()
    apps: list[AppProcess] = []
    folder = Path(tempfile.mkdtemp(prefix="antrian-fanout-"))
    try:
        env = {**os.environ, "DATABASE_URL": pg.url, "SOCKETIO_MESSAGE_QUEUE": redis.url,
               "SECRET_KEY": "fanout", "ANTRIAN_DEMO": "1"}  # the demo's secrets on purpose
        for cmd in (["upgrade"], ["load-config", "config/demo.yaml"]):
            subprocess.run([sys.executable, "-m", "queue_server", *cmd], cwd=ROOT, env=env,
                           check=True, capture_output=True)
        apps = [AppProcess(env, folder / f"app-{i}.log") for i in range(2)]
        AppProcess.start_all(apps)
        yield [a.url for a in apps], redis.url
    finally:
        for app in apps:
            app.stop()
        redis.stop()
        pg.remove()
        shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def stack(processes: int, bare: bool) -> Iterator[dict[str, list[str]]]:
    """antrian (embedded on SQLite, or two processes behind Redis) and, if `bare`, the
    bare app on the same shape; yields base URLs per app."""
    from bare_socketio import bare_servers

    with contextlib.ExitStack() as stack_:
        folder = Path(stack_.enter_context(tempfile.TemporaryDirectory()))
        if processes == 2:
            bases, redis_url = stack_.enter_context(two_processes())
        else:
            bases, redis_url = [stack_.enter_context(demo_server())], None
        urls = {"antrian": bases}
        if bare:
            urls["bare"] = stack_.enter_context(bare_servers(processes, redis_url, folder))
        yield urls


class Caller:
    """Sends one call: call-next on antrian, `POST /emit` on a bare room."""

    def __init__(self, urls: dict[str, list[str]], tickets: int):
        base = urls["antrian"][0]
        kiosk = JsonClient(base, "demo-kiosk")
        for _ in range(tickets):
            reply = kiosk.post("/api/v1/kiosk/tickets", {"service": "pendaftaran"})
            assert reply.status == 201, reply.body
        token = JsonClient(base).post("/api/v1/auth/login",
                                      {"username": "petugas", "password": "demo"}).body["token"]
        self.staff = JsonClient(base, token)
        self.bare = JsonClient(urls["bare"][0]) if "bare" in urls else None
        self.urls, self.token = urls, token
        self.made = 0
        self.samples: dict[str, dict[str, Any]] = {}

    def call(self, target: str) -> tuple[str, float]:
        """One call on `target` ("antrian", "bare", "bare2"): its number, when it was sent."""
        if target == "antrian":
            began = time.perf_counter()
            try:
                reply = self.staff.post("/api/v1/counters/loket-1/call-next")
            except ConnectionError:  # gunicorn ends a keep-alive idle 2 s: a new one
                self.staff = JsonClient(self.urls["antrian"][0], self.token)
                began = time.perf_counter()
                reply = self.staff.post("/api/v1/counters/loket-1/call-next")
            assert reply.status == 200, reply.body
            return reply.body["number"], began
        assert self.bare is not None
        events, number = self.bare_events(target == "bare2")
        began = time.perf_counter()
        try:
            reply = self.bare.post("/emit", {"room": target, "events": events})
        except ConnectionError:  # as above
            self.bare = JsonClient(self.urls["bare"][0])
            began = time.perf_counter()
            reply = self.bare.post("/emit", {"room": target, "events": events})
        assert reply.status == 204, reply.body
        return number, began

    def bare_events(self, second: bool) -> tuple[list[list[Any]], str]:
        """antrian's sampled `ticket.called` with a new number of the same length; when
        `second`, the classic pair instead: that call without `services`, then the
        `queue.changed` (sampled, or made from the combined call's fields)."""
        called = copy.deepcopy(self.samples["ticket.called"])
        width = len(called["ticket"]["number"])
        self.made += 1
        number = f"B{self.made:0{max(width - 1, 1)}d}"
        called["ticket"]["number"] = number
        if not second:
            return [["ticket.called", called]], number
        changed = self.samples.get("queue.changed") or {  # a combined call carries one
            k: called[k] for k in ("facility", "at", "services", "seq", "epoch") if k in called}
        called.pop("services", None)
        called.pop("seq_through", None)
        return [["ticket.called", called], ["queue.changed", changed]], number


def warm_up(caller: Caller, pool: Listeners, targets: list[str], wait: float,
            samples: int) -> None:
    """Unmeasured calls; antrian's second (finishing the first, as measured calls do)
    gives the sampled events for the bare app."""
    for _ in range(2):
        number, _ = caller.call("antrian")
        pool.wait("antrian", number, wait)
    for _ in range(30):  # the samples may come after the call was heard
        if len(pool.samples) < samples:
            pool.wait("antrian", "-", 0.3)  # reads the pipes meanwhile
    caller.samples = pool.samples
    for target in targets[1:]:
        number, _ = caller.call(target)
        pool.wait(target, number, wait)


def run(urls: dict[str, list[str]], args: argparse.Namespace,
        clients: int) -> tuple[list[dict[str, list[float]]], dict[str, int], int]:
    """Every round's receipt delays (ms) per app, lost pairs per app, and the size in
    bytes of antrian's `ticket.called` (JSON)."""
    import json

    names = ["antrian"] + (["bare"] if "bare" in urls else [])
    names += ["bare2"] if args.second_event and "bare" in urls else []
    board = {"facility": "pkm-demo", "combine": not args.classic}  # as board.js connects
    targets = [Target("antrian", urls["antrian"], board)]
    targets += [Target(n, urls["bare"], {"room": n}) for n in names[1:]]
    caller = Caller(urls, args.calls * args.rounds + 2)
    pool = Listeners(targets, clients, args.listeners)
    sent: dict[str, list[tuple[int, str, float]]] = {n: [] for n in names}
    try:
        warm_up(caller, pool, names, args.wait, 2 if args.classic else 1)
        for round_ in range(args.rounds):
            for _ in range(args.calls):
                for name in names:
                    number, began = caller.call(name)
                    sent[name].append((round_, number, began))
                    pool.wait(name, number, args.wait)
                    time.sleep(args.gap)
    finally:
        times, lost = pool.stop({n: [s[1] for s in sent[n]] for n in names})
    rounds: list[dict[str, list[float]]] = [{n: [] for n in names} for _ in range(args.rounds)]
    for name, items in sent.items():
        for round_, number, began in items:
            rounds[round_][name] += [(t - began) * 1000 for t in times.get((name, number), [])]
    size = len(json.dumps(caller.samples.get("ticket.called", {}), ensure_ascii=False))
    return rounds, lost, size


def report(rounds: list[dict[str, list[float]]], lost: dict[str, int], clients: int,
           args: argparse.Namespace, size: int) -> bool:
    """Print each round's figures and the verdicts; True when every verdict passes."""
    ok, ratios, p50s = True, [], []
    print(f"{args.processes} process(es), {clients} clients, {args.calls} calls a round, "
          f"boards {'classic (3 events a call)' if args.classic else 'combining (1)'}, "
          f"ticket.called {size} bytes of JSON", flush=True)
    for i, apps in enumerate(rounds, 1):
        parts = [f"{name} p50 {percentile(ms, 0.5):.1f} / p99 {percentile(ms, 0.99):.1f} / "
                 f"max {max(ms):.1f} ms" for name, ms in apps.items() if ms]
        line = f"  round {i}: " + "; ".join(parts)
        if apps.get("bare") and apps["antrian"]:
            ratio = percentile(apps["antrian"], 0.99) / percentile(apps["bare"], 0.99)
            line += f"; ratio p99 {ratio:.2f} {'PASS' if ratio <= FLOOR else 'FAIL'}"
            ratios.append(ratio)
            p50s.append(percentile(apps["antrian"], 0.5) / percentile(apps["bare"], 0.5))
        print(line, flush=True)
    if ratios:  # a stall of this VM hits one app's round at random: the median verdict
        ratio = statistics.median(ratios)
        print(f"  median of {len(ratios)} round(s): ratio p99 {ratio:.2f} "
              f"{'PASS' if ratio <= FLOOR else 'FAIL'} (ratio p50 "
              f"{statistics.median(p50s):.2f})", flush=True)
        ok = ratio <= FLOOR
    total = clients * args.calls * args.rounds
    for name, n in lost.items():
        print(f"  {name}: deliveries expected {total}, received {total - n}, lost {n} "
              f"{'PASS' if n == 0 else 'FAIL'}", flush=True)
        ok = ok and n == 0
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, nargs="+", default=[1000])
    parser.add_argument("--calls", type=int, default=20, help="calls per app and round")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--processes", type=int, choices=(1, 2), default=1,
                        help="2: PostgreSQL + Redis + two gunicorn processes (each app)")
    parser.add_argument("--listeners", type=int, default=2,
                        help="client processes (about 1,000 clients each at most)")
    parser.add_argument("--no-bare", dest="bare", action="store_false",
                        help="antrian only (no ratio; the lost count still)")
    parser.add_argument("--second-event", action="store_true",
                        help="also a bare room sent ticket.called + queue.changed")
    parser.add_argument("--classic", action="store_true",
                        help="boards without `combine`: a call-next's 3 events, not 1")
    parser.add_argument("--wait", type=float, default=20.0,
                        help="seconds a call waits for every client")
    parser.add_argument("--gap", type=float, default=0.2, help="seconds between calls")
    args = parser.parse_args()
    print(f"open files: {raise_file_limit()}; {time.strftime('%H:%M:%S', time.gmtime())} UTC",
          flush=True)
    ok = True
    for clients in args.clients:
        with stack(args.processes, args.bare) as urls:
            rounds, lost, size = run(urls, args, clients)
        ok = report(rounds, lost, clients, args, size) and ok
    print("PASS" if ok else "FAIL", flush=True)


if __name__ == "__main__":
    main()
