"""The calendar: closures with their reasons, and working days (hari kerja)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import ClassVar

import pytest

from queue_server.domain.calendar import Calendar, parse_closures
from queue_server.domain.errors import InvalidInput


class Holidays2026:
    """The 2026 dates the `holidays` package gives for Indonesia (a few of them)."""

    NATIONAL: ClassVar[dict[date, str]] = {date(2026, 12, 25): "Hari Raya Natal", date(2026, 8, 17):
                "Hari Kemerdekaan Republik Indonesia", date(2026, 5, 14):
                "Kenaikan Yesus Kristus"}
    JOINT: ClassVar[dict[date, str]] = {date(2026, 12, 24): "Cuti Bersama Hari Raya Natal",
             date(2026, 5, 15): "Cuti Bersama Kenaikan Yesus Kristus"}

    def national(self, year: int) -> Mapping[date, str]:
        return self.NATIONAL if year == 2026 else {}

    def joint_leave(self, year: int) -> Mapping[date, str]:
        return self.JOINT if year == 2026 else {}


@pytest.fixture
def calendar() -> Calendar:
    return Calendar(Holidays2026(), city={date(2026, 12, 31): "Rapat kerja kota"})


def test_christmas_is_closed_with_its_name(calendar: Calendar) -> None:
    closed = calendar.closure(date(2026, 12, 25))
    assert closed is not None and closed.kind == "national"
    assert closed.reason == "Libur nasional: Hari Raya Natal"
    assert closed.reason_en == "Public holiday: Hari Raya Natal"


def test_cuti_bersama_closes_only_a_facility_that_chooses_so(calendar: Calendar) -> None:
    eve = date(2026, 12, 24)
    assert calendar.closure(eve).reason == "Cuti Bersama Hari Raya Natal"
    assert calendar.closure(eve, joint_leave_closes=False) is None


def test_city_facility_and_service_closures_carry_their_reasons(calendar: Calendar) -> None:
    assert calendar.closure(date(2026, 12, 31)).reason == "Tutup: Rapat kerja kota"
    fumigation = {date(2026, 12, 2): "Fogging gedung"}
    assert calendar.closure(date(2026, 12, 2), facility=fumigation).kind == "facility"
    dentist = {date(2026, 12, 3): "Dokter gigi pelatihan"}
    closed = calendar.closure(date(2026, 12, 3), service=dentist)
    assert closed.kind == "service" and closed.reason == "Tutup: Dokter gigi pelatihan"
    assert calendar.closure(date(2026, 12, 4), facility=fumigation, service=dentist) is None


def test_working_days_skip_weekends_holidays_and_cuti_bersama(calendar: Calendar) -> None:
    assert calendar.is_working_day(date(2026, 12, 23))  # a Wednesday
    assert not calendar.is_working_day(date(2026, 12, 24))  # cuti bersama
    assert not calendar.is_working_day(date(2026, 12, 26))  # a Saturday
    # From Wednesday 23 December: Mon 28, Tue 29, Wed 30, then 31 is closed, Fri 1 January
    # is an ordinary day in this source, so 5 working days land on Monday 4 January.
    assert calendar.add_working_days(date(2026, 12, 23), 3) == date(2026, 12, 30)
    assert calendar.add_working_days(date(2026, 12, 23), 5) == date(2027, 1, 4)
    assert calendar.add_working_days(date(2026, 12, 30), -3) == date(2026, 12, 23)
    assert calendar.add_working_days(date(2026, 12, 23), 0) == date(2026, 12, 23)


def test_working_days_between_counts_like_a_deadline(calendar: Calendar) -> None:
    assert calendar.working_days_between(date(2026, 12, 23), date(2026, 12, 30)) == 3
    assert calendar.working_days_between(date(2026, 12, 30), date(2026, 12, 23)) == -3
    assert calendar.working_days_between(date(2026, 5, 13), date(2026, 5, 18)) == 1
    start = date(2026, 12, 23)
    for n in range(0, 12):
        assert calendar.working_days_between(start, calendar.add_working_days(start, n)) == n


def test_closed_dates_from_a_configuration_file_need_a_date_and_a_reason() -> None:
    parsed = parse_closures([{"date": "2026-12-31", "reason": "Rapat kerja"},
                             {"date": date(2026, 12, 2), "reason": " Fogging "}], "kota")
    assert parsed == {date(2026, 12, 31): "Rapat kerja", date(2026, 12, 2): "Fogging"}
    for bad in ([{"date": "2026-13-01", "reason": "x"}], [{"date": "2026-12-01"}],
                ["2026-12-01"], "2026-12-01"):
        with pytest.raises(InvalidInput) as raised:
            parse_closures(bad, "pkm-demo")
        assert "pkm-demo" in raised.value.message
