"""The production HolidaySource against the real `holidays` package (pinned 0.109)."""

from __future__ import annotations

from datetime import date

from queue_server.domain.calendar import Calendar
from queue_server.services.holiday_source import PackageHolidays


def test_2026_christmas_is_a_national_holiday_and_its_eve_cuti_bersama() -> None:
    source = PackageHolidays()
    assert source.national(2026)[date(2026, 12, 25)] == "Hari Raya Natal"
    assert source.joint_leave(2026)[date(2026, 12, 24)] == "Cuti Bersama Hari Raya Natal"
    assert date(2026, 12, 24) not in source.national(2026)
    assert source.national(2026)[date(2026, 8, 17)] == "Hari Kemerdekaan Republik Indonesia"


def test_each_year_is_built_once_per_process() -> None:
    source = PackageHolidays()
    assert source.national(2026) is source.national(2026)
    assert source.joint_leave(2027) is source.joint_leave(2027)


def test_the_calendar_over_the_package_names_the_closure() -> None:
    calendar = Calendar(PackageHolidays())
    assert calendar.closure(date(2026, 12, 25)).reason == "Libur nasional: Hari Raya Natal"
    assert calendar.closure(date(2026, 12, 24)).reason == "Cuti Bersama Hari Raya Natal"
    assert calendar.closure(date(2026, 12, 24), joint_leave_closes=False) is None
    # Idul Fitri 2026 and its cuti bersama: Friday 20 to Tuesday 24 March, no working day.
    assert [calendar.is_working_day(date(2026, 3, d)) for d in range(19, 26)] == [
        False, False, False, False, False, False, True]
