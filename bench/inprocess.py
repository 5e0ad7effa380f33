"""Server CPU per request in process (Flask's test client): a kiosk walk-in on SQLite
(the demo configuration), a booking on PostgreSQL with Redis limits, and `/healthz` on
each, as process CPU time per request (minimum and median of five rounds of 200).

    python bench/inprocess.py [--walk-ins] [--bookings] [--gevent] [--sockets]

No HTTP server and no load generator: the figures move less with this machine's
neighbours than served rates do, so they compare two trees in the same minutes (run the
script from each tree's checkout). PostgreSQL and Redis are started on loopback;
`--sockets` reaches them through their Unix-domain sockets (as `make prod`), `--gevent`
monkey-patches the process first, as a gunicorn gevent worker is (psycopg then waits on
gevent's hub: queue_server/persistence/hub_wait.py; `PSYCOPG_WAIT_FUNC=wait_poll` keeps
psycopg's own wait, for comparison).
"""

from __future__ import annotations

import sys

if "--gevent" in sys.argv:  # before anything imports socket or select
    from gevent import monkey

    monkey.patch_all()

import argparse
import gc
import os
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from common import ROOT, booking_day, cpu_seconds

from tests.support.servers import PgServer, RedisServer


def rounds(what: str, request: Callable[[], None], pg_pid: int | None = None) -> float:
    """Print min / median process CPU ms per request over five rounds of 200 (and, with
    `pg_pid`, PostgreSQL's CPU per request over the five, its backends included)."""
    per, pg_began = [], cpu_seconds(pg_pid) if pg_pid else 0.0
    for _ in range(5):
        began = time.process_time()
        for _ in range(200):
            request()
        per.append((time.process_time() - began) / 200 * 1000)
    pg_ms = (cpu_seconds(pg_pid) - pg_began) * 1000 / (5 * 200) if pg_pid else 0.0
    pg = f"; PostgreSQL {pg_ms:.3f} ms" if pg_pid else ""
    print(f"{what}: {min(per):.3f} / {statistics.median(per):.3f} ms CPU (min / median){pg}")
    return min(per)


def against_healthz(what: str, where: str, request: Callable[[], None], client: Any,
                    warm_up: int, pg_pid: int | None = None) -> None:
    """`request` after `warm_up` of them, then /healthz; their CPU ratio printed."""
    for _ in range(warm_up):
        request()
    gc.freeze()
    measured = rounds(f"{what} ({where})", request, pg_pid)
    health = rounds(f"/healthz ({where})", lambda: client.get("/healthz").close(), pg_pid)
    print(f"ratio /healthz CPU / {what} CPU: {health / measured:.2f}")


def app_on(url: str, config: Path, **extra: str) -> Any:
    env = {**os.environ, "DATABASE_URL": url, "SECRET_KEY": "bench"}
    for cmd in (["upgrade"], ["load-config", str(config)]):
        subprocess.run([sys.executable, "-m", "queue_server", *cmd], cwd=ROOT, env=env,
                       check=True, capture_output=True)
    from queue_server import create_app

    return create_app({"DATABASE_URL": url, "SECRET_KEY": "bench", **extra})


def walk_ins() -> None:
    """Kiosk walk-ins round the demo's services, and /healthz, on SQLite."""
    folder = tempfile.mkdtemp(prefix="antrian-inproc-")
    app = app_on(f"sqlite:///{folder}/w.db", ROOT / "config" / "demo.yaml", DEMO=True)
    client, services, n = app.test_client(), ["pendaftaran", "umum", "gigi", "kia", "lab"], [0]

    def walk_in() -> None:
        n[0] += 1
        reply = client.post("/api/v1/kiosk/tickets", json={"service": services[n[0] % 5]},
                            headers={"Authorization": "Bearer demo-kiosk"})
        assert reply.status_code == 201, reply.get_json()

    against_healthz("walk-in", "SQLite", walk_in, client, warm_up=300)


def bookings(sockets: bool) -> None:
    """Bookings over 20 facilities, and /healthz, on PostgreSQL with Redis limits."""
    pg, redis = PgServer().start(), RedisServer().start()
    try:
        folder = Path(tempfile.mkdtemp(prefix="antrian-inproc-"))
        (folder / "c.yaml").write_text(yaml.safe_dump({"facilities": [
            {"code": f"pkm-{i:02d}", "name": f"Puskesmas {i:02d}",
             "services": [{"code": "umum", "name": "Poli Umum", "prefix": "B",
                           "booking_quota": 4000}],
             "counters": [{"code": "poli-umum", "services": ["umum"]}]} for i in range(20)]}))
        pg_url, redis_url = (pg.socket_url, redis.socket_url) if sockets else (pg.url, redis.url)
        app = app_on(pg_url, folder / "c.yaml", RATELIMIT_STORAGE_URI=redis_url,
                     BOOKING_LIMIT_PER_ADDRESS="100000000 per minute")
        client, n = app.test_client(), [0]
        day = booking_day().isoformat()

        def book() -> None:
            n[0] += 1
            reply = client.post("/api/v1/bookings", json={
                "facility": f"pkm-{n[0] % 20:02d}", "service": "umum", "date": day,
                "patient": {"nik": f"3578010101{n[0]:06d}", "name": "Bench Patient",
                            "phone": "081234567890"}})
            assert reply.status_code in (201, 202), reply.get_json()

        against_healthz("booking", "PostgreSQL + Redis", book, client, warm_up=200,
                        pg_pid=pg.proc.pid if pg.proc else None)
    finally:
        redis.stop()
        pg.remove()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--walk-ins", action="store_true")
    parser.add_argument("--bookings", action="store_true")
    parser.add_argument("--gevent", action="store_true", help="monkey-patch first")
    parser.add_argument("--sockets", action="store_true", help="Unix-domain sockets")
    args = parser.parse_args()
    both = not (args.walk_ins or args.bookings)
    if args.walk_ins or both:
        walk_ins()
    if args.bookings or both:
        bookings(args.sockets)


if __name__ == "__main__":
    main()
