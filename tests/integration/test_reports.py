"""Reports from a generated morning with known answers, on SQLite and PostgreSQL: the
tables, their CSV, and who may read them."""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any

import pytest

from tests.conftest import Api, login
from tests.support import factories
from tests.support.clock import WIB, FakeClock

DAY = factories.TODAY  # a Monday


@pytest.fixture
def site(engine: Any) -> factories.Site:
    made = factories.facility(
        "pkm-lapor", services=[factories.service("umum", "B", "Poli Umum",
                                                 target_wait=30, booking_quota=20)],
        devices=[factories.device("kiosk")], users=("petugas",))
    made.config["users"].append(factories.user(made.code, "kepala", role="facility_admin"))
    return made.load(engine)


def _at(clock: FakeClock, hh: int, mm: int) -> None:
    clock.set(clock.now().replace(hour=hh, minute=mm, tzinfo=WIB))


def run_morning(client: Any, clock: FakeClock, site: factories.Site) -> None:
    """Five walk-ins at one counter. Waits (arrival to last call): 10, 20 (recalled),
    45 (then skipped), 40, 45 minutes; service times 8, 4, 10 (never started), 5."""
    kiosk = Api(client, site.token("kiosk"))
    staff = Api(client, login(client, site.username("petugas"), factories.PASSWORD))
    script: list[tuple[int, int, str]] = [
        (8, 0, "issue"), (8, 5, "issue"), (8, 10, "call-next"), (8, 12, "start"),
        (8, 20, "finish"), (8, 20, "call-next"), (8, 25, "recall"), (8, 26, "start"),
        (8, 30, "finish"), (8, 30, "issue"), (8, 40, "issue"), (9, 0, "issue"),
        (9, 15, "call-next"), (9, 20, "skip"), (9, 20, "call-next"), (9, 30, "finish"),
        (9, 45, "call-next"), (9, 46, "start"), (9, 51, "finish")]
    for hh, mm, step in script:
        _at(clock, hh, mm)
        if step == "issue":
            kiosk.ticket("umum")
        else:
            reply = staff.act("ruang-1", step)
            assert reply.status_code == 200, (step, reply.get_json())


def _get(api: Api, table: str, **query: str) -> Any:
    q = "&".join(f"{k}={v}" for k, v in query.items())
    return api.get(f"/api/v1/reports/{table}?{q}")


@pytest.fixture
def admin_api(client: Any, clock: FakeClock, site: factories.Site) -> Api:
    run_morning(client, clock, site)
    return Api(client, login(client, "admin"))


def test_summary_gives_counts_medians_p90_and_service_level(admin_api: Api,
                                                            site: factories.Site) -> None:
    reply = _get(admin_api, "summary", facility=site.code, **{"from": DAY.isoformat()})
    assert reply.status_code == 200, reply.get_json()
    body = reply.get_json()
    assert (body["from"], body["to"], body["facility"]) == ("2026-11-23", "2026-11-23", site.code)
    [row] = body["rows"]
    assert row["service"] == "umum" and row["name"] == "Poli Umum"
    assert (row["tickets"], row["channel_kiosk"], row["served"], row["no_show"],
            row["cancelled"], row["transferred"]) == (5, 5, 4, 1, 0, 0)
    # waits 10, 20, 40, 45, 45: nearest-rank median 40, p90 45; 2 of 5 within 30.
    assert (row["wait_median_min"], row["wait_p90_min"]) == (40.0, 45.0)
    assert (row["sla_pct"], row["over_target"]) == (40.0, 3)
    # service times 4, 5, 8, 10: median 5, p90 10.
    assert (row["service_median_min"], row["service_p90_min"]) == (5.0, 10.0)


def test_hourly_answers_how_long_people_waited_between_8_and_9(admin_api: Api,
                                                                site: factories.Site) -> None:
    rows = _get(admin_api, "hourly", facility=site.code, service="umum").get_json()["rows"]
    by_hour = {r["hour"]: r for r in rows}
    assert sorted(by_hour) == ["08", "09"]
    eight = by_hour["08"]
    assert (eight["arrivals"], eight["wait_median_min"], eight["wait_p90_min"]) == (4, 20.0, 45.0)
    assert (eight["sla_pct"], eight["waiting_at_end"]) == (50.0, 2.0)
    # At 09:51 the hour 09 has not ended: nobody is "still waiting at its end" yet.
    assert (by_hour["09"]["arrivals"], by_hour["09"]["waiting_at_end"]) == (1, None)


def test_heatmap_counts_arrivals_per_weekday_and_hour(admin_api: Api,
                                                      site: factories.Site) -> None:
    rows = _get(admin_api, "heatmap", facility=site.code).get_json()["rows"]
    monday = rows[0]
    assert (monday["weekday"], monday["h08"], monday["h09"], monday["h10"]) == (0, 4, 1, 0)
    assert sum(r[f"h{h:02d}"] for r in rows[1:] for h in range(24)) == 0


def test_counters_table_credits_the_counter(admin_api: Api, site: factories.Site) -> None:
    [row] = _get(admin_api, "counters", facility=site.code).get_json()["rows"]
    assert (row["counter"], row["tickets"], row["served"], row["no_show"]) == ("ruang-1", 5, 4, 1)


def test_csv_is_the_json_table(admin_api: Api, site: factories.Site) -> None:
    for table in ("summary", "hourly", "counters", "heatmap", "bookings"):
        rows = _get(admin_api, table, facility=site.code).get_json()["rows"]
        reply = _get(admin_api, table, facility=site.code, format="csv")
        assert reply.status_code == 200 and reply.mimetype == "text/csv"
        assert "attachment" in reply.headers["Content-Disposition"]
        parsed = list(csv.DictReader(io.StringIO(reply.get_data(as_text=True))))
        assert parsed == [{k: "" if v is None else str(v) for k, v in r.items()} for r in rows]
        by_accept = admin_api.client.get(f"/api/v1/reports/{table}?facility={site.code}",
                                         headers={**admin_api.headers(), "Accept": "text/csv"})
        assert by_accept.get_data() == reply.get_data()


def test_a_day_without_tickets_has_rows_of_zeros(admin_api: Api, site: factories.Site) -> None:
    days = {"from": "2026-11-20", "to": "2026-11-22"}
    [row] = _get(admin_api, "summary", facility=site.code, **days).get_json()["rows"]
    assert (row["tickets"], row["wait_median_min"], row["sla_pct"]) == (0, None, None)


def test_every_facility_side_by_side_for_the_city(client: Any, clock: FakeClock,
                                                  site: factories.Site) -> None:
    run_morning(client, clock, site)
    city = Api(client, login(client, "dinkes"))
    body = _get(city, "summary").get_json()
    assert body["facility"] is None
    facilities = {r["facility"] for r in body["rows"]}
    assert {"pkm-demo", site.code} <= facilities
    mine = [r for r in body["rows"] if r["facility"] == site.code]
    assert mine[0]["served"] == 4


def test_a_facility_admin_reads_its_own_facility_only(client: Any, site: factories.Site) -> None:
    kepala = Api(client, login(client, site.username("kepala"), factories.PASSWORD))
    assert _get(kepala, "summary", facility=site.code).status_code == 200
    assert _get(kepala, "summary").get_json()["facility"] == site.code
    for other in ("pkm-demo", "pkm-tidak-ada"):
        reply = _get(kepala, "summary", facility=other)
        assert reply.status_code == 403
        assert reply.get_json()["error"]["code"] == "wrong_facility"
        assert "rows" not in reply.get_json()


def test_operators_and_devices_are_refused(client: Any, site: factories.Site) -> None:
    for caller in (Api(client, login(client, "petugas")), Api(client, site.token("kiosk"))):
        reply = _get(caller, "summary", facility=site.code)
        assert reply.status_code == 403
        assert reply.get_json()["error"]["code"] == "reports_forbidden"
    stranger = Api(client.application.test_client())  # no token, no session cookie
    assert _get(stranger, "summary").status_code == 401


@pytest.mark.parametrize(("query", "status", "code"), [
    ({"from": "2026-11-24", "to": "2026-11-23"}, 422, "invalid_range"),
    ({"from": "2025-01-01", "to": "2026-11-23"}, 422, "report_range_too_long"),
    ({"facility": "pkm-tidak-ada"}, 404, "facility_not_found"),
    ({"service": "tidak-ada"}, 404, "service_not_found"),
])
def test_bad_questions_get_a_clear_4xx(client: Any, site: factories.Site,
                                       query: dict[str, str], status: int, code: str) -> None:
    admin = Api(client, login(client, "admin"))
    query = {"facility": site.code, **query}
    reply = _get(admin, "summary", **query)
    assert reply.status_code == status
    assert reply.get_json()["error"]["code"] == code


def test_unreadable_dates_and_formats_are_422(client: Any) -> None:
    admin = Api(client, login(client, "admin"))
    for query in ({"from": "kemarin"}, {"format": "xml"}):
        assert _get(admin, "summary", **query).status_code == 422


def test_bookings_count_against_the_quota(client: Any, clock: FakeClock,
                                          site: factories.Site) -> None:
    tomorrow = date(2026, 11, 24)
    factories.book(client, day=tomorrow, service="umum", facility=site.code)
    admin = Api(client, login(client, "admin"))
    [row] = _get(admin, "bookings", facility=site.code,
                 **{"from": "2026-11-24"}).get_json()["rows"]
    assert (row["booked"], row["quota"], row["quota_use_pct"]) == (1, 20, 5.0)
    assert (row["checked_in"], row["lead_median_days"]) == (0, 1.0)
