"""Hot statements (persistence/repositories/hot.py): the walk-in's and booking's Core
statements run straight on the driver's cursor, with SQLAlchemy's types and errors.

A statement that needs SQLAlchemy's own execution (a Python-side default, an expanding IN
list) silently takes the slower path; the walk-in's ticket insert once did, for its
`version` and `recalls` defaults (issue 20). None may."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import Engine, exc, text

from queue_server.persistence.repositories.hot import Hot, Rows, on_driver
from queue_server.persistence.uow import SqlUnitOfWork
from tests.conftest import Api
from tests.support.factories import TODAY, book


def test_a_walk_in_and_a_booking_run_every_statement_on_the_driver(
        client: Any, kiosk: Api, engine: Engine) -> None:
    kiosk.ticket("umum")
    book(client, TODAY)
    used = [hot for hot in Hot.made if hot._plans]
    assert len(used) >= 5  # the number, the rows written, the event seq, the device, …
    assert [sql for hot in used for sql in hot.fallbacks()] == []


def test_rows_answer_like_sqlalchemys_result() -> None:
    rows = Rows([(1, "a"), (2, "b")])
    assert rows.first() == (1, "a") and rows.all() == [(1, "a"), (2, "b")]
    assert list(rows) == [(1, "a"), (2, "b")]
    with pytest.raises(exc.MultipleResultsFound):
        rows.one()
    with pytest.raises(exc.NoResultFound):
        Rows([]).one()
    assert Rows([]).first() is None and Rows([]).scalar() is None
    assert Rows([(7,)]).scalar_one() == 7


def test_a_broken_rule_comes_out_as_sqlalchemys_error_with_no_values(
        client: Any, kiosk: Api, engine: Engine) -> None:
    """The same number twice in one queue day: IntegrityError, parameters hidden."""
    kiosk.ticket("umum")
    with engine.connect() as conn:
        row = conn.execute(text(
            "SELECT visit_id, facility_id, service_id, day, seq FROM tickets "
            "ORDER BY id DESC LIMIT 1")).one()
    uow = SqlUnitOfWork(engine)
    with uow, pytest.raises(exc.IntegrityError) as refused:
        uow.tickets.insert_ticket(
            visit_id=row.visit_id, facility_id=row.facility_id, service_id=row.service_id,
            day=date.fromisoformat(str(row.day)), seq=row.seq, number="X-SECRET",
            priority="regular", status="waiting", source="walk_in",
            issued_at=datetime.now(UTC), waiting_since=None, queue_key=None)
    assert "X-SECRET" not in str(refused.value)


def test_a_statement_sent_to_the_driver_fails_as_sqlalchemys_error(engine: Engine) -> None:
    """BEGIN and the hot statements go through `on_driver`: a database error is
    SQLAlchemy's (the API maps OperationalError, e.g. SQLite locked, to 503)."""
    with engine.connect() as conn, pytest.raises(exc.DBAPIError) as refused:
        on_driver(conn, "SELECT no_such_column FROM tickets")
    assert "no_such_column" in str(refused.value)
    with engine.connect() as conn:
        assert on_driver(conn, "SELECT 1") == [(1,)]
