"""A city day without a leak: a compressed day on the production shape.

    python bench/soak.py [--minutes 30] [--visits 20000] [--facilities 63] [--boards 300]
                         [--pages 500] [--tracemalloc]

PostgreSQL, Redis and two gunicorn processes on loopback; a generated configuration of
`--facilities` puskesmas (bench/soak_city.py); `--visits` visits paced over the first
85 % of the day, 60 % kiosk walk-ins (registration, then a poli, 40 % on to the pharmacy)
and 40 % bookings for a poli (check-in at the kiosk; 2 % cancelled, 3 % never come);
counters call, recall (10 %), mark no-shows (4 %), start, transfer and finish
(bench/soak_drive.py); `--boards` boards and `--pages` patient pages connected all day
from processes of their own (bench/soak_clients.py); the services' day ends right after
and `close-day` closes it. Verdicts: no error and no 5xx, every board equal to the
server's, each server process's RSS (sampled every 5 s) growing < 10 % over the last two
thirds of the day. `--tracemalloc`: the workers trace allocations and the growth between
1/3 and the end is printed by traceback (bench/soak_trace/hooks.py).
"""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml
from common import ROOT
from soak_city import City, config, make_city
from soak_clients import run_boards, run_pages
from soak_drive import Driver, Http
from soak_logs import deadlocks, error_lines, redis_counts
from soak_memory import RssSampler, children, growth_report, snapshot

from tests.support.app_process import AppProcess
from tests.support.servers import PgServer, RedisServer

ZONE = ZoneInfo("Asia/Jakarta")
EXPECTED_4XX: set[tuple[str, int]] = set()  # none: every request the day makes is valid


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=30)
    parser.add_argument("--visits", type=int, default=20_000)
    parser.add_argument("--facilities", type=int, default=63)
    parser.add_argument("--boards", type=int, default=300)
    parser.add_argument("--pages", type=int, default=500)
    parser.add_argument("--workers", type=int, default=12, help="driver threads")
    parser.add_argument("--setup-minutes", type=float, default=3,
                        help="time allowed to start everything before the day begins")
    parser.add_argument("--tracemalloc", action="store_true")
    return parser.parse_args()


def closing_time(args: argparse.Namespace) -> dt.datetime:
    """When the services' day ends: after setup and the day, on a whole minute."""
    now = dt.datetime.now(ZONE)
    end = now + dt.timedelta(minutes=args.setup_minutes + args.minutes + 1)
    end = end.replace(second=0, microsecond=0) + dt.timedelta(minutes=1)
    if end.date() != now.date():
        raise SystemExit("the soak's day would cross midnight in Asia/Jakarta: run later")
    return end


def prepare(folder: Path, env: dict[str, str], city: City, closes: dt.datetime,
            visits: int) -> None:
    doc = config(city, closes.date().isoformat(), f"{closes:%H:%M}", visits)
    (folder / "city.yaml").write_text(yaml.safe_dump(doc))
    for cmd in (["upgrade"], ["load-config", str(folder / "city.yaml")]):
        subprocess.run([sys.executable, "-m", "queue_server", *cmd], cwd=ROOT, env=env,
                       check=True, capture_output=True)


def server_env(pg: PgServer, redis: RedisServer, trace: Path | None) -> dict[str, str]:
    env = {**os.environ, "DATABASE_URL": pg.url, "SOCKETIO_MESSAGE_QUEUE": redis.url,
           "ANTRIAN_RATELIMIT_STORAGE_URI": redis.url, "SECRET_KEY": "soak-" + "x" * 40,
           "ANTRIAN_BOOKING_LIMIT_PER_ADDRESS": "10000000 per minute",
           "ANTRIAN_BOOKING_LIMIT_PER_PHONE": "10000000 per minute",
           "ANTRIAN_DAY_CLOSE_GRACE_MINUTES": "0"}
    if trace is not None:
        env["GUNICORN_CMD_ARGS"] = f"-c {ROOT / 'bench' / 'soak_trace' / 'hooks.py'}"
        env["SOAK_TRACE_DIR"] = str(trace)
    return env


def login(bases: list[str], city: City) -> dict[str, str]:
    http, tokens = Http(bases[0]), {}
    for facility in city.facilities:
        status, body = http.send("POST", "/api/v1/auth/login", body={
            "username": city.operator(facility), "password": city.passwords[facility]})
        if status != 200:
            raise SystemExit(f"login {facility}: {status} {body}")
        tokens[facility] = body["token"]
    return tokens


def spread(total: int, parts: int) -> list[tuple[int, int]]:
    """(first, count) of `parts` nearly equal shares of `total`."""
    sizes = [total // parts + (1 if i < total % parts else 0) for i in range(parts)]
    return [(sum(sizes[:i]), n) for i, n in enumerate(sizes) if n]


def start_clients(args: argparse.Namespace, bases: list[str], city: City,
                  lifetime: float) -> tuple[list[Any], list[Any], Any]:
    """Board and page processes (two of each), connected; returns their pipes."""
    ctx = multiprocessing.get_context("spawn")
    codes = ctx.Queue()
    boards, pages = [], []
    for first, count in spread(args.boards, 2):
        mine, theirs = ctx.Pipe()
        ctx.Process(target=run_boards, daemon=True,
                    args=(bases, city.facilities, first, count, theirs)).start()
        boards.append(mine)
    for _, count in spread(args.pages, 2):
        mine, theirs = ctx.Pipe()
        ctx.Process(target=run_pages, daemon=True,
                    args=(bases, count, codes, lifetime, theirs)).start()
        pages.append(mine)
    for pipe in boards + pages:
        if not pipe.poll(600):
            raise SystemExit("a client process did not get ready")
        pipe.recv()
    return boards, pages, codes


def drive(args: argparse.Namespace, driver: Driver, sampler: RssSampler,
          trace: Path | None, pids: list[int]) -> list[list[Path]]:
    """The day: arrivals over 85 % of it; tracemalloc snapshots at 1/3 and the end."""
    seconds = args.minutes * 60
    began = time.monotonic()
    driver.start(args.visits, 0.85 * seconds)
    snaps = []
    if trace is not None:
        time.sleep(max(0.0, began + seconds / 3 - time.monotonic()))
        snaps.append(snapshot(pids, trace))
    left = began + seconds - time.monotonic()
    if not driver.wait_idle(max(1.0, left)):
        print(f"the day ran over: {driver.pending} jobs left at its end", flush=True)
        driver.wait_idle(600)
    time.sleep(max(0.0, began + seconds - time.monotonic()))
    print(f"day over after {time.monotonic() - began:.0f} s", flush=True)
    if trace is not None:
        snaps.append(snapshot(pids, trace))
    return snaps


def close_day(env: dict[str, str], closes: dt.datetime, pg: PgServer) -> str:
    """Once the services' day has ended: the servers' own closer (every 60 s) closes it
    and its events reach the boards; `close-day` only for what is left after 150 s (the
    command publishes no events: boards would keep the closed numbers)."""
    from sqlalchemy import create_engine, text

    wait = (closes - dt.datetime.now(ZONE)).total_seconds() + 2
    print(f"waiting {max(0, wait):.0f} s for the day to end at {closes:%H:%M} WIB", flush=True)
    time.sleep(max(0.0, wait))
    engine = create_engine(pg.url)

    def count(sql: str) -> int:
        with engine.connect() as conn:
            return int(conn.execute(text(sql)).scalar() or 0)

    services = count("SELECT count(DISTINCT service_id) FROM tickets")  # days to close
    deadline, by_cli = time.monotonic() + 150, ""
    while count("SELECT count(*) FROM day_closes") < services:
        if time.monotonic() > deadline:
            out = subprocess.run([sys.executable, "-m", "queue_server", "close-day"],
                                 cwd=ROOT, env=env, capture_output=True, text=True,
                                 check=True).stdout
            by_cli = f"; close-day command closed the rest: {out.count('closed ')} lines"
            break
        time.sleep(2)
    closed = count("SELECT count(*) FROM day_closes")
    left = count("SELECT count(*) FROM tickets WHERE status IN "
                 "('booked', 'waiting', 'called', 'serving')")
    engine.dispose()
    return f"service days closed: {closed} of {services}; open tickets left: {left}{by_cli}"


def finish_clients(boards: list[Any], pages: list[Any]) -> tuple[list[str], Counter[str]]:
    """Boards compare with the server, then every client stops and reports its counts."""
    wrong: list[str] = []
    for pipe in boards:
        pipe.send("compare")
    for pipe in boards:
        wrong += pipe.recv()[1]
    counts: Counter[str] = Counter()
    for pipe in boards + pages:
        pipe.send("stop")
    for pipe in boards + pages:
        if pipe.poll(120):
            counts.update(pipe.recv()[1])
    return wrong, counts


def report(args: argparse.Namespace, driver: Driver, sampler: RssSampler,
           wrong: list[str], counts: Counter[str], closed: str) -> bool:
    """Print the figures and verdicts; True when all pass."""
    print(f"steps: {dict(sorted(driver.steps.items()))}")
    late = sorted(driver.lateness) or [0.0]
    print(f"driver: {len(driver.lateness)} jobs run, late by p50 {late[len(late) // 2]:.1f} s, "
          f"p99 {late[int(len(late) * 0.99)]:.1f} s, max {late[-1]:.0f} s; "
          f"{driver.dropped} not sent (due after the services closed: the driver could not "
          f"keep the day's pace)")
    print(f"client events: {dict(sorted(counts.items()))}")
    print(f"statuses: {dict(sorted((f'{r} {s}', n) for (r, s), n in driver.statuses.items()))}")
    odd = {k: n for k, n in driver.odd.items() if (k[0], k[1]) not in EXPECTED_4XX}
    print(f"unexpected statuses (route, status, error code): {odd}")
    print(closed)
    bad = sum(n for (_, s), n in driver.statuses.items() if s >= 500 or s == 0)
    ok_http = bad == 0 and not odd
    print(f"VERDICT errors: {'PASS' if ok_http else 'FAIL'} ({bad} 5xx/exceptions, "
          f"{sum(odd.values())} unexpected)")
    print(f"VERDICT boards: {'PASS' if not wrong else 'FAIL'} "
          f"({len(wrong)} of {args.boards} differ from the server: {sorted(set(wrong))[:10]})")
    seconds, ok_mem = args.minutes * 60, True
    for name in sampler.series:
        line, growth = sampler.summary(name, seconds / 3, seconds)
        worker = "worker" in name
        ok_mem &= growth < 10 or not worker
        print(f"RSS {line}" + (f" -> {'PASS' if growth < 10 else 'FAIL'}" if worker else ""))
    print(f"VERDICT memory: {'PASS' if ok_mem else 'FAIL'}")
    return ok_http and not wrong and ok_mem


def run(args: argparse.Namespace, folder: Path, pg: PgServer, redis: RedisServer,
        apps: list[AppProcess]) -> bool:
    trace = folder / "trace" if args.tracemalloc else None
    if trace is not None:
        trace.mkdir()
    env = server_env(pg, redis, trace)
    city, closes = make_city(args.facilities), closing_time(args)
    prepare(folder, env, city, closes, args.visits)
    apps += AppProcess.start_all([AppProcess(env, folder / f"app-{i}.log") for i in range(2)])
    bases = [a.url for a in apps]
    workers = {f"worker {'AB'[i]}": children(a.proc.pid)[0] for i, a in enumerate(apps)
               if a.proc}
    masters = {f"master {'AB'[i]}": a.proc.pid for i, a in enumerate(apps) if a.proc}
    lifetime = min(180.0, args.minutes * 60 / 8)
    boards, pages, codes = start_clients(args, bases, city, lifetime)
    driver = Driver(city, bases, login(bases, city), args.workers, codes)
    driver.day = closes.date().isoformat()
    # A late driver stops 10 s before the services close: what it would send after, the
    # closed day refuses (404 queue_empty, 409 stale_view), and a close racing its
    # counter actions is the servers' to get right, not the day's figures.
    driver.until = time.monotonic() + (closes - dt.datetime.now(ZONE)).total_seconds() - 10
    sampler = RssSampler({**workers, **masters})
    sampler.start()
    start = dt.datetime.now(dt.UTC)
    print(f"day starts {start:%H:%M:%S} UTC; services close {closes:%H:%M} WIB", flush=True)
    snaps = drive(args, driver, sampler, trace, list(workers.values()))
    sampler.halt.set()
    closed = close_day(env, closes, pg)
    time.sleep(5)  # the close's events reach the boards
    wrong, counts = finish_clients(boards, pages)
    print(f"UTC {start:%H:%M:%S} to {dt.datetime.now(dt.UTC):%H:%M:%S}")
    passed = report(args, driver, sampler, wrong, counts, closed)
    print(f"Redis: {redis_counts(redis.port)}")
    logs = [a.log_path for a in apps] + [redis.log_path]
    print("servers' error lines:", *error_lines(logs) or ["none"], sep="\n  ")
    print("PostgreSQL's deadlocks:", *deadlocks(pg.folder / "log.txt") or ["none"], sep="\n  ")
    for first, last in zip(*snaps, strict=False) if len(snaps) == 2 else []:
        print(f"tracemalloc growth, {first.name} -> {last.name}:\n{growth_report(first, last)}")
    return passed


def main() -> None:
    args = arguments()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    folder = Path(tempfile.mkdtemp(prefix="antrian-soak-"))
    pg, redis = PgServer().start(), RedisServer().start()
    apps: list[AppProcess] = []
    try:
        passed = run(args, folder, pg, redis, apps)
    finally:
        for child in multiprocessing.active_children():
            child.terminate()
        for app in apps:
            app.stop()
        redis.stop()
        pg.remove()
        shutil.rmtree(folder, ignore_errors=True)
    print(f"VERDICT soak: {'PASS' if passed else 'FAIL'}")
    sys.exit(0 if passed else 1)


if __name__ == "__main__":
    main()
