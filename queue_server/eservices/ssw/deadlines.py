"""Deadlines in working days (hari kerja: weekends, national holidays, cuti bersama and
city closures skipped, domain.calendar): a warning once 80 % of a permit's working days
are used, overdue after the due day (SSW's service standards fix each permit's days; OSS RBA,
PP 5/2021, counts an undecided application past its deadline as granted, so the
deadlines are watched)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from queue_server.domain.calendar import Calendar
from queue_server.services.cases import city_today
from queue_server.services.closures import calendar as city_calendar
from queue_server.services.port_cases import CaseRow, CaseWork
from queue_server.services.ports import Clock

from .models import SswPermitType

WARNING_PERCENT = 80


def _said(used: int, days: int) -> dict[str, Any]:
    """`used_days` of `days`: `percent` (whole number), `warning` (≥ 80 %), `overdue`
    (after the due day: more working days used than allowed; the due day itself is on
    time)."""
    percent = 100 * used // days if days > 0 else (100 if used >= 0 else 0)
    return {"used_days": used, "days": days, "percent": percent,
            "warning": percent >= WARNING_PERCENT, "overdue": used > days}


def measure(start: date, end: date, days: int, calendar: Calendar) -> dict[str, Any]:
    """Working days used from `start` to `end` out of `days` (_said)."""
    return _said(max(0, calendar.working_days_between(start, end)), days)


def _day(moment: datetime, tz: str) -> date:
    return moment.astimezone(ZoneInfo(tz)).date()


def progress(case: CaseRow, permit_type: SswPermitType, today: date,
             calendar: Calendar, tz: str = "Asia/Jakarta") -> dict[str, Any]:
    """The application's progress against its permit's working days, counted from the
    day its documents were complete (the case's `due`, set then: start_clock) to
    `today` (to the day it closed, once decided): `used_days`, `days`, `percent`,
    `warning`, `overdue` (after the due day), `started` (False while the documents are
    not complete yet, or sent back to the applicant: those days do not count)."""
    days = int(permit_type.days)
    if case.due is None:
        return {**_said(0, days), "started": False}
    end = _day(case.closed_at, tz) if case.closed_at is not None else today
    used = max(0, days - calendar.working_days_between(end, case.due))
    return {**_said(used, days), "started": True}


def review_progress(started: datetime, due: date, decided: datetime | None, today: date,
                    calendar: Calendar, tz: str = "Asia/Jakarta") -> dict[str, Any]:
    """One review's progress against its own deadline (its office's working days from
    the day it started to `due`); decided on its due day is on time."""
    start = _day(started, tz)
    days = max(1, calendar.working_days_between(start, due))
    end = _day(decided, tz) if decided is not None else today
    return measure(start, end, days, calendar)


def days_left(events: Sequence[Any]) -> int | None:
    """The working days the application had left when the desk last sent it back to
    the applicant (the `revise` event's `days_left`), None when it never was."""
    for event in reversed(events):
        if event.action == "revise" and "days_left" in (event.data or {}):
            return int(event.data["days_left"])
    return None


def start_clock(uow: CaseWork, clock: Clock, case: CaseRow, permit: SswPermitType,
                tz: str) -> None:
    """Every required document accepted: the permit's working days start today (its
    form promises "10 hari kerja setelah berkas lengkap"), or, after a send-back, the
    days that were left then (days_left): the case's `due`."""
    left = days_left(uow.cases.events(case.id))
    today = city_today(clock, tz)
    case.due = city_calendar(uow).add_working_days(
        today, permit.days if left is None else left)


def pause_clock(uow: CaseWork, clock: Clock, case: CaseRow, tz: str) -> int:
    """Sending the application back to its applicant stops its clock: the working days
    left (0 when past the due day) are returned, to keep with the `revise` event, and
    the case's `due` cleared until the documents are complete again (the revision has
    its own deadline: the state's)."""
    left = 0
    if case.due is not None:
        today = city_today(clock, tz)
        left = max(0, city_calendar(uow).working_days_between(today, case.due))
    case.due = None
    return left
