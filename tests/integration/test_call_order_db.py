"""The database calls in the order the domain defines (domain/call_order.py): on a mixed
set of waiting tickets (two services of different rank at the counter, priorities, two
queue days, tied queue keys), the console's list, call-next's pick and "people ahead"
agree with `in_call_order` on SQLite and on PostgreSQL."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import Engine, select

from queue_server.domain.call_order import in_call_order, is_ahead
from queue_server.domain.priority import Priority, queue_key
from queue_server.persistence.models import Counter, Service
from queue_server.persistence.uow import SqlUnitOfWork
from tests.support import factories as make

NOW = datetime(2026, 11, 23, 5, 0, tzinfo=UTC)
TODAY, YESTERDAY = make.TODAY, make.TODAY - timedelta(days=1)


@dataclass(frozen=True)
class Spec:
    service_id: int
    queue_key: datetime
    day: date
    seq: int
    priority: str


def site(engine: Engine) -> tuple[int, int, int]:
    """A facility whose counter serves `umum` (its own, rank 0) and helps `gigi` (rank 1):
    (umum id, gigi id, counter id)."""
    place = make.facility("pkm-urutan", services=[
        make.service("umum", "A"),
        make.service("gigi", "G")],
        counters=[make.counter("ruang-1", ["umum", "gigi"])]).load(engine)
    with SqlUnitOfWork(engine) as uow:
        counter = uow.session.scalars(select(Counter).where(
            Counter.code == "ruang-1", Counter.facility.has(code=place.code))).one()
        ids = {s.code: s.id for s in uow.session.scalars(
            select(Service).where(Service.facility_id == counter.facility_id))}
        return ids["umum"], ids["gigi"], counter.id


def mixed(umum: int, gigi: int) -> list[Spec]:
    """Tickets of both services and both days, every priority, some queue keys tied."""
    rng, specs, seqs = random.Random(14), [], {}
    priorities = list(Priority)
    for n in range(40):
        service, day = (umum, gigi)[n % 2], (TODAY, YESTERDAY)[n % 3 == 0]
        seqs[(service, day)] = seqs.get((service, day), 0) + 1
        priority = priorities[rng.randrange(len(priorities))]
        since = NOW - timedelta(minutes=rng.choice([0, 5, 5, 20, 25, 40, 90]))
        specs.append(Spec(service, queue_key(priority, since), day, seqs[(service, day)],
                          priority.value))
    rng.shuffle(specs)
    return specs


def insert(engine: Engine, facility_id: int, specs: list[Spec]) -> None:
    with SqlUnitOfWork(engine) as uow:
        for i, spec in enumerate(specs):
            visit = uow.tickets.insert_visit(
                facility_id=facility_id, code=f"URUT{facility_id:04d}{i:04d}", day=spec.day,
                channel="kiosk", priority=spec.priority, created_at=NOW)
            uow.tickets.insert_ticket(
                visit_id=visit, facility_id=facility_id, service_id=spec.service_id,
                day=spec.day, seq=spec.seq, number=f"X-{spec.seq:03d}", priority=spec.priority,
                status="waiting", source="walk_in", issued_at=NOW, waiting_since=NOW,
                queue_key=spec.queue_key)
        uow.commit()


def identity(ticket: Any) -> tuple[int, date, int]:
    return (ticket.service_id, ticket.day, ticket.seq)


def test_the_database_calls_in_the_domains_order(engine: Engine) -> None:
    umum, gigi, counter_id = site(engine)
    with SqlUnitOfWork(engine) as uow:
        facility_id = uow.session.get_one(Counter, counter_id).facility_id
    specs = mixed(umum, gigi)
    insert(engine, facility_id, specs)
    ranks, days = {umum: 0, gigi: 1}, {umum: (TODAY, YESTERDAY), gigi: (TODAY, YESTERDAY)}
    expected = [identity(t) for t in in_call_order(specs, ranks)]
    with SqlUnitOfWork(engine) as uow:
        listed = [identity(t) for t in uow.tickets.waiting_list(ranks, days)]
        first = uow.tickets.next_waiting(ranks, days, lock=False)
        # One rank for both: the queue key alone leads, across the services.
        level = {umum: 0, gigi: 0}
        flat = [identity(t) for t in uow.tickets.waiting_list(level, days)]
        tickets = {identity(t): t for t in uow.tickets.waiting_list(ranks, days)}
        ahead = {key: uow.tickets.people_ahead(t, (TODAY, YESTERDAY))
                 for key, t in tickets.items()}
    assert listed == expected
    assert first is not None and identity(first) == expected[0]
    assert flat == [identity(t) for t in in_call_order(specs, level)]
    for spec in specs:
        same = [other for other in specs if other.service_id == spec.service_id]
        assert ahead[identity(spec)] == sum(is_ahead(other, spec) for other in same)
