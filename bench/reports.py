"""The reports over a year at a large puskesmas, on PostgreSQL: how long each table takes.

    python bench/reports.py [--url postgresql+psycopg://...] [--per-day 400] [--days 365]
                            [--rounds 3] [--live]

Without --url a PostgreSQL server is started in a temporary folder. The demo facility
gets `--per-day` walk-ins a day over its six services for `--days` days (a kiosk ticket,
its call, start and finish; one in ten recalled first, one in twenty skipped), written
straight into the tables; the days are then closed and rolled up as the closer does
for days closed before the roll-up existed (services/report_days.py; `--live` leaves
them not rolled up: every ticket read from its history, the path before the roll-up);
then each report table is asked for the whole range as an admin, through the same use
case the API calls.
"""

from __future__ import annotations

import argparse
import contextlib
import random
import sys
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import Engine, insert, text

from queue_server.domain.reports_tables import TABLES
from queue_server.persistence.db import make_engine
from queue_server.persistence.migrate import upgrade
from queue_server.persistence.models import Ticket, TicketEvent, Visit
from queue_server.persistence.uow import SqlUnitOfWork
from queue_server.services import reports
from queue_server.services.auth import ADMIN, Principal
from queue_server.services.configuration import load_config, read_config
from queue_server.services.report_days import roll_up_closed_days
from queue_server.services.reports import ReportQuery
from tests.support.servers import empty_database, postgres_server

ROOT = Path(__file__).resolve().parents[1]
LAST = date(2026, 11, 22)


class FixedClock:
    def now(self) -> datetime:
        return datetime(2026, 11, 23, 1, 0, tzinfo=UTC)


@contextlib.contextmanager
def database(url: str | None) -> Iterator[str]:
    if url:
        yield empty_database(url)
        return
    with postgres_server() as made:
        yield made


def _day_rows(day: date, n0: int, per_day: int, services: list[tuple[int, str]],
              rng: random.Random) -> tuple[list[dict], list[dict], list[dict]]:
    """One day's visits, tickets and history rows (ids from n0 + 1)."""
    visits, tickets, events = [], [], []
    opening = datetime(day.year, day.month, day.day, 0, 30, tzinfo=UTC)  # 07:30 WIB
    for i in range(per_day):
        n = n0 + i + 1
        sid, prefix = services[i % len(services)]
        issued = opening + timedelta(seconds=rng.randint(0, 6 * 3600))
        called = issued + timedelta(minutes=rng.uniform(1, 70))
        started = called + timedelta(minutes=rng.uniform(0.5, 3))
        finished = started + timedelta(minutes=rng.uniform(2, 15))
        skipped = i % 20 == 0
        visits.append({"id": n, "facility_id": 1, "code": f"V{n:09d}", "day": day,
                       "channel": "kiosk", "priority": "regular", "created_at": issued})
        tickets.append({"id": n, "visit_id": n, "facility_id": 1, "service_id": sid,
                        "day": day, "seq": i // len(services) + 1,
                        "number": f"{prefix}-{i:03d}", "priority": "regular",
                        "status": "no_show" if skipped else "done", "source": "walk_in",
                        "version": 1, "counter_id": None, "issued_at": issued, "recalls": 0})
        moments = [("issued", issued), ("called", called)]
        if i % 10 == 0:
            moments.append(("recalled", called + timedelta(minutes=2)))
        moments += [("skipped", started)] if skipped else [("started", started),
                                                           ("finished", finished)]
        events += [{"ticket_id": n, "facility_id": 1, "kind": k, "at": at,
                    "actor": "bench", "counter_id": None, "data": {}} for k, at in moments]
    return visits, tickets, events


def fill(engine: Engine, per_day: int, days: int) -> int:
    """A year of walk-ins at pkm-demo; returns how many tickets were written."""
    with engine.connect() as conn:
        fid = conn.execute(text("SELECT id FROM facilities WHERE code='pkm-demo'")).scalar_one()
        services = [(int(r.id), str(r.prefix)) for r in conn.execute(
            text("SELECT id, prefix FROM services WHERE facility_id=:f ORDER BY position"),
            {"f": fid})]
    assert fid == 1
    rng = random.Random(15)
    start = LAST - timedelta(days=days - 1)
    for d in range(days):
        visits, tickets, events = _day_rows(start + timedelta(days=d), d * per_day, per_day,
                                            services, rng)
        with engine.begin() as conn:
            conn.execute(insert(Visit), visits)
            conn.execute(insert(Ticket), tickets)
            conn.execute(insert(TicketEvent), events)
    with engine.begin() as conn:
        conn.execute(text("ANALYZE"))
    return per_day * days


def roll_up(engine: Engine) -> int:
    """Close every filled day (a `day_closes` row each) and roll them up; returns how
    many service days were rolled up."""
    with engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO day_closes (service_id, day, closed_at, tickets) "
            "SELECT DISTINCT service_id, day, now(), 0 FROM tickets"))
    done, more = 0, True
    while more:
        n, more = roll_up_closed_days(lambda: SqlUnitOfWork(engine))
        done += n
    with engine.begin() as conn:
        conn.execute(text("ANALYZE"))
    return done


def measure(engine: Engine, days: int, rounds: int) -> None:
    admin = Principal("staff", 1, "admin", ADMIN, None)
    start = LAST - timedelta(days=days - 1)
    for table in TABLES:
        took = []
        for _ in range(rounds):
            began = time.perf_counter()
            rows = reports.report(SqlUnitOfWork(engine, write=False), FixedClock(), admin,
                                  ReportQuery(table, "pkm-demo", start, LAST))["rows"]
            took.append(time.perf_counter() - began)
        print(f"{table:9s} {len(rows):4d} rows: {min(took):.2f}-{max(took):.2f} s "
              f"over {rounds} rounds", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url")
    parser.add_argument("--per-day", type=int, default=400)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--live", action="store_true",
                        help="leave the days not rolled up (the path before the roll-up)")
    args = parser.parse_args()
    with database(args.url) as url:
        engine = make_engine(url)
        upgrade(engine)
        load_config(SqlUnitOfWork(engine), read_config(ROOT / "config" / "demo.yaml"))
        began = time.perf_counter()
        count = fill(engine, args.per_day, args.days)
        print(f"wrote {count} tickets in {time.perf_counter() - began:.0f} s", flush=True)
        if not args.live:
            began = time.perf_counter()
            days = roll_up(engine)
            print(f"rolled up {days} service days in {time.perf_counter() - began:.0f} s",
                  flush=True)
        measure(engine, args.days, args.rounds)
        engine.dispose()


if __name__ == "__main__":
    main()
