"""Hours on special dates, the open-on-a-date rule with the calendar, and the same-day
booking cutoff (issue 12, points 1 and 2)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from queue_server.domain.calendar import Calendar, ClosedOnDate
from queue_server.domain.errors import InvalidInput
from queue_server.domain.hours import (
    closes_at,
    is_open,
    is_open_on,
    next_opening,
    opens_at,
    parse_hours,
    parse_time,
)
from queue_server.domain.opening import (
    Schedule,
    ServiceClosed,
    closure,
    is_open_now,
    require_open_now,
    require_open_on,
    same_day_refusal,
)
from queue_server.domain.opening import next_opening as next_open_day
from tests.unit.test_calendar import Holidays2026

WIB = ZoneInfo("Asia/Jakarta")
TZ = "Asia/Jakarta"
WEEKLY = {"weekdays": "07:30-14:30", "fri": "07:30-11:00", "sat": "08:00-12:00"}
HOURS = parse_hours({**WEEKLY, "2026-12-24": "07:30-11:00", date(2026, 12, 25): "closed",
                     "2026-12-27": "08:00-10:00"})


def at(day: date, hh: int, mm: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hh, mm, tzinfo=WIB)


CHRISTMAS_EVE, CHRISTMAS = date(2026, 12, 24), date(2026, 12, 25)
MONDAY = date(2026, 11, 23)


def test_a_date_entry_replaces_its_weekday_hours_on_that_date_only() -> None:
    assert HOURS["2026-12-24"] == [["07:30", "11:00"]] and HOURS["2026-12-25"] == []
    assert is_open(HOURS, at(CHRISTMAS_EVE, 10, 59), TZ)  # a Thursday, closing early
    assert not is_open(HOURS, at(CHRISTMAS_EVE, 11, 0), TZ)
    assert is_open(HOURS, at(date(2026, 12, 17), 14, 0), TZ)  # the Thursday before
    assert not is_open_on(HOURS, CHRISTMAS) and is_open_on(HOURS, date(2026, 12, 27))
    assert is_open(HOURS, at(date(2026, 12, 27), 9, 0), TZ)  # a Sunday, open specially
    assert opens_at(HOURS, CHRISTMAS, TZ) is None
    assert closes_at(HOURS, CHRISTMAS_EVE, TZ) == at(CHRISTMAS_EVE, 11, 0)
    assert closes_at(parse_hours("24h"), MONDAY, TZ) == at(MONDAY + timedelta(days=1), 0)


def test_the_next_opening_honours_special_dates() -> None:
    # Christmas Eve after 11:00: Christmas is closed, Saturday 26 opens at 08:00.
    assert next_opening(HOURS, at(CHRISTMAS_EVE, 11, 30), TZ) == at(date(2026, 12, 26), 8)
    # Saturday after noon: Sunday 27's special hours.
    assert next_opening(HOURS, at(date(2026, 12, 26), 12, 30), TZ) == at(date(2026, 12, 27), 8)


@pytest.mark.parametrize("bad", [{"2026-13-01": "24h"}, {"2026-12-24": "pagi"},
                                 {"2026-12-24": ["07:30-11:00", 5]}, {"26-12-2026": "closed"}])
def test_unreadable_date_entries_are_refused(bad: object) -> None:
    with pytest.raises(InvalidInput):
        parse_hours(bad)


def test_a_cutoff_time_must_be_a_quoted_time_of_day() -> None:
    assert parse_time("9:05", "x") == "09:05" and parse_time(" 13:30 ", "x") == "13:30"
    for bad in (810, "25:00", "13.30", None):  # YAML 1.1 reads an unquoted 13:30 as 810
        with pytest.raises(InvalidInput) as raised:
            parse_time(bad, "pkm-x service umum booking_cutoff")
        assert "pkm-x service umum booking_cutoff" in raised.value.message


def schedule(**kw: object) -> Schedule:
    return Schedule(**{"name": "Poli Umum", "timezone": TZ, "hours": HOURS, **kw})


@pytest.fixture
def calendar() -> Calendar:
    return Calendar(Holidays2026(), city={date(2026, 12, 31): "Rapat kerja kota"})


def test_a_holiday_closes_a_service_with_its_reason(calendar: Calendar) -> None:
    hours = parse_hours("24h")
    with pytest.raises(ClosedOnDate) as raised:
        require_open_on(calendar, schedule(hours=hours), CHRISTMAS)
    assert raised.value.code == "closed_on_date"
    assert raised.value.message == "Libur nasional: Hari Raya Natal"
    assert raised.value.message_en == "Public holiday: Hari Raya Natal"
    assert not is_open_now(calendar, schedule(hours=hours), at(CHRISTMAS, 10))


def test_an_emergency_room_stays_open_on_holidays_but_not_on_its_own_closures(
        calendar: Calendar) -> None:
    ugd = schedule(hours=parse_hours("24h"), open_on_holidays=True,
                   facility_closed={date(2026, 12, 2): "Fogging gedung"})
    for day in (CHRISTMAS, CHRISTMAS_EVE, date(2026, 12, 31)):
        require_open_on(calendar, ugd, day)
    assert closure(calendar, ugd, date(2026, 12, 2)).reason == "Tutup: Fogging gedung"


def test_a_closed_date_in_the_hours_and_a_weekday_without_hours(calendar: Calendar) -> None:
    plain = schedule(open_on_holidays=True)
    assert closure(calendar, plain, CHRISTMAS).reason == "Tutup: jadwal khusus pada tanggal ini"
    with pytest.raises(ServiceClosed):
        require_open_on(calendar, plain, date(2026, 11, 29))  # a Sunday: no reason to give
    assert closure(calendar, plain, date(2026, 11, 29)) is None


def test_the_kiosk_s_next_opening_skips_closed_dates(calendar: Calendar) -> None:
    # Wednesday 23 December after closing: 24 (cuti bersama) and 25 (Natal) are closed.
    assert next_open_day(calendar, schedule(), at(date(2026, 12, 23), 15)) == at(
        date(2026, 12, 26), 8)
    # A facility that stays open on cuti bersama opens on the 24th, with its short hours.
    assert next_open_day(calendar, schedule(joint_leave_closes=False),
                         at(date(2026, 12, 23), 15)) == at(CHRISTMAS_EVE, 7, 30)


def test_a_booking_for_today_after_closing_is_refused() -> None:
    """Issue 12: booked at 16:00 for a service that closed at 14:30."""
    refusal = same_day_refusal(schedule(), at(MONDAY, 16), timedelta(0))
    assert refusal is not None and refusal.code == "booking_closed_today"
    assert "14:30" in refusal.message and "14:30" in refusal.message_en
    assert same_day_refusal(schedule(), at(MONDAY, 6), timedelta(0)) is None  # before opening
    assert same_day_refusal(schedule(), at(date(2026, 11, 29), 9), None) is not None  # Sunday


def test_the_default_cutoff_is_closing_time_minus_the_current_wait() -> None:
    hour = timedelta(minutes=60)
    assert same_day_refusal(schedule(), at(MONDAY, 13, 29), hour) is None
    refusal = same_day_refusal(schedule(), at(MONDAY, 13, 30), hour)
    assert refusal is not None and "60" in refusal.message
    # No estimate (no counter open): the closing time itself.
    assert same_day_refusal(schedule(), at(MONDAY, 14, 29), None) is None
    # Special hours on a date move the closing time: Christmas Eve closes at 11:00.
    assert same_day_refusal(schedule(), at(CHRISTMAS_EVE, 10, 30), hour) is not None


def test_a_configured_cutoff_replaces_the_default() -> None:
    cut = schedule(booking_cutoff="11:00")
    assert same_day_refusal(cut, at(MONDAY, 10, 59), timedelta(hours=5)) is None
    refusal = same_day_refusal(cut, at(MONDAY, 11, 0), timedelta(0))
    assert refusal is not None and "11:00" in refusal.message
    assert same_day_refusal(cut, at(MONDAY, 15, 0), timedelta(0)).message.startswith(
        "Poli Umum hari ini sudah tutup")


def test_a_walk_in_now_is_refused_with_the_days_reason_first(calendar: Calendar) -> None:
    """`require_open_now` is `is_open_now` with its reason: the calendar's (or a closed
    date's) before the hours'."""
    with pytest.raises(ClosedOnDate):  # Christmas, and 20:00 is after hours too
        require_open_now(calendar, schedule(), at(CHRISTMAS, 20))
    with pytest.raises(ServiceClosed) as late:
        require_open_now(calendar, schedule(), at(MONDAY, 20))
    assert late.value.code == "service_closed"
    require_open_now(calendar, schedule(), at(MONDAY, 9))
    for moment in (at(CHRISTMAS, 20), at(MONDAY, 20), at(MONDAY, 9), at(CHRISTMAS_EVE, 11)):
        try:
            require_open_now(calendar, schedule(), moment)
            refused = False
        except (ClosedOnDate, ServiceClosed):
            refused = True
        assert refused is not is_open_now(calendar, schedule(), moment)
