"""When a service's queue day ends, and which days' tickets it calls (issue 12, point 3)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from queue_server.domain.dayend import (
    DEFAULT_GRACE,
    DayNotOver,
    carries_over,
    day_ends_at,
    day_is_over,
    queue_days,
    require_day_over,
)
from queue_server.domain.hours import parse_hours

WIB, WITA = ZoneInfo("Asia/Jakarta"), ZoneInfo("Asia/Makassar")
MONDAY, TUESDAY = date(2026, 11, 23), date(2026, 11, 24)
DAYTIME = parse_hours({"weekdays": "07:30-14:30", "sat": "08:00-12:00"})
ROUND_THE_CLOCK = parse_hours("24h")
HOUR = timedelta(minutes=60)


def test_a_daytime_day_ends_at_closing_time_plus_the_grace() -> None:
    assert day_ends_at(DAYTIME, MONDAY, "Asia/Jakarta", HOUR) == datetime(
        2026, 11, 23, 15, 30, tzinfo=WIB)
    assert DEFAULT_GRACE == HOUR


def test_the_day_ends_in_the_facilitys_own_zone() -> None:
    # 15:30 WITA is 14:30 WIB: a puskesmas in Bali closes its day an hour before Java's.
    ends = day_ends_at(DAYTIME, MONDAY, "Asia/Makassar", HOUR)
    assert ends == datetime(2026, 11, 23, 15, 30, tzinfo=WITA)
    assert ends.astimezone(UTC) == datetime(2026, 11, 23, 7, 30, tzinfo=UTC)


def test_the_day_is_over_only_from_its_end() -> None:
    end = datetime(2026, 11, 23, 15, 30, tzinfo=WIB)
    assert not day_is_over(DAYTIME, MONDAY, end - timedelta(seconds=1), "Asia/Jakarta", HOUR)
    assert day_is_over(DAYTIME, MONDAY, end, "Asia/Jakarta", HOUR)
    assert day_is_over(DAYTIME, MONDAY, end + timedelta(days=1), "Asia/Jakarta", HOUR)


def test_the_grace_is_configurable() -> None:
    quick = day_ends_at(DAYTIME, MONDAY, "Asia/Jakarta", timedelta(minutes=15))
    assert quick == datetime(2026, 11, 23, 14, 45, tzinfo=WIB)


def test_saturday_ends_after_its_shorter_hours_and_a_closed_day_at_its_midnight() -> None:
    saturday, sunday = date(2026, 11, 28), date(2026, 11, 29)
    assert day_ends_at(DAYTIME, saturday, "Asia/Jakarta", HOUR) == datetime(
        2026, 11, 28, 13, 0, tzinfo=WIB)
    # Sunday has no hours (a ticket issued by hand anyway): its end plus the grace.
    assert day_ends_at(DAYTIME, sunday, "Asia/Jakarta", HOUR) == datetime(
        2026, 11, 30, 1, 0, tzinfo=WIB)


def test_special_hours_on_a_date_set_that_days_end() -> None:
    christmas_eve = date(2026, 12, 24)  # a Thursday, open 07:30-11:00 only
    hours = parse_hours({"weekdays": "07:30-14:30", "2026-12-24": "07:30-11:00"})
    assert day_ends_at(hours, christmas_eve, "Asia/Jakarta", HOUR) == datetime(
        2026, 12, 24, 12, 0, tzinfo=WIB)


def test_a_24_hour_service_carries_its_patients_past_midnight() -> None:
    assert carries_over(ROUND_THE_CLOCK, MONDAY)
    assert not carries_over(DAYTIME, MONDAY)
    # Monday's tickets are still called on Tuesday; they close when Tuesday ends.
    assert day_ends_at(ROUND_THE_CLOCK, MONDAY, "Asia/Jakarta", HOUR) == datetime(
        2026, 11, 25, 0, 0, tzinfo=WIB)


def test_open_to_midnight_without_reopening_at_midnight_does_not_carry_over() -> None:
    evening = parse_hours({"mon": "16:00-24:00"})
    assert not carries_over(evening, MONDAY)
    assert day_ends_at(evening, MONDAY, "Asia/Jakarta", HOUR) == datetime(
        2026, 11, 24, 1, 0, tzinfo=WIB)


def test_a_daytime_service_calls_only_todays_tickets() -> None:
    assert queue_days(DAYTIME, TUESDAY) == (TUESDAY,)
    assert queue_days(ROUND_THE_CLOCK, TUESDAY) == (TUESDAY, MONDAY)


def test_closing_a_day_before_its_end_is_refused_with_when_it_ends() -> None:
    early = datetime(2026, 11, 23, 15, 0, tzinfo=WITA)
    with pytest.raises(DayNotOver) as caught:
        require_day_over("Poli Umum", DAYTIME, MONDAY, early, "Asia/Makassar", HOUR)
    assert caught.value.code == "day_not_over"
    assert "15:30 WITA" in caught.value.message and "15:30 WITA" in caught.value.message_en
    require_day_over("Poli Umum", DAYTIME, MONDAY, early + timedelta(minutes=30),
                     "Asia/Makassar", HOUR)
