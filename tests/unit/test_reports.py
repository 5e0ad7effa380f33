"""The report statistics: nearest-rank percentiles, one ticket's times and outcome, the
service level, the hour and heat-map tables, and the CSV form."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from mobile_api.report_schemas import as_csv
from queue_server.domain import reports_tables as tables
from queue_server.domain.report_range import (
    ReportDateNotUnderstood,
    ReportDatesReversed,
    ReportRangeTooLong,
    check_days,
    read_day,
)
from queue_server.domain.reports import (
    TicketFacts,
    figures,
    median,
    percentile,
    to_entry,
)
from queue_server.domain.reports_tables import CounterInfo, FacilityScope, ServiceInfo

DAY = date(2026, 11, 23)  # a Monday
T0 = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)  # 08:00 in Jakarta


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


def ticket(n: int, arrive: float, call: float | None = None, finish: float | None = None,
           **kw: object) -> TicketFacts:
    """A walk-in arriving `arrive` minutes after 08:00, called and finished then."""
    fields: dict[str, object] = dict(
        ticket_id=n, facility_id=1, service_id=10, counter_id=5, day=DAY, source="walk_in",
        channel="kiosk", status="done" if finish is not None else "waiting",
        issued=at(arrive), first_call=None if call is None else at(call),
        last_call=None if call is None else at(call),
        finished=None if finish is None else at(finish),
        left=None if call is None else at(call))
    fields.update(kw)
    return TicketFacts(**fields)  # type: ignore[arg-type]


SCOPE = [FacilityScope(1, "pkm-a", "Puskesmas A", "Asia/Jakarta",
                       (ServiceInfo(10, "umum", "Poli Umum", 30, 10),),
                       (CounterInfo(5, "ruang-1", "Ruang 1"),))]


def test_percentiles_are_nearest_rank_observed_values() -> None:
    assert median([4, 1, 3, 2]) == 2
    assert median([5]) == 5
    assert percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90) == 9
    assert percentile(list(range(1, 12)), 90) == 10  # rank ceil(9.9) = 10
    assert median([]) is None and percentile([], 90) is None


def test_a_booking_waits_from_its_check_in_not_its_making() -> None:
    booked = ticket(1, -600, call=20, finish=30, source="booking", checked_in=at(5))
    assert booked.wait_minutes == 15


def test_a_recalled_patient_waits_until_the_last_call() -> None:
    recalled = ticket(1, 0, call=10, finish=20, last_call=at(14))
    assert (recalled.wait_minutes, recalled.service_minutes) == (14, 6)


def test_service_time_counts_from_start_when_there_is_one() -> None:
    assert ticket(1, 0, call=10, finish=20, started=at(12)).service_minutes == 8


def test_outcomes_tell_a_skip_from_a_day_end_close() -> None:
    assert ticket(1, 0, status="no_show").outcome == "no_show"
    assert ticket(1, 0, status="no_show", closed=True).outcome == "closed"
    assert ticket(1, 0, status="cancelled").outcome == "cancelled"


def test_service_level_is_the_share_called_within_the_target() -> None:
    group = [ticket(1, 0, 10, 15), ticket(2, 0, 30, 35), ticket(3, 0, 31, 40),
             ticket(4, 0)]  # 4 not yet called: no wait measured
    row = figures(group, 30)
    assert (row["sla_pct"], row["over_target"], row["tickets"], row["served"]) == (
        66.7, 1, 4, 3)
    assert row["channel_kiosk"] == 4


def test_transferred_in_tickets_count_under_their_own_channel() -> None:
    row = figures([ticket(1, 0, source="transfer", channel="kiosk")], 30)
    assert (row["channel_transfer"], row["channel_kiosk"]) == (1, 0)


def test_people_still_waiting_at_each_hours_end() -> None:
    group = [ticket(1, 10, call=70, finish=80),  # 08:10 → called 09:10
             ticket(2, 50, call=55, finish=60),  # called before 09:00
             ticket(3, 100)]                     # 09:40, never called
    rows = {r["hour"]: r for r in tables.hourly(SCOPE, group, DAY, DAY, T0 + timedelta(days=1))}
    assert rows["08"]["waiting_at_end"] == 1.0
    assert rows["09"]["waiting_at_end"] == 1.0  # ticket 3 still waits at 10:00
    assert rows["08"]["arrivals"] == 2 and rows["09"]["arrivals"] == 1


def test_today_stops_at_the_current_hour_and_its_end_is_not_yet_counted() -> None:
    now = at(8 * 60 + 2)  # 16:02 in Jakarta
    zone = ZoneInfo("Asia/Jakarta")
    group = [to_entry(ticket(1, 10), zone, now),      # 08:10, still waiting
             to_entry(ticket(2, 8 * 60), zone, now)]  # 16:00, still waiting
    rows = {str(r["hour"]): r for r in tables.hourly(SCOPE, group, DAY, DAY, now)}
    assert sorted(rows) == [f"{h:02d}" for h in range(8, 17)]
    assert rows["15"]["waiting_at_end"] == 1.0
    assert (rows["16"]["arrivals"], rows["16"]["waiting_at_end"]) == (1, None)
    # From yesterday to a future day: hour 15 ended on both days, 16 and 17 on one.
    ended = tables.hours_ended(DAY - timedelta(days=1), DAY + timedelta(days=3),
                               now.astimezone(zone))
    assert (ended[15], ended[16], ended[17]) == (2, 1, 1)


def test_deactivated_services_and_counters_stay_while_they_have_tickets() -> None:
    scope = [FacilityScope(1, "pkm-a", "A", "Asia/Jakarta",
                           (ServiceInfo(10, "umum", "Umum", 30, 10, active=False),
                            ServiceInfo(11, "gigi", "Gigi", 30, 10, active=False)),
                           (CounterInfo(5, "ruang-1", "Ruang 1", active=False),
                            CounterInfo(6, "ruang-2", "Ruang 2", active=False)))]
    [kept] = tables.in_use(scope, [to_entry(ticket(1, 0), UTC)])
    assert [s.code for s in kept.services] == ["umum"]
    assert [c.code for c in kept.counters] == ["ruang-1"]
    [named] = tables.in_use(scope, [], named="gigi")
    assert [s.code for s in named.services] == ["gigi"]


def test_report_dates_must_be_year_month_day() -> None:
    assert read_day("from", "2026-11-30") == date(2026, 11, 30)
    for bad in ("kemarin", "2026-02-30", "2026-W48-1", "20261130", "30-11-2026"):
        with pytest.raises(ReportDateNotUnderstood) as caught:
            read_day("from", bad)
        assert caught.value.code == "invalid_date"
        assert "Tanggal awal" in caught.value.message


def test_heat_map_cells_are_local_weekday_and_hour() -> None:
    late = ticket(1, 16 * 60 + 5)  # 00:05 on Tuesday, Jakarta
    rows = tables.heatmap(SCOPE, [ticket(2, 0), late])
    assert rows[0]["h08"] == 1 and rows[1]["h00"] == 1
    assert len(rows) == 7


def test_bookings_measure_quota_use_and_lead_time() -> None:
    made = datetime(2026, 11, 20, 3, 0, tzinfo=UTC)
    group = [ticket(1, 0, source="booking", issued=made, status="booked"),
             ticket(2, 0, source="booking", issued=made, status="no_show", closed=True)]
    [row] = tables.bookings(SCOPE, group, {10: 2})  # open for bookings on 2 days
    assert (row["booked"], row["quota"], row["quota_use_pct"]) == (2, 20, 10.0)
    assert (row["not_arrived"], row["lead_median_days"]) == (1, 3.0)


def test_day_ranges_are_checked() -> None:
    check_days(DAY, DAY)
    with pytest.raises(ReportDatesReversed):
        check_days(DAY, DAY - timedelta(days=1))
    with pytest.raises(ReportRangeTooLong):
        check_days(DAY - timedelta(days=366), DAY)


def test_csv_keeps_formulas_as_text_and_none_as_empty() -> None:
    text = as_csv([{"name": "=HYPERLINK(1)", "sla_pct": None, "served": 3}])
    [row] = list(csv.DictReader(io.StringIO(text)))
    assert row == {"name": "'=HYPERLINK(1)", "sla_pct": "", "served": "3"}
    assert as_csv([]) == ""


def test_an_entry_keeps_the_exact_minutes_of_its_moments() -> None:
    """The roll-up's whole microseconds give the very floats the moments give, so the
    rounded medians cannot differ by a tenth at a boundary."""
    odd = [ticket(n, 0, call=n * 7.000_013 + 0.05, finish=n * 11.3 + 0.05 + n * 7.000_013,
                  started=at(n * 7.000_013 + 0.05)) for n in range(1, 200)]
    for t in odd:
        e = to_entry(t, UTC)
        assert (e.wait_minutes, e.service_minutes) == (t.wait_minutes, t.service_minutes)
    assert figures(odd, 30) == figures([to_entry(t, UTC) for t in odd], 30)


def test_an_entry_holds_local_hour_weekday_and_the_hours_it_waited_through() -> None:
    late = to_entry(ticket(1, 16 * 60 + 5), ZoneInfo("Asia/Jakarta"))  # 00:05 Tuesday
    assert (late.hour, late.weekday, late.waiting_until) == (0, 1, 24)
    called = to_entry(ticket(2, 10, call=70, finish=80), ZoneInfo("Asia/Jakarta"))
    assert (called.hour, called.waiting_until, called.outcome) == (8, 9, "served")
    booked = to_entry(ticket(3, 0, source="booking", issued=datetime(2026, 11, 20, 3, 0,
                                                                     tzinfo=UTC)), UTC)
    assert (booked.booking, booked.lead_days, booked.hour) == (True, 3, None)
