"""The calendar: which dates a facility or service is closed, and working days (hari kerja).

National holidays and cuti bersama (the government's joint leave days) come from a
`HolidaySource` (in production the `holidays` package, categories `public` and
`government`, Indonesian names); local closures come from the configuration, city-wide,
per facility and per service, each with its reason. Working days are Monday to Friday
that are neither a national holiday nor cuti bersama nor a city-wide closure: the days
that e-service deadlines count (Peraturan Presiden on cuti bersama ASN; SKB 3 Menteri
each year lists the holidays and cuti bersama).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Protocol

from .config_errors import shown
from .errors import DomainError, InvalidInput, Words
from .texts import both

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


class HolidaySource(Protocol):
    """Where national holidays and cuti bersama come from, year by year."""

    def national(self, year: int) -> Mapping[date, str]:
        """Public holidays of `year`: date → Indonesian name."""
        ...

    def joint_leave(self, year: int) -> Mapping[date, str]:
        """Cuti bersama of `year`: date → Indonesian name."""
        ...


@dataclass(frozen=True)
class Closure:
    """A date something is closed, and why, in the words a patient reads."""

    day: date
    reason: str


# The catalogue's `calendar.prefix.*` each kind of closure is said with.
_PREFIX_KEY = {"national": "national", "joint_leave": "joint_leave", "city": "closed",
              "facility": "closed", "service": "closed"}


@dataclass(frozen=True)
class Closed:
    """Why a date is closed: `kind` is national, joint_leave, city, facility, service, or
    special (a date the service's hours mark closed, see domain.opening)."""

    kind: str
    reason: str
    reason_en: str

    @classmethod
    def of(cls, kind: str, name: str) -> Closed:
        """A closure of `kind` named `name`: "Libur nasional: Hari Raya Natal"."""
        prefix_id, prefix_en = both(f"calendar.prefix.{_PREFIX_KEY[kind]}")
        if kind == "joint_leave":  # the package's names already say "Cuti Bersama …"
            return cls(kind, name, f"{prefix_en}: {name}")
        return cls(kind, f"{prefix_id}: {name}", f"{prefix_en}: {name}")


class ClosedOnDate(DomainError):
    """A booking or a walk-in on a date the service is closed: 409 `closed_on_date`, the
    message being the reason itself ("Libur nasional: Hari Raya Natal")."""

    code = "closed_on_date"
    meaning = ("The service is closed on that date (a holiday, cuti bersama or a local "
               "closure); the message is the reason.")
    text_id = text_en = "{reason}"

    def __init__(self, closed: Closed):
        super().__init__(reason=Words(closed.reason, closed.reason_en))
        self.closed = closed


class ClosuresNotList(InvalidInput):
    code = "invalid_closure"
    text_id = "closed_dates di {where} harus berupa daftar."
    text_en = "closed_dates in {where} must be a list."

    def __init__(self, where: str):
        super().__init__(where=where)


class ClosureIncomplete(InvalidInput):
    code = "invalid_closure"
    text_id = "Tanggal tutup di {where} perlu date (YYYY-MM-DD) dan reason: {item}."
    text_en = "A closed date in {where} needs a date (YYYY-MM-DD) and a reason: {item}."

    def __init__(self, where: str, item: object):
        super().__init__(where=where, item=shown(item))


class ClosureDayMissing(InvalidInput):
    """A closed date written as YYYY-MM-DD that the calendar has not (2026-02-30)."""

    code = "invalid_closure"
    text_id = "Tanggal tutup {value} di {where} tidak ada di kalender."
    text_en = "The closed date {value} in {where} does not exist."

    def __init__(self, where: str, value: str):
        super().__init__(where=where, value=value)


def parse_closures(items: object, where: str) -> dict[date, str]:
    """`[{date: 2026-12-31, reason: "..."}]` from a configuration file → date → reason.

    Raises ClosuresNotList or ClosureIncomplete (`invalid_closure`) naming `where` and
    the entry when a date or reason is missing.
    """
    if items is None:
        return {}
    if not isinstance(items, list):
        raise ClosuresNotList(where)
    result: dict[date, str] = {}
    for item in items:
        day, reason = (item.get("date"), item.get("reason")) if isinstance(item, dict) else (
            None, None)
        if isinstance(day, str):
            written = day.strip()
            try:
                day = date.fromisoformat(written)
            except ValueError:
                if _ISO_DAY.fullmatch(written):
                    raise ClosureDayMissing(where, written) from None
                day = None
        if not isinstance(day, date) or not isinstance(reason, str) or not reason.strip():
            raise ClosureIncomplete(where, item)
        result[day] = reason.strip()
    return result


@dataclass
class Calendar:
    """National and city-wide closures, and working-day arithmetic over them."""

    source: HolidaySource
    city: Mapping[date, str] = field(default_factory=dict)

    def national_closure(self, day: date, joint_leave_closes: bool = True) -> Closed | None:
        """The holiday, cuti bersama (when it closes the place) or city closure on `day`."""
        name = self.source.national(day.year).get(day)
        if name:
            return Closed.of("national", name)
        name = self.source.joint_leave(day.year).get(day)
        if name and joint_leave_closes:
            return Closed.of("joint_leave", name)
        if day in self.city:
            return Closed.of("city", self.city[day])
        return None

    def closure(self, day: date, *, joint_leave_closes: bool = True,
                facility: Mapping[date, str] | None = None,
                service: Mapping[date, str] | None = None,
                holidays_close: bool = True) -> Closed | None:
        """Why `day` is closed for a service of a facility, or None when it is not.

        The nation first, then the city, the facility and the service. A service that
        stays open on holidays (`holidays_close=False`: an emergency room, a 24-hour
        puskesmas) ignores national holidays, cuti bersama and city-wide closures, never
        its facility's or its own closures."""
        found = self.national_closure(day, joint_leave_closes) if holidays_close else None
        if found:
            return found
        if facility and day in facility:
            return Closed.of("facility", facility[day])
        if service and day in service:
            return Closed.of("service", service[day])
        return None

    def is_working_day(self, day: date) -> bool:
        """Monday to Friday, not a national holiday, cuti bersama or city closure."""
        return day.weekday() < 5 and self.national_closure(day) is None

    def add_working_days(self, start: date, days: int) -> date:
        """The date `days` working days after `start` (before it when negative); 0 gives
        `start` itself. A deadline of "5 hari kerja" from a Friday lands on the next
        Friday, holidays skipped."""
        step = 1 if days >= 0 else -1
        day, left = start, abs(days)
        while left:
            day += timedelta(days=step)
            if self.is_working_day(day):
                left -= 1
        return day

    def working_days_between(self, start: date, end: date) -> int:
        """Working days after `start` up to and including `end` (negative if `end` is
        earlier): the days a case has been open, as e-service deadlines count them."""
        if end < start:
            return -self.working_days_between(end, start)
        count, day = 0, start
        while day < end:
            day += timedelta(days=1)
            count += self.is_working_day(day)
        return count
