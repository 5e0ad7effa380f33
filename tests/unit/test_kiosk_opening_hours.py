"""When a closed service opens next: what the kiosk says ("Buka besok 07:30")."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from queue_server.domain.hours import next_opening, parse_hours

WIB = ZoneInfo("Asia/Jakarta")
TZ = "Asia/Jakarta"
HOURS = parse_hours({"weekdays": ["07:30-12:00", "13:00-14:30"], "fri": "07:30-11:00",
                     "sat": "08:00-12:00"})


def at(day: int, hh: int, mm: int = 0) -> datetime:
    # 23 Nov 2026 is a Monday.
    return datetime(2026, 11, 23, hh, mm, tzinfo=WIB) + timedelta(days=day)


@pytest.mark.parametrize(("moment", "expected"), [
    (at(0, 6, 0), at(0, 7, 30)),  # before opening: today
    (at(0, 12, 15), at(0, 13, 0)),  # the midday break: the afternoon range
    (at(0, 14, 30), at(1, 7, 30)),  # closing time: tomorrow
    (at(0, 23, 59), at(1, 7, 30)),
    (at(4, 11, 0), at(5, 8, 0)),  # Friday's short day: Saturday
    (at(5, 12, 0), at(7, 7, 30)),  # Saturday noon: Sunday closed, so Monday
    (at(6, 10, 0), at(7, 7, 30)),  # Sunday
])
def test_a_closed_service_opens_at_the_next_range_start(moment: datetime,
                                                        expected: datetime) -> None:
    assert next_opening(HOURS, moment, TZ) == expected


def test_an_open_service_or_one_that_never_opens_has_no_opening() -> None:
    assert next_opening(HOURS, at(0, 8, 0), TZ) is None
    assert next_opening(parse_hours("24h"), at(3, 3, 0), TZ) is None
    assert next_opening(parse_hours({}), at(0, 8, 0), TZ) is None


def test_the_answer_is_in_the_facility_s_time_zone_whatever_the_moment_s_zone() -> None:
    utc = datetime(2026, 11, 23, 8, 0, tzinfo=ZoneInfo("UTC"))  # 15:00 WIB, Monday
    opening = next_opening(HOURS, utc, TZ)
    assert opening is not None and opening.isoformat() == "2026-11-24T07:30:00+07:00"


def test_only_sunday_open_is_found_six_days_ahead() -> None:
    sundays = parse_hours({"sun": "09:00-10:00"})
    assert next_opening(sundays, at(0, 8, 0), TZ) == at(6, 9, 0)
    assert next_opening(sundays, at(6, 10, 0), TZ) == at(13, 9, 0)


def test_closed_dates_are_skipped() -> None:
    """A holiday on Tuesday: after Monday's closing the service opens on Wednesday."""
    holidays = {at(1, 0).date(), at(7, 0).date()}
    assert next_opening(HOURS, at(0, 15, 0), TZ, holidays.__contains__) == at(2, 7, 30)
    # Open hours on a holiday are closed too: the Monday after is skipped as well.
    assert next_opening(HOURS, at(7, 8, 0), TZ, holidays.__contains__) == at(8, 7, 30)
