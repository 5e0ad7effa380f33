"""Whether a service takes patients on a date, and whether a booking for today still
leaves time to be served (issue 12, points 1 and 2).

A date is closed for a service when the calendar closes it (a national holiday, cuti
bersama where the facility chooses so, a city-wide, facility or service closure; a
service open on holidays ignores the first three), when its hours mark the date
`closed`, or when its weekly hours have no opening that weekday. A booking for today is
taken only while the service has not closed today and before its cutoff: the configured
`booking_cutoff`, else the closing time minus the current estimated wait.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from . import hours as h
from .calendar import Calendar, Closed, ClosedOnDate
from .dates import long_date
from .errors import DomainError, Words
from .texts import both

SPECIAL_CLOSED = Closed("special", *both("calendar.special"))


@dataclass(frozen=True)
class Schedule:
    """What decides a service's open dates and its same-day bookings.

    `hours`: weekly and special-date ranges (domain.hours); `facility_closed`,
    `service_closed`: local closures (date → reason); `joint_leave_closes`: the
    facility's choice for cuti bersama; `open_on_holidays`: the service ignores national
    holidays, cuti bersama and city closures; `booking_cutoff`: "HH:MM" or None.
    """

    name: str
    timezone: str
    hours: h.Hours
    facility_closed: Mapping[date, str] = field(default_factory=dict)
    service_closed: Mapping[date, str] = field(default_factory=dict)
    joint_leave_closes: bool = True
    open_on_holidays: bool = False
    booking_cutoff: str | None = None


class ServiceClosed(DomainError):
    """The service's hours have no opening then: a walk-in now (`day` None) or a
    booking on `day` (no hours that weekday). 409 `service_closed`."""

    code = "service_closed"
    text_id = "Pendaftaran ke {service} tutup {when}."
    text_en = "{service} is closed {when}."

    def __init__(self, service: str, day: date | None = None):
        when = (Words(f"pada {long_date(day)}", f"on {long_date(day, 'en')}") if day
                else Words("pada jam ini", "at this time"))
        super().__init__(service=service, when=when)


class BookingClosedToday(DomainError, category=True):
    """A booking for today that could not be served today: 409 `booking_closed_today`."""

    code = "booking_closed_today"


class NotOpenToday(BookingClosedToday):
    text_id = "{service} tidak buka hari ini; pilih tanggal lain."
    text_en = "{service} is not open today; choose another date."

    def __init__(self, service: str):
        super().__init__(service=service)


class ClosedForToday(BookingClosedToday):
    text_id = "{service} hari ini sudah tutup (pukul {at}); pilih tanggal lain."
    text_en = "{service} has closed for today (at {at}); choose another date."

    def __init__(self, service: str, at: str):
        super().__init__(service=service, at=at)


class PastBookingCutoff(BookingClosedToday):
    """Past the service's configured `booking_cutoff` for today."""

    text_id = "Booking untuk hari ini di {service} ditutup pukul {cutoff}; pilih tanggal lain."
    text_en = "Bookings for today at {service} closed at {cutoff}; choose another date."

    def __init__(self, service: str, cutoff: str):
        super().__init__(service=service, cutoff=cutoff)


class QueueOutlastsDay(BookingClosedToday):
    """The queue now would not be served before closing (the default cutoff)."""

    text_id = ("Booking untuk hari ini di {service} sudah ditutup: antrean sekarang "
               "(± {minutes} menit) tidak selesai sebelum tutup pukul {at}; pilih tanggal "
               "lain.")
    text_en = ("Bookings for today at {service} have closed: the queue now (about "
               "{minutes} min) would not be served before closing at {at}; choose "
               "another date.")

    def __init__(self, service: str, minutes: int, at: str):
        super().__init__(service=service, minutes=minutes, at=at)


def closure(calendar: Calendar, schedule: Schedule, day: date) -> Closed | None:
    """Why `day` is closed for the service (calendar first, then a `closed` date in its
    hours), or None. A weekday without hours is not a closure with a reason."""
    found = calendar.closure(day, joint_leave_closes=schedule.joint_leave_closes,
                             facility=schedule.facility_closed,
                             service=schedule.service_closed,
                             holidays_close=not schedule.open_on_holidays)
    if found is None and h.has_special_hours(schedule.hours, day) and not h.is_open_on(
            schedule.hours, day):
        return SPECIAL_CLOSED
    return found


def require_open_on(calendar: Calendar, schedule: Schedule, day: date) -> None:
    """Raises ClosedOnDate (with the reason) or ServiceClosed (no hours that weekday)
    unless the service opens on `day`."""
    closed = closure(calendar, schedule, day)
    if closed is not None:
        raise ClosedOnDate(closed)
    if not h.is_open_on(schedule.hours, day):
        raise ServiceClosed(schedule.name, day)


def is_open_now(calendar: Calendar, schedule: Schedule, now: datetime) -> bool:
    """Open at `now` by its hours, on a date the calendar does not close."""
    if not h.is_open(schedule.hours, now, schedule.timezone):
        return False
    return closure(calendar, schedule, _local(now, schedule).date()) is None


def require_open_now(calendar: Calendar, schedule: Schedule, now: datetime) -> None:
    """`is_open_now`'s rule with its reason (a walk-in taken at `now`): raises ClosedOnDate
    (409 `closed_on_date`: the calendar's reason, or a `closed` date in the hours) first,
    else ServiceClosed (409 `service_closed`: no opening at this time of day)."""
    closed = closure(calendar, schedule, _local(now, schedule).date())
    if closed is not None:
        raise ClosedOnDate(closed)
    if not h.is_open(schedule.hours, now, schedule.timezone):
        raise ServiceClosed(schedule.name)


def next_opening(calendar: Calendar, schedule: Schedule, now: datetime) -> datetime | None:
    """When a service closed at `now` opens next, closed dates skipped (None while open)."""
    return h.next_opening(schedule.hours, now, schedule.timezone,
                          lambda day: closure(calendar, schedule, day) is not None)


def same_day_refusal(schedule: Schedule, now: datetime,
                     wait: timedelta | None) -> BookingClosedToday | None:
    """Why a booking for today made at `now` would not be served today, or None.

    `wait`: the service's current estimated wait (None when it cannot be estimated: then
    the default cutoff is the closing time itself). Issue 12: a booking at 16:00 for a
    service that closed at 14:30 was accepted with an estimate of 16:00.
    """
    local = _local(now, schedule)
    closing = h.closes_at(schedule.hours, local.date(), schedule.timezone)
    if closing is None:
        return NotOpenToday(schedule.name)
    if local >= closing:
        return ClosedForToday(schedule.name, _hhmm(closing, local.date()))
    if schedule.booking_cutoff:
        cutoff = datetime.combine(local.date(), time.fromisoformat(schedule.booking_cutoff),
                                  tzinfo=local.tzinfo)
        return PastBookingCutoff(schedule.name, schedule.booking_cutoff) if (
            local >= cutoff) else None
    if local >= closing - (wait or timedelta()):
        minutes = round((wait or timedelta()).total_seconds() / 60)
        return QueueOutlastsDay(schedule.name, minutes, _hhmm(closing, local.date()))
    return None


def _local(now: datetime, schedule: Schedule) -> datetime:
    return now.astimezone(ZoneInfo(schedule.timezone))


def _hhmm(moment: datetime, day: date) -> str:
    """`14:30`; the midnight that ends `day` is `24:00`."""
    return "24:00" if moment.date() > day else moment.strftime("%H:%M")
