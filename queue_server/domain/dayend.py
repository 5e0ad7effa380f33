"""When a service's queue day ends, and which days' tickets it still calls.

A day-time service (07:30-14:30) calls only today's tickets; its day ends at its closing
time plus a grace (staff finishing the last patients), and then every ticket of that day
still open is closed. A 24-hour service (open to 24:00 and again from 00:00) still calls
the patients who took a number before midnight: its day ends when the day after ends.
Times are the facility's local time, in its zone.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from .errors import DomainError
from .hours import Hours, ranges_on
from .zones import tz_label, zone_of

# How long after closing time a day's open tickets are left alone (the last patients
# being finished): ANTRIAN_DAY_CLOSE_GRACE_MINUTES overrides it.
DEFAULT_GRACE = timedelta(minutes=60)
_MIDNIGHT = 24 * 60


class DayNotOver(DomainError):
    """A service's day was asked to close before it ended; `ends_at` says when it does."""

    code = "day_not_over"
    text_id = "Hari antrean {day} {service} belum berakhir (berakhir {at})."
    text_en = "The {day} queue day of {service} has not ended (it ends {at})."

    def __init__(self, service: str, day: date, ends_at: datetime, timezone: str):
        super().__init__(service=service, day=day.isoformat(),
                         at=f"{ends_at:%d/%m %H:%M} {tz_label(timezone, ends_at)}")
        self.ends_at = ends_at


class DayClosed(DomainError):
    """A ticket of a day already closed cannot come back into the queue: the patient
    takes a new number."""

    code = "day_closed"
    text_id = "Hari antrean {number} ({day:%d/%m}) sudah ditutup; ambilkan nomor baru."
    text_en = "The queue day of {number} ({day:%d/%m}) is closed; issue a new number."

    def __init__(self, number: str, day: date):
        super().__init__(number=number, day=day)


def _minutes(hhmm: str) -> int:
    hours, minutes = hhmm.split(":")
    return int(hours) * 60 + int(minutes)


def _ranges(hours: Hours, day: date) -> list[tuple[int, int]]:
    """The day's opening ranges (special hours on that date, else its weekday's) in
    minutes after local midnight (24:00 is 1440)."""
    return [(_minutes(a), _minutes(b)) for a, b in ranges_on(hours, day)]


def carries_over(hours: Hours, day: date) -> bool:
    """Whether `day`'s open tickets are still called the day after: the service is open
    up to midnight (a range ends at 24:00) and from it (the next day's starts at 00:00),
    like a 24-hour puskesmas. False for a day-time service."""
    open_late = any(end == _MIDNIGHT for _, end in _ranges(hours, day))
    open_early = any(start == 0 for start, _ in _ranges(hours, day + timedelta(days=1)))
    return open_late and open_early


def queue_days(hours: Hours, today: date) -> tuple[date, ...]:
    """The days whose tickets a service calls on `today`: today, and yesterday when
    yesterday carried over (a 24-hour service). Today first."""
    yesterday = today - timedelta(days=1)
    return (today, yesterday) if carries_over(hours, yesterday) else (today,)


def day_ends_at(hours: Hours, day: date, timezone: str, grace: timedelta) -> datetime:
    """When `day` ends for a service (aware, in `timezone`): its closing time that day
    plus `grace`; for a day that carries over, the end of the day after (no grace: at
    that midnight its tickets leave the queue days). A day with no opening hours ends at
    its midnight plus `grace`. Raises InvalidInput for an unknown zone."""
    zone = zone_of(timezone)
    if carries_over(hours, day):
        return datetime.combine(day + timedelta(days=2), time(0), tzinfo=zone)
    ends = [end for _, end in _ranges(hours, day)]
    closing = max(ends) if ends else _MIDNIGHT
    start = datetime.combine(day, time(0), tzinfo=zone)
    # Wall-clock arithmetic on the local day: Indonesia has no daylight saving time.
    return start + timedelta(minutes=closing) + grace


def day_is_over(hours: Hours, day: date, now: datetime, timezone: str,
                grace: timedelta) -> bool:
    """Whether `day` has ended for a service at the aware moment `now`."""
    return now >= day_ends_at(hours, day, timezone, grace)


def require_day_over(service: str, hours: Hours, day: date, now: datetime, timezone: str,
                     grace: timedelta) -> None:
    """Raise DayNotOver unless `day` has ended for the service named `service` at `now`."""
    ends_at = day_ends_at(hours, day, timezone, grace)
    if now < ends_at:
        raise DayNotOver(service, day, ends_at, timezone)
