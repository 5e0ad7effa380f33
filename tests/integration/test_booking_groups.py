"""Bookings decided in a group (PostgreSQL, issue 20's rush: services/booking_groups.py):
one transaction for several bookings, each checked by the single booking's rules in
arrival order, refused ones taking no number; what a group cannot decide as surely is
left to the single path, and a group that fails keeps nothing."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, exc, text

from queue_server.domain.errors import DomainError
from queue_server.persistence.repositories.hot import Hot
from queue_server.persistence.uow import SqlUnitOfWork
from queue_server.services import booking_groups, booking_holds, bookings
from queue_server.services import queue as queue_use_cases
from queue_server.services.together import Combiner
from tests.support import factories
from tests.support.clock import FakeClock
from tests.support.factories import TODAY, booking, nik

pytestmark = pytest.mark.parametrize("engine", ["postgresql"], indirect=True)


def rows(engine: Engine, sql: str) -> list[Any]:
    with engine.connect() as conn:
        return list(conn.execute(text(sql)))


def request(site: str, service: str, n: int, **patient: Any) -> bookings.BookingRequest:
    body = booking(TODAY, service, site, n, **patient)
    return bookings.BookingRequest(facility=site, service=service, date=TODAY,
                                   **body["patient"])


def wanted(engine: Engine, clock: FakeClock, req: bookings.BookingRequest,
           key: str | None = None, limit: int = 2) -> booking_groups.Wanted:
    return booking_groups.prepare(SqlUnitOfWork(engine), clock, req, 7, key, limit)


def decide(engine: Engine, clock: FakeClock, group: list[Any]) -> list[Any]:
    return booking_groups.decide(SqlUnitOfWork(engine), clock, group)


@pytest.fixture
def site(engine: Engine) -> str:
    return factories.facility("pkm-grup", services=[
        factories.service("umum", "B", booking_quota=2),
        factories.service("gigi", "G", booking_quota=5),
        factories.service("lab", "L", booking_quota=5)], counters=[]).load(engine).code


def test_a_group_books_in_arrival_order_by_a_single_bookings_rules(
        engine: Engine, clock: FakeClock, site: str) -> None:
    group = [wanted(engine, clock, request(site, "umum", n)) for n in (1, 2, 3)]
    group += [wanted(engine, clock, request(site, s, 1)) for s in ("gigi", "gigi", "lab")]
    outcomes = decide(engine, clock, group)
    first, second, full, gigi, again, third = outcomes
    assert (first["number"], second["number"], gigi["number"]) == ("B-001", "B-002", "G-001")
    assert (first["people_ahead"], second["people_ahead"]) == (0, 1)
    refused = [(o.code if isinstance(o, DomainError) else None) for o in (full, again, third)]
    assert refused == ["quota_full", "already_booked", "daily_limit"]
    assert rows(engine, "SELECT count(*) FROM tickets") == [(3,)]
    # The numbers the group took, and none for the service it booked nothing in.
    assert sorted(rows(engine, "SELECT s.code, d.last FROM daily_sequences d "
                               "JOIN services s ON s.id = d.service_id")) == [
        ("gigi", 1), ("umum", 2)]
    # A later single booking goes on from the group's numbers.
    uow = SqlUnitOfWork(engine)
    view, _ = bookings.book(uow, clock, request(site, "lab", 4), 7)
    assert view["number"] == "L-001"


def test_what_a_group_cannot_decide_surely_is_left_to_the_single_path(
        engine: Engine, clock: FakeClock, site: str) -> None:
    bookings.book(SqlUnitOfWork(engine), clock, request(site, "gigi", 5), 7, "used-key")
    booking_holds.hold(SqlUnitOfWork(engine), clock, request(site, "umum", 6), 7,
                       timedelta(minutes=10))
    clock.advance(minutes=11)  # the hold's time is up: only the single path lets it go
    group = [wanted(engine, clock, request(site, "gigi", 5), "used-key"),
             wanted(engine, clock, request(site, "gigi", 7), "twice"),
             wanted(engine, clock, request(site, "gigi", 7), "twice"),
             wanted(engine, clock, request(site, "umum", 8))]
    used, first, twice, late = decide(engine, clock, group)
    assert used is None and twice is None and late is None
    assert first["number"] == "G-002"
    # Decided alone afterwards, as `booking_groups.book` does: the key's first answer,
    # and the umum place the expired hold gave back.
    replay, created = bookings.book(SqlUnitOfWork(engine), clock, request(site, "gigi", 7),
                                    7, "twice")
    assert (replay["code"], created) == (first["code"], False)
    alone, _ = bookings.book(SqlUnitOfWork(engine), clock, request(site, "umum", 8), 7)
    assert alone["status"] == "booked"


def test_a_group_that_fails_keeps_nothing_and_each_is_then_decided_alone(
        engine: Engine, clock: FakeClock, site: str, monkeypatch: pytest.MonkeyPatch) -> None:
    before = bookings.book(SqlUnitOfWork(engine), clock, request(site, "lab", 9), 7)[0]
    # Every visit of the group draws the code the first one has: visits.code is unique.
    monkeypatch.setattr(queue_use_cases, "new_visit_code", lambda: before["code"])
    group = [wanted(engine, clock, request(site, "umum", n)) for n in (1, 2)]
    with pytest.raises(exc.IntegrityError):
        decide(engine, clock, group)
    assert rows(engine, "SELECT count(*) FROM tickets") == [(1,)]
    assert rows(engine, "SELECT count(*) FROM daily_sequences") == [(1,)]  # lab's alone
    together: Combiner[Any, Any] = Combiner(lambda g: decide(engine, clock, list(g)))
    assert together.submit(group[0]) is None  # its caller decides it alone
    monkeypatch.undo()
    view, created = booking_groups.book(SqlUnitOfWork(engine), clock, together,
                                        request(site, "umum", 1), 7)
    assert created and view["number"] == "B-001"  # no number was lost


def test_a_group_counts_jkn_places_apart_where_the_quota_is_split(
        engine: Engine, clock: FakeClock) -> None:
    code = factories.facility("pkm-jkn", services=[
        factories.service("umum", "B", booking_quota=3, jkn_quota=1)], counters=[]
    ).load(engine).code
    group = [wanted(engine, clock, request(code, "umum", n, bpjs_number=f"000123456789{n}"))
             for n in (1, 2)]
    group += [wanted(engine, clock, request(code, "umum", n)) for n in (3, 4, 5)]
    outcomes = decide(engine, clock, group)
    codes = [o.code if isinstance(o, DomainError) else o["number"] for o in outcomes]
    assert codes == ["B-001", "jkn_quota_full", "B-002", "B-003", "non_jkn_quota_full"]
    assert nik(1) not in str(outcomes[0])  # the reply still masks the NIK


def test_a_groups_rows_are_those_a_single_booking_writes(
        engine: Engine, clock: FakeClock, site: str) -> None:
    """The group's visits go in one statement (statements.py's many form): each row as
    the single path's, apart from its own ids, code, number and patient."""
    bookings.book(SqlUnitOfWork(engine), clock, request(site, "gigi", 1), 7)
    decide(engine, clock, [wanted(engine, clock, request(site, s, n))
                           for s, n in (("gigi", 2), ("gigi", 3))])
    own = {"id", "visit_id", "ticket_id", "code", "seq", "number", "nik", "name", "phone"}

    def shared(sql: str) -> list[dict[str, Any]]:
        return [{k: v for k, v in row._asdict().items() if k not in own}
                for row in rows(engine, sql)]

    for table in ("visits", "tickets"):
        alone, *grouped = shared(f"SELECT * FROM {table} ORDER BY id")
        assert grouped == [alone, alone], table
    events = rows(engine, "SELECT data FROM ticket_events ORDER BY id")
    assert [e.data for e in events] == [
        {"source": "booking", "number": f"G-00{n}"} for n in (1, 2, 3)]
    alone, *grouped = shared("SELECT * FROM ticket_events ORDER BY id")
    assert [{**g, "data": None} for g in grouped] == [{**alone, "data": None}] * 2


def test_a_groups_round_trips_do_not_grow_with_its_bookings(
        engine: Engine, clock: FakeClock, site: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two bookings or eight: the same statements (each service's day read once, every
    patient's figures in one, every new visit's rows in one); only their arrays grow."""
    sent: list[int] = []
    together = Hot.run_together

    def spy(conn: Any, calls: list[Any], commit: bool = False) -> list[Any]:
        sent.append(len(calls))
        return together(conn, calls, commit)

    monkeypatch.setattr(Hot, "run_together", staticmethod(spy))
    shapes = []
    for first, size in ((1, 2), (10, 8)):
        group = [wanted(engine, clock, request(site, ("gigi", "lab")[n % 2], n))
                 for n in range(first, first + size)]
        sent.clear()
        outcomes = decide(engine, clock, group)
        assert all(isinstance(o, dict) for o in outcomes)
        shapes.append(list(sent))
    # Two round trips (a third where a reply reads a service's pace afresh: the held rows
    # go before that read): locks, numbers, places, patients; rows, numbers.
    assert shapes[0] == shapes[1] and len(shapes[0]) <= 3 and sum(shapes[0]) <= 8
