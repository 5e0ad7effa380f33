"""The booking rush: 10,000 bookings against quotas across 20 facilities at once.

    python bench/rush.py [--bookings 10000] [--clients 32] [--healthz-seconds 5] [--today]

Starts PostgreSQL, Redis and two gunicorn server processes on loopback (as
`make prod`), loads 20 facilities whose one bookable service has a quota of 400 for
the day, and sends the bookings from keep-alive clients split across both processes:
two `wrk` processes (Debian's wrk, script `bench/wrk/bookings.lua`). In the same run,
before and after the rush, `wrk` asks `/healthz` (one database round trip) through the
same two processes with the same connections: the reference the rush is held to.

Prints bookings per second, the `/healthz` rate, their ratio, the CPU each part used per
booking, and verdicts against issue 20's floors: at least 1,000 bookings/s and at least
half the `/healthz` rate; zero overbooking and zero 5xx.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml
from common import ROOT, booking_day, cpu_seconds
from sqlalchemy import create_engine, text

from tests.support.app_process import AppProcess
from tests.support.servers import PgServer, RedisServer

HERE = Path(__file__).resolve().parent
FACILITIES = 20
QUOTA = 400
FLOOR_RATE = 1000.0  # bookings per second
FLOOR_RATIO = 0.5  # of the /healthz rate


def config() -> dict:
    """The rush's facilities: one bookable service each, QUOTA places a day."""
    return {"facilities": [
        {"code": f"pkm-{i:02d}", "name": f"Puskesmas {i:02d}",
         "services": [{"code": "umum", "name": "Poli Umum", "prefix": "B",
                       "booking_quota": QUOTA}],
         "counters": [{"code": "poli-umum", "services": ["umum"]}]}
        for i in range(FACILITIES)]}


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _result(proc: subprocess.Popen) -> dict:
    out, _ = proc.communicate(timeout=660)
    line = next((x for x in out.splitlines() if x.startswith("RESULT ")), None)
    if line is None:
        raise RuntimeError(f"wrk printed no result:\n{out}")
    return json.loads(line[len("RESULT "):])


def rush(bases: list[str], bookings: int, connections: int,
         day: str) -> tuple[int, float, dict[int, int]]:
    """One wrk process per server, each sending half the bookings; every NIK differs.
    Returns (replies, seconds of the slower process, replies by status)."""
    share = bookings // len(bases)
    procs = [subprocess.Popen(
        ["wrk", "-t1", f"-c{connections}", "-d600s", "-s", str(HERE / "wrk" / "bookings.lua"),
         base],
        # Offsets far apart: a few requests are still in flight when a wrk process stops,
        # and their NIKs must not be the other process's.
        env={**os.environ, "RUSH_SHARE": str(share), "RUSH_OFFSET": str(i * 100_000),
             "RUSH_DAY": day, "RUSH_FACILITIES": str(FACILITIES)},
        stdout=subprocess.PIPE, text=True) for i, base in enumerate(bases)]
    results = [_result(proc) for proc in procs]
    for name, r in zip("AB", results, strict=True):
        print(f"rush via process {name}: {r['replies']} replies in {r['seconds']:.2f} s = "
              f"{r['replies'] / r['seconds']:,.0f}/s; statuses {r['statuses']}")
    statuses: dict[int, int] = {}
    for r in results:
        for code, n in r["statuses"].items():
            statuses[int(code)] = statuses.get(int(code), 0) + n
    return (sum(r["replies"] for r in results), max(r["seconds"] for r in results),
            statuses)


def healthz(bases: list[str], connections: int, seconds: int) -> float:
    """`/healthz` per second through all `bases` at once, as many as they answer."""
    procs = [subprocess.Popen(["wrk", "-t1", f"-c{connections}", f"-d{seconds}s",
                               f"{base}/healthz"], stdout=subprocess.PIPE, text=True)
             for base in bases]
    rate = 0.0
    for proc in procs:
        out, _ = proc.communicate(timeout=seconds + 60)
        if "Non-2xx" in out:
            raise RuntimeError(f"/healthz failed:\n{out}")
        rate += float(next(x for x in out.splitlines()
                           if x.startswith("Requests/sec")).split()[1])
    return rate


def start(folder: Path, pg: PgServer, redis: RedisServer) -> list[AppProcess]:
    """The schema, the rush's configuration, and two server processes."""
    # PostgreSQL and Redis through their Unix-domain sockets, as `make prod` on one host.
    env = {**os.environ, "DATABASE_URL": pg.socket_url,
           "SOCKETIO_MESSAGE_QUEUE": redis.socket_url,
           "ANTRIAN_RATELIMIT_STORAGE_URI": redis.socket_url, "SECRET_KEY": "rush",
           "ANTRIAN_BOOKING_LIMIT_PER_ADDRESS": "10000000 per minute"}
    (folder / "rush.yaml").write_text(yaml.safe_dump(config()))
    for cmd in (["upgrade"], ["load-config", str(folder / "rush.yaml")]):
        subprocess.run([sys.executable, "-m", "queue_server", *cmd], cwd=ROOT, env=env,
                       check=True, capture_output=True)
    return [AppProcess(env, folder / f"app-{i}.log").start() for i in range(2)]


def booked_per_facility(url: str) -> list[int]:
    """Bookings stored per facility, counted in the database."""
    engine = create_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(text(
            "SELECT f.code, count(*) FROM tickets t JOIN facilities f ON f.id = t.facility_id "
            "WHERE t.source = 'booking' GROUP BY f.code")).all()
    engine.dispose()
    return [int(n) for _, n in rows]


def verdicts(rate: float, reference: float, booked: list[int],
             statuses: dict[int, int]) -> bool:
    """Print the floors' verdicts; True when every one holds."""
    errors = sum(n for code, n in statuses.items() if code >= 500)
    checks = [
        (f"bookings/s {rate:,.0f} ≥ {FLOOR_RATE:,.0f}", rate >= FLOOR_RATE),
        (f"ratio to /healthz {rate / reference:.2f} ≥ {FLOOR_RATIO}",
         rate / reference >= FLOOR_RATIO),
        (f"most booked in one facility {max(booked)} ≤ quota {QUOTA}", max(booked) <= QUOTA),
        (f"5xx replies {errors} = 0", errors == 0),
    ]
    for what, ok in checks:
        print(f"{'PASS' if ok else 'FAIL'}: {what}")
    return all(ok for _, ok in checks)


def cpu_of(parts: dict[str, list[int]]) -> dict[str, float]:
    """CPU seconds so far of each part (its processes and their children), and wrk's."""
    return {**{name: sum(cpu_seconds(p) for p in pids) for name, pids in parts.items()},
            "wrk": children_cpu()}


def spent(parts: dict[str, list[int]], before: dict[str, float]) -> dict[str, float]:
    """CPU seconds each part used since `before` (`cpu_of`)."""
    return {name: now - before[name] for name, now in cpu_of(parts).items()}


def measure(apps: list[AppProcess], pg: PgServer, redis: RedisServer,
            args: argparse.Namespace) -> bool:
    """/healthz, the rush, /healthz again; the figures and verdicts printed."""
    bases, connections = [a.url for a in apps], args.clients // 2
    healthz(bases, connections, 2)  # warm up every connection of both processes
    before_ref = healthz(bases, connections, args.healthz_seconds)
    parts = {"app processes": [a.proc.pid for a in apps if a.proc],
             "PostgreSQL": [pg.proc.pid] if pg.proc else [],
             "Redis": [redis.proc.pid] if redis.proc else []}
    before = cpu_of(parts)
    tries, seconds, statuses = rush(bases, args.bookings, connections,
                                    booking_day(args.today).isoformat())
    used = spent(parts, before)
    before = cpu_of(parts)
    after_ref = healthz(bases, connections, args.healthz_seconds)
    health_used = spent(parts, before)
    reference = (before_ref + after_ref) / 2
    rate = tries / seconds
    print(f"rush: {tries} booking requests in {seconds:.1f} s = {rate:,.0f}/s "
          "through two processes")
    print(f"/healthz through the same two processes: {before_ref:,.0f}/s before, "
          f"{after_ref:,.0f}/s after; ratio rush / healthz {rate / reference:.2f}")
    print("CPU per booking: " + ", ".join(f"{name} {1000 * s / tries:.2f} ms"
                                          for name, s in used.items()))
    asked = after_ref * args.healthz_seconds
    print("CPU per /healthz (the run after): " + ", ".join(
        f"{name} {1000 * s / asked:.2f} ms" for name, s in health_used.items()))
    booked = booked_per_facility(pg.url)
    print(f"replies by status: {dict(sorted(statuses.items()))}; booked {sum(booked)} "
          f"across {len(booked)} facilities (wrk stops with a few more in flight)")
    return verdicts(rate, reference, booked, statuses)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bookings", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--healthz-seconds", type=int, default=5)
    parser.add_argument("--today", action="store_true",
                        help="book the facilities' today (same-day bookings, which also "
                             "check the service's current wait) instead of tomorrow")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="antrian-rush-"))
    pg, redis = PgServer().start(), RedisServer().start()
    apps: list[AppProcess] = []
    try:
        apps = start(folder, pg, redis)
        ok = measure(apps, pg, redis, args)
    finally:
        for app in apps:
            app.stop()
        redis.stop()
        pg.remove()
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
