"""Deadlines in working days (hari kerja: weekends, national holidays, cuti bersama and
city closures skipped, domain.calendar): a warning once 80 % of a permit's working days
are used, overdue at 100 % (SSW's service standards fix each permit's days; OSS RBA,
PP 5/2021, counts an undecided application past its deadline as granted, so the
deadlines are watched)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from queue_server.domain.calendar import Calendar
from queue_server.services.port_cases import CaseRow

from .models import SswPermitType

WARNING_PERCENT = 80
OVERDUE_PERCENT = 100


def measure(start: date, end: date, days: int, calendar: Calendar) -> dict[str, Any]:
    """Working days used from `start` to `end` out of `days`: `used_days`, `days`,
    `percent` (whole number), `warning` (≥ 80 %), `overdue` (≥ 100 %)."""
    used = max(0, calendar.working_days_between(start, end))
    percent = 100 * used // days if days > 0 else 100
    return {"used_days": used, "days": days, "percent": percent,
            "warning": percent >= WARNING_PERCENT, "overdue": percent >= OVERDUE_PERCENT}


def _day(moment: datetime, tz: str) -> date:
    return moment.astimezone(ZoneInfo(tz)).date()


def progress(case: CaseRow, permit_type: SswPermitType, today: date,
             calendar: Calendar, tz: str = "Asia/Jakarta") -> dict[str, Any]:
    """The application's progress against its permit's working days, counted from the
    day it was filed to `today` (to the day it closed, once decided): `used_days`,
    `days`, `percent`, `warning`, `overdue` (measure)."""
    end = _day(case.closed_at, tz) if case.closed_at is not None else today
    return measure(_day(case.opened_at, tz), end, permit_type.days, calendar)


def review_progress(started: datetime, due: date, decided: datetime | None, today: date,
                    calendar: Calendar, tz: str = "Asia/Jakarta") -> dict[str, Any]:
    """One review's progress against its own deadline (its office's working days from
    the day it started to `due`)."""
    start = _day(started, tz)
    days = max(1, calendar.working_days_between(start, due))
    end = _day(decided, tz) if decided is not None else today
    return measure(start, end, days, calendar)
