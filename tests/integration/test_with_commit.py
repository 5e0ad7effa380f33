"""A booking's rows sent with its COMMIT (PostgreSQL, issue 20's rush): the visit's and
ticket's ids are drawn with the number (`Bookings.number_and_day`), the three rows go in
the COMMIT's round trip (`uow.send_with_commit`); what reads before the commit still sees
them, and a row refused there keeps nothing, the number included."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Engine, text

from queue_server.persistence.repositories.hot import Hot
from queue_server.persistence.repositories.statements import HOT_ISSUE_PG_WITH_IDS
from queue_server.persistence.uow import SqlUnitOfWork
from queue_server.services import bookings
from queue_server.services import queue as queue_use_cases
from tests.support.factories import TODAY, book, booking, post

pytestmark = pytest.mark.parametrize("engine", ["postgresql"], indirect=True)


def rows(engine: Engine, sql: str) -> list[Any]:
    with engine.connect() as conn:
        return list(conn.execute(text(sql)))


def test_the_rows_go_with_the_commit_and_are_the_ones_the_reply_names(
        client: Any, engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    sent: list[tuple[list[Hot], bool]] = []
    together = Hot.run_together

    def spy(conn: Any, calls: list[tuple[Hot, Any]], commit: bool = False) -> list[Any]:
        sent.append(([hot for hot, _ in calls], commit))
        return together(conn, calls, commit)

    monkeypatch.setattr(Hot, "run_together", staticmethod(spy))
    reply = book(client, TODAY)
    statements, commit = sent[-1]
    # One statement for the rows, then the group's number (services/booking_groups.py),
    # and the COMMIT.
    assert statements[0] is HOT_ISSUE_PG_WITH_IDS and len(statements) == 2 and commit
    (ticket,) = rows(engine, "SELECT t.id, t.number, v.code FROM tickets t "
                             "JOIN visits v ON v.id = t.visit_id")
    assert (ticket.id, ticket.number, ticket.code) == (reply["id"], reply["number"],
                                                       reply["code"])
    assert rows(engine, f"SELECT kind FROM ticket_events WHERE ticket_id = {ticket.id}"
                ) == [("issued",)]
    assert book(client, TODAY, n=2)["number"] == "B-002"  # the next id and number


def test_a_row_refused_with_the_commit_keeps_nothing_and_gives_the_number_back(
        client: Any, engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    first = book(client, TODAY)
    # The next visit draws the code the first one has: visits.code is unique.
    monkeypatch.setattr(queue_use_cases, "new_visit_code", lambda: first["code"])
    refused = post(client, booking(TODAY, n=2))
    assert refused.status_code == 409 and refused.get_json()["error"]["code"] == "conflict"
    assert rows(engine, "SELECT count(*) FROM visits") == [(1,)]
    assert rows(engine, "SELECT count(*) FROM tickets") == [(1,)]
    monkeypatch.undo()
    assert book(client, TODAY, n=2)["number"] == "B-002"  # no gap


def test_a_read_before_the_commit_sees_the_rows_held_for_it(
        client: Any, engine: Engine, clock: Any) -> None:
    """`on_booked` (the BPJS module's hook) runs after the rows are held, before the
    commit: what it reads sends them first, once."""
    seen: list[tuple[str, int]] = []

    def on_booked(uow: Any, ticket: Any) -> None:
        visit = uow.tickets.visit_by_code(ticket.visit.code)
        seen.append((visit.code, len(visit.tickets)))

    body = booking(TODAY)
    req = bookings.BookingRequest(facility=body["facility"], service=body["service"],
                                  date=TODAY, **body["patient"])
    view, created = bookings.book(SqlUnitOfWork(engine), clock, req, 7, on_booked=on_booked)
    assert created and seen == [(view["code"], 1)]
    assert rows(engine, "SELECT count(*) FROM tickets") == [(1,)]  # sent once
