"""Faults a reviewer found in the reports (issue 15), on SQLite and PostgreSQL: a
deactivated service or counter keeps its history, today's hourly table stops at the
current hour, a booking quota counts only the days the service was open, and a bad date
is a 422 `invalid_date` said in Indonesian."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, select, update

from queue_server.persistence.models import Counter, Facility, Service
from tests.conftest import Api, login
from tests.integration.test_reports import _at, run_morning, site  # noqa: F401  (fixture)
from tests.support import factories
from tests.support.clock import FakeClock


def _deactivate(engine: Engine, facility: str, service: str, counter: str) -> None:
    """What `PUT .../services/{code}` and `.../counters/{code}` with `active: false` leave
    in the tables (deactivating is the only way to remove either)."""
    fid = select(Facility.id).where(Facility.code == facility).scalar_subquery()
    with engine.begin() as conn:
        conn.execute(update(Service).where(Service.facility_id == fid, Service.code == service)
                     .values(active=False))
        conn.execute(update(Counter).where(Counter.facility_id == fid, Counter.code == counter)
                     .values(active=False))


def test_a_deactivated_service_and_counter_keep_their_history(
        client: Any, clock: FakeClock, engine: Engine, site: factories.Site) -> None:  # noqa: F811
    run_morning(client, clock, site)
    admin = Api(client, login(client, "admin"))
    q = f"facility={site.code}&from=2026-11-23"
    before = {t: admin.get(f"/api/v1/reports/{t}?{q}").get_json()["rows"]
              for t in ("summary", "counters", "hourly")}
    _deactivate(engine, site.code, "umum", "ruang-1")
    for table, rows in before.items():
        assert admin.get(f"/api/v1/reports/{table}?{q}").get_json()["rows"] == rows, table
    only = admin.get(f"/api/v1/reports/summary?{q}&service=umum")
    assert only.status_code == 200
    assert only.get_json()["rows"][0]["tickets"] == 5
    # A day without its tickets leaves the deactivated ones out.
    empty = admin.get(f"/api/v1/reports/summary?facility={site.code}&from=2026-11-20"
                      "&to=2026-11-22").get_json()["rows"]
    assert empty == []


def test_today_hourly_stops_at_the_current_hour(
        client: Any, clock: FakeClock, site: factories.Site) -> None:  # noqa: F811
    run_morning(client, clock, site)
    _at(clock, 10, 0)
    Api(client, site.token("kiosk")).ticket("umum")  # left waiting
    _at(clock, 16, 2)
    admin = Api(client, login(client, "admin"))
    rows = admin.get(f"/api/v1/reports/hourly?facility={site.code}").get_json()["rows"]
    by_hour = {r["hour"]: r for r in rows}
    assert max(by_hour) == "15"  # 16:00 has not ended: nobody is "still waiting at its end"
    assert by_hour["15"]["waiting_at_end"] == 1.0
    assert all(r["waiting_at_end"] is not None for r in rows)


def test_a_booking_quota_counts_only_the_days_the_service_was_open(
        client: Any, engine: Engine) -> None:
    weekdays = factories.facility("pkm-kuota", services=[factories.service(
        "umum", "B", "Poli Umum", booking_quota=20,
        hours={"weekdays": "07:30-14:30"})]).load(engine)
    admin = Api(client, login(client, "admin"))

    def quota(start: str, end: str) -> tuple[Any, Any]:
        [row] = admin.get(f"/api/v1/reports/bookings?facility={weekdays.code}&from={start}"
                          f"&to={end}").get_json()["rows"]
        return row["quota"], row["quota_use_pct"]

    assert quota("2026-11-29", "2026-11-30") == (20, 0.0)  # Sunday closed, Monday open
    assert quota("2026-11-23", "2026-11-29") == (100, 0.0)  # five weekdays
    assert quota("2026-12-25", "2026-12-25") == (0, None)  # Christmas, a national holiday


def test_a_bad_report_date_is_invalid_date_in_indonesian(client: Any) -> None:
    admin = Api(client, login(client, "admin"))
    for query in ("from=kemarin", "to=2026-02-30", "from=30-11-2026"):
        reply = admin.get(f"/api/v1/reports/summary?{query}")
        assert reply.status_code == 422, query
        error = reply.get_json()["error"]
        assert error["code"] == "invalid_date", error
        assert "tidak dikenali" in error["message"], error
