"""The end-of-day close takes its locks in a counter action's order: the facility's
counters first, then the day's tickets (PostgreSQL; SQLite's writers run one at a time).

The close writes each open ticket's history row with the ticket's counter, which takes
that counter's key share. Taken after the tickets' locks, it deadlocked with a counter
acting at the closing hour on one of the day's tickets: the counter action held its
counter and waited for its ticket, the close held the ticket and waited for the counter
(the soak, whose late driver still acted when the servers closed the day: PostgreSQL's
DeadlockDetected on start and finish, 503 `database_unavailable`)."""

from __future__ import annotations

import threading
from datetime import datetime
from typing import Any

import pytest
from sqlalchemy import Engine, text

from tests.conftest import Api, login
from tests.integration.test_day_close import MONDAY, PETUGAS, SIANG, close, monday_morning
from tests.support import factories
from tests.support.clock import WIB, FakeClock
from tests.support.servers import wait_until

pytestmark = pytest.mark.parametrize("engine", ["postgresql"], indirect=True)

_WAITING = text("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND wait_event_type = 'Lock'")
_SERVED = text("SELECT c.id, t.id FROM tickets t JOIN counters c ON c.id = t.counter_id "
               "WHERE c.code = 'ruang-1' AND t.status = 'serving'")


def waiting(engine: Engine) -> int:
    """Sessions of this database waiting for a lock (a fresh transaction each look: the
    statistics views keep what a transaction first saw)."""
    with engine.connect() as conn:
        return int(conn.execute(_WAITING).scalar() or 0)


def test_a_close_waits_for_a_counter_acting_before_it_locks_any_of_its_tickets(
        app: Any, client: Any, engine: Engine, clock: FakeClock) -> None:
    SIANG.load(engine)
    monday_morning(client, Api(client, login(client, PETUGAS, factories.PASSWORD)))
    with engine.connect() as conn:
        counter_id, ticket_id = conn.execute(_SERVED).one()
    clock.set(datetime(2026, 11, 23, 18, 0, tzinfo=WIB))  # Monday's day is over
    closed: list[Any] = []
    with engine.connect() as acting:
        action = acting.begin()  # a counter action under way at Ruang 1: its lock held
        acting.execute(text("SELECT id FROM counters WHERE id = :id FOR UPDATE"),
                       {"id": counter_id})
        closer = threading.Thread(target=lambda: closed.extend(close(app, clock)))
        closer.start()
        try:
            wait_until(lambda: waiting(engine) == 1, what="the close to wait for the counter")
            # The close holds none of the day's tickets meanwhile: the counter's action
            # can still write its own (NOWAIT raises LockNotAvailable otherwise).
            with engine.connect() as other, other.begin():
                other.execute(text("SELECT id FROM tickets WHERE id = :id FOR UPDATE NOWAIT"),
                              {"id": ticket_id})
        finally:
            action.rollback()
            closer.join(timeout=60)
    assert not closer.is_alive()
    assert [(c.service, c.day, c.tickets) for c in closed] == [("umum", MONDAY, 4)]
