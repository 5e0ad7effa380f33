"""The booking rush: 10,000 bookings against quotas across 20 facilities at once.

    python bench/rush.py [--bookings 10000] [--clients 32] [--client wrk|python]

Starts PostgreSQL, Redis and two gunicorn server processes on loopback (as
`make prod`), loads 20 facilities whose one bookable service has a quota of 400 for
the day, and sends the bookings from keep-alive clients split across both processes:
by default two `wrk` processes (Debian's wrk, script `bench/wrk/bookings.lua`), or
Python threads (`--client python`, which also prints latencies but costs the machine
more CPU per request than the server's own share). Prints bookings per second and the
CPU each part used per request, and checks zero overbooking and zero 5xx.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import os
import resource
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import yaml
from common import ROOT, JsonClient, cpu_seconds, drive
from sqlalchemy import create_engine, text

from tests.support.app_process import AppProcess
from tests.support.servers import PgServer, RedisServer

HERE = Path(__file__).resolve().parent
FACILITIES = 20
QUOTA = 400


def config() -> dict:
    return {"facilities": [
        {"code": f"pkm-{i:02d}", "name": f"Puskesmas {i:02d}",
         "services": [{"code": "umum", "name": "Poli Umum", "prefix": "B",
                       "booking_quota": QUOTA}],
         "counters": [{"code": "poli-umum", "services": ["umum"]}]}
        for i in range(FACILITIES)]}


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def with_wrk(bases: list[str], bookings: int, connections: int,
             day: str) -> tuple[int, float, dict[int, int]]:
    """One wrk process per server, each sending half the bookings; every NIK differs."""
    share = bookings // len(bases)
    procs = [subprocess.Popen(
        ["wrk", "-t1", f"-c{connections}", "-d600s", "-s", str(HERE / "wrk" / "bookings.lua"),
         base],
        # Offsets far apart: a few requests are still in flight when a wrk process stops,
        # and their NIKs must not be the other process's.
        env={**os.environ, "RUSH_SHARE": str(share), "RUSH_OFFSET": str(i * 100_000),
             "RUSH_DAY": day, "RUSH_FACILITIES": str(FACILITIES)},
        stdout=subprocess.PIPE, text=True) for i, base in enumerate(bases)]
    results = []
    for proc in procs:
        out, _ = proc.communicate(timeout=660)
        line = next((x for x in out.splitlines() if x.startswith("RESULT ")), None)
        if line is None:
            raise RuntimeError(f"wrk printed no result:\n{out}")
        results.append(json.loads(line[len("RESULT "):]))
    for name, r in zip("AB", results, strict=True):
        print(f"rush via process {name}: {r['replies']} replies in {r['seconds']:.2f} s = "
              f"{r['replies'] / r['seconds']:,.0f}/s; statuses {r['statuses']}")
    statuses: dict[int, int] = {}
    for r in results:
        for code, n in r["statuses"].items():
            statuses[int(code)] = statuses.get(int(code), 0) + n
    return (sum(r["replies"] for r in results), max(r["seconds"] for r in results),
            statuses)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bookings", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--client", choices=("wrk", "python"), default="wrk")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="antrian-rush-"))
    pg, redis = PgServer().start(), RedisServer().start()
    apps: list[AppProcess] = []
    try:
        env = {**os.environ, "DATABASE_URL": pg.url, "SOCKETIO_MESSAGE_QUEUE": redis.url,
               "ANTRIAN_RATELIMIT_STORAGE_URI": redis.url, "SECRET_KEY": "rush",
               "ANTRIAN_BOOKING_LIMIT_PER_ADDRESS": "10000000 per minute"}
        (folder / "rush.yaml").write_text(yaml.safe_dump(config()))
        for cmd in (["upgrade"], ["load-config", str(folder / "rush.yaml")]):
            subprocess.run([sys.executable, "-m", "queue_server", *cmd], cwd=ROOT, env=env,
                           check=True, capture_output=True)
        apps = [AppProcess(env, folder / f"app-{i}.log").start() for i in range(2)]
        day = (dt.date.today() + dt.timedelta(days=1)).isoformat()
        numbers = itertools.count()
        per_client = args.bookings // args.clients

        def book(client: JsonClient, index: int, i: int) -> int:
            n = next(numbers)
            return client.post("/api/v1/bookings", {
                "facility": f"pkm-{n % FACILITIES:02d}", "service": "umum", "date": day,
                "patient": {"nik": f"357801010190{n % 10_000:04d}",
                            "name": "Rush Patient", "phone": "081234567890"}}).status

        parts = {"app processes": [a.proc.pid for a in apps if a.proc],
                 "PostgreSQL": [pg.proc.pid] if pg.proc else [],
                 "Redis": [redis.proc.pid] if redis.proc else []}
        before = {name: sum(cpu_seconds(p) for p in pids) for name, pids in parts.items()}
        before["clients"] = os.times().user + os.times().system  # this process alone
        before_children = children_cpu()  # and the wrk processes, once they have ended
        # Half the clients talk to each process, all at once.
        if args.client == "wrk":
            tries, seconds, statuses = with_wrk([a.url for a in apps], args.bookings,
                                                args.clients // 2, day)
        else:
            with ThreadPoolExecutor(2) as pool:
                result_a, result_b = pool.map(lambda base: drive(base, args.clients // 2,
                                                                 per_client, book),
                                              [a.url for a in apps])
            print(result_a.line("rush via process A"))
            print(result_b.line("rush via process B"))
            seconds = max(result_a.seconds, result_b.seconds)
            tries = result_a.requests + result_b.requests
            statuses = {}
            for r in (result_a, result_b):
                for code, n in r.statuses.items():
                    statuses[code] = statuses.get(code, 0) + n
        used = {name: sum(cpu_seconds(p) for p in pids) - before[name]
                for name, pids in parts.items()}
        used["clients"] = (os.times().user + os.times().system - before["clients"]
                           + children_cpu() - before_children)
        print(f"rush: {tries} booking requests in {seconds:.1f} s = {tries / seconds:,.0f}/s "
              "through two processes")
        print("CPU per request: " + ", ".join(f"{name} {1000 * s / tries:.2f} ms"
                                               for name, s in used.items()))
        engine = create_engine(pg.url)
        with engine.connect() as conn:
            booked = conn.execute(text(
                "SELECT f.code, count(*) FROM tickets t JOIN facilities f ON f.id = t.facility_id "
                "WHERE t.source = 'booking' GROUP BY f.code")).all()
        engine.dispose()
        worst = max(n for _, n in booked)
        errors = sum(n for code, n in statuses.items() if code >= 500)
        total = sum(n for _, n in booked)
        print(f"replies by status: {dict(sorted(statuses.items()))}")
        print(f"booked {total} (answers counted: {tries}; wrk stops with a few more in "
              f"flight) across {len(booked)} "
              f"facilities; most in one facility {worst} (quota {QUOTA}); 5xx: {errors}")
        assert worst <= QUOTA and errors == 0
    finally:
        for app in apps:
            app.stop()
        redis.stop()
        pg.remove()


if __name__ == "__main__":
    main()
