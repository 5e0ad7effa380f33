"""The reports' daily roll-up (issue 15): the end-of-day close keeps each closed service
day's tickets as entries, a report reads them instead of the history, and the answers
are exactly those of the live path; days closed without a roll-up are rolled up later."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Engine, text

from queue_server.domain.reports_tables import TABLES
from queue_server.persistence.uow import SqlUnitOfWork
from queue_server.services.day_close import close_ended_days
from tests.conftest import Api, login
from tests.integration.test_day_close import (
    GRACE,
    PETUGAS,
    SIANG,
    monday_morning,
    siang,
    walk_in,
)
from tests.support import factories
from tests.support.clock import WIB, FakeClock
from tests.support.factories import booking

__all__ = ["siang"]  # the fixture, used by name
MONDAY, TUESDAY = date(2026, 11, 23), date(2026, 11, 24)


def _two_days(client: Any, staff: Api, clock: FakeClock) -> None:
    """Monday: the day-close test's morning (one served, one recalled and skipped, one
    left waiting, a booking that never came) and a booking for Tuesday;
    Tuesday: three walk-ins, two served. Both days end with tickets still open."""
    monday_morning(client, staff)
    reply = client.post("/api/v1/bookings", json=booking(TUESDAY, facility=SIANG.code, n=42))
    assert reply.status_code == 201, reply.get_json()
    clock.set(datetime(2026, 11, 23, 9, 10, tzinfo=WIB))
    assert staff.act("ruang-1", "finish").status_code == 200
    assert staff.act("ruang-2", "recall").status_code == 200
    clock.set(datetime(2026, 11, 23, 9, 40, tzinfo=WIB))
    assert staff.act("ruang-2", "skip").status_code == 200
    clock.set(datetime(2026, 11, 24, 7, 55, tzinfo=WIB))
    staff = Api(client, login(client, PETUGAS, factories.PASSWORD))  # a new shift
    for hh, mm in ((8, 0), (8, 20), (10, 5)):
        clock.set(datetime(2026, 11, 24, hh, mm, tzinfo=WIB))
        walk_in(staff)
    for mm, step in ((30, "call-next"), (34, "start"), (41, "finish"), (50, "call-next"),
                     (58, "finish")):
        clock.set(datetime(2026, 11, 24, 10, mm, tzinfo=WIB))
        assert staff.act("ruang-1", step).status_code == 200, step


def _tables(admin: Api) -> dict[str, Any]:
    query = f"facility={SIANG.code}&from={MONDAY}&to={TUESDAY}"
    return {t: admin.get(f"/api/v1/reports/{t}?{query}").get_json()["rows"] for t in TABLES}


def _rolled(engine: Engine) -> list[tuple[str, int]]:
    with engine.connect() as conn:
        return [(str(d), n) for d, n in conn.execute(
            text("SELECT day, tickets FROM report_days ORDER BY day")).all()]


def test_rolled_up_days_answer_exactly_as_the_live_history(
        app: Any, client: Any, engine: Engine, siang: Api, clock: FakeClock) -> None:
    _two_days(client, siang, clock)
    clock.set(datetime(2026, 11, 25, 6, 0, tzinfo=WIB))
    assert len(close_ended_days(app.extensions["antrian"].uow, clock, GRACE).closed) == 2
    # The booking for Tuesday, made on Monday, counts on Tuesday's day.
    assert _rolled(engine) == [("2026-11-23", 4), ("2026-11-24", 4)]
    with SqlUnitOfWork(engine, write=False) as uow:
        ids = [s.id for f in uow.reports.scope(None) for s in f.services]
        assert uow.reports.ticket_facts(ids, MONDAY, TUESDAY, unrolled_only=True) == []
    admin = Api(client, login(client, "admin"))
    fast = _tables(admin)
    [summary] = fast["summary"]
    assert (summary["tickets"], summary["served"], summary["closed_end_of_day"]) == (8, 3, 4)
    assert (summary["no_show"], summary["channel_mobile"]) == (1, 2)
    [bookings] = fast["bookings"]
    assert (bookings["booked"], bookings["not_arrived"]) == (2, 2)

    with engine.begin() as conn:  # the same days read live, every ticket from its history
        conn.execute(text("DELETE FROM report_days"))
    assert _tables(admin) == fast

    # The closer's next round rolls up the closed days that have no roll-up (as after
    # migration 0011), and the answers stay the same.
    assert close_ended_days(app.extensions["antrian"].uow, clock, GRACE).closed == []
    assert _rolled(engine) == [("2026-11-23", 4), ("2026-11-24", 4)]
    assert _tables(admin) == fast


def test_today_is_read_live_beside_rolled_up_days(
        app: Any, client: Any, engine: Engine, siang: Api, clock: FakeClock) -> None:
    _two_days(client, siang, clock)  # ends on Tuesday at 10:58: Monday closes, not Tuesday
    clock.set(datetime(2026, 11, 24, 11, 0, tzinfo=WIB))
    close_ended_days(app.extensions["antrian"].uow, clock, GRACE)
    assert _rolled(engine) == [("2026-11-23", 4)]
    [row] = _tables(Api(client, login(client, "admin")))["summary"]
    assert (row["tickets"], row["served"]) == (8, 3)  # Tuesday's 4 from the history
