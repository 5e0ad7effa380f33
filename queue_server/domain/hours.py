"""Opening hours per weekday and on special dates: parsing the configuration and asking
"open at this moment?", "open on this date?", "when does it open, when does it close?".

The stored shape maps each weekday (`mon` … `sun`) and each special date (ISO
`2026-12-24`) to a list of `["HH:MM", "HH:MM"]` ranges; an empty list is closed. A date's
entry replaces its weekday's hours on that date only (issue 12: "a service may have
special hours on a date").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

from .config_errors import shown
from .errors import InvalidInput

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_RANGE = re.compile(r"^(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$")
_TIME = re.compile(r"^(\d{1,2}):(\d{2})$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# How far ahead `next_opening` looks: enough for a service open one day a week whose
# next few openings fall on holidays (Idul Fitri and its cuti bersama span a week).
LOOKAHEAD_DAYS = 40

Hours = dict[str, list[list[str]]]


class HoursNotUnderstood(InvalidInput):
    code = "invalid_hours"
    text_id = "Jam buka '{value}' tidak dikenali; tulis seperti 07:30-14:30 atau 24h."
    text_en = "Opening hours '{value}' not understood; write them like 07:30-14:30 or 24h."

    def __init__(self, value: object):
        super().__init__(value=shown(value))


class ImpossibleRange(InvalidInput):
    """A range that ends before it starts, or past 24:00."""

    code = "invalid_hours"
    text_id = "Jam buka '{text}' tidak masuk akal."
    text_en = "Opening hours '{text}' are not a valid range."

    def __init__(self, text: str):
        super().__init__(text=text)


class HoursNotMapping(InvalidInput):
    code = "invalid_hours"
    text_id = "Format jam buka salah."
    text_en = "Opening hours must be a mapping."


class UnknownDay(InvalidInput):
    code = "invalid_hours"
    text_id = ("Hari '{key}' tidak dikenal (pakai mon..sun, weekdays, daily atau tanggal "
               "YYYY-MM-DD).")
    text_en = "Unknown day '{key}' (use mon..sun, weekdays, daily or a date YYYY-MM-DD)."

    def __init__(self, key: object):
        super().__init__(key=key)


class TimeNotUnderstood(InvalidInput):
    """A time of day (`booking_cutoff`) that is not HH:MM in quotes."""

    code = "invalid_hours"
    text_id = "Jam '{value}' tidak dikenali; tulis dalam tanda kutip, mis. \"13:30\"."
    text_en = "Time '{value}' not understood; quote it, e.g. \"13:30\"."

    def __init__(self, value: object):
        super().__init__(value=shown(value))


class RangesOverlap(InvalidInput):
    """Two ranges of one day that overlap (`07:30-12:00` and `11:00-13:00`)."""

    code = "invalid_hours"
    text_id = "Jam buka '{first}' dan '{second}' bertumpuk; gabungkan atau pisahkan."
    text_en = "Opening hours '{first}' and '{second}' overlap; merge or separate them."

    def __init__(self, first: list[str], second: list[str]):
        super().__init__(first="-".join(first), second="-".join(second))


def _parse_range(text: str) -> list[str]:
    text = text.strip()
    if text.lower() == "24h":
        return ["00:00", "24:00"]
    m = _RANGE.match(text)
    if not m:
        raise HoursNotUnderstood(text)
    h1, m1, h2, m2 = (int(g) for g in m.groups())
    start, end = h1 * 60 + m1, h2 * 60 + m2
    if not (0 <= start < end <= 24 * 60) or m1 > 59 or m2 > 59:
        raise ImpossibleRange(text)
    return [f"{h1:02d}:{m1:02d}", f"{h2:02d}:{m2:02d}"]


def _ranges(value: object) -> list[list[str]]:
    """One entry's value: `closed` (or nothing), `"07:30-14:30"`, `24h` or a list of them."""
    if value in (None, "closed", False):
        return []
    values = [value] if isinstance(value, str) else value
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise HoursNotUnderstood(value)
    ranges = sorted(_parse_range(v) for v in values)
    for before, after in pairwise(ranges):
        if after[0] < before[1]:
            raise RangesOverlap(before, after)
    return ranges


def _date_key(key: object) -> str | None:
    """An ISO date key (`2026-12-24`, or the date YAML reads from it unquoted), else None."""
    if isinstance(key, date) and not isinstance(key, datetime):
        return key.isoformat()
    if isinstance(key, str) and _ISO_DATE.match(key):
        try:
            return date.fromisoformat(key).isoformat()
        except ValueError:
            return None
    return None


def parse_hours(spec: object) -> Hours:
    """Normalise `"24h"`, `{"mon": "07:30-14:30", "sat": ["08:00-10:00", ...]}` into ranges.

    A weekday left out is closed. Keys may also be `daily` (every day), `weekdays`
    (Monday to Friday; an explicit weekday overrides them) or a date, `"2026-12-24":
    "07:30-11:00"` or `"2026-12-25": closed`, which replaces that date's weekday hours.
    Raises an `invalid_hours` error naming the key or range it cannot read.
    """
    if spec is None:
        spec = "24h"
    if isinstance(spec, str):
        spec = {"daily": spec}
    if not isinstance(spec, dict):
        raise HoursNotMapping()
    result: Hours = {day: [] for day in WEEKDAYS}
    groups = {"daily": WEEKDAYS, "weekdays": WEEKDAYS[:5]}
    ordered = sorted(spec.items(), key=lambda kv: 0 if kv[0] in groups else 1)
    for key, value in ordered:
        special = _date_key(key)
        days = (special,) if special else groups.get(key, (key,))
        if not special and any(day not in WEEKDAYS for day in days):
            raise UnknownDay(key)
        ranges = _ranges(value)
        for day in days:
            result[day] = ranges
    return result


def parse_time(value: object, where: str) -> str:
    """A time of day `"13:30"` → `"13:30"` (zero-padded); raises InvalidInput naming
    `where`. An unquoted 13:30 in YAML 1.1 reads as a number (810): it must be quoted."""
    m = _TIME.match(value.strip()) if isinstance(value, str) else None
    if not m or int(m.group(1)) > 23 or int(m.group(2)) > 59:
        raise TimeNotUnderstood(value).at(where)
    return f"{int(m.group(1)):02d}:{m.group(2)}"


def _minutes(hhmm: str) -> int:
    h, m = hhmm.split(":")
    return int(h) * 60 + int(m)


def _at(day: date, minutes: int, timezone: str) -> datetime:
    """`minutes` after local midnight of `day` (24:00 is the next midnight), aware."""
    return datetime.combine(day, time(0), tzinfo=ZoneInfo(timezone)) + timedelta(
        minutes=minutes)


def ranges_on(hours: Hours, day: date) -> list[list[str]]:
    """The opening ranges of `day`: its special-date entry if it has one, else its weekday's."""
    special = hours.get(day.isoformat())
    return special if special is not None else hours.get(WEEKDAYS[day.weekday()], [])


def has_special_hours(hours: Hours, day: date) -> bool:
    """Whether `day` has its own entry (special hours, or `closed`) in the hours."""
    return day.isoformat() in hours


def is_open(hours: Hours, moment: datetime, timezone: str) -> bool:
    """Whether the hours are open at `moment` (any zone), read in the facility's `timezone`."""
    local = moment.astimezone(ZoneInfo(timezone))
    now = local.hour * 60 + local.minute
    return any(_minutes(a) <= now < _minutes(b) for a, b in ranges_on(hours, local.date()))


def is_open_on(hours: Hours, day: date) -> bool:
    """Whether the service opens at all on `day` by its hours (special dates included;
    holidays and local closures are the calendar's, see domain.opening)."""
    return bool(ranges_on(hours, day))


def opens_at(hours: Hours, day: date, timezone: str) -> datetime | None:
    """When the service first opens on `day` (aware), or None when it stays closed."""
    ranges = ranges_on(hours, day)
    if not ranges:
        return None
    return _at(day, min(_minutes(a) for a, _ in ranges), timezone)


def closes_at(hours: Hours, day: date, timezone: str) -> datetime | None:
    """When the service last closes on `day` (aware; `24:00` is the next midnight), or
    None when it does not open that day."""
    ranges = ranges_on(hours, day)
    if not ranges:
        return None
    return _at(day, max(_minutes(b) for _, b in ranges), timezone)


def next_opening(hours: Hours, moment: datetime, timezone: str,
                 closed_on: Callable[[date], object] | None = None) -> datetime | None:
    """When a service that is closed at `moment` opens next (aware, in `timezone`).

    None when it is open at `moment`, or when no day in the next LOOKAHEAD_DAYS has
    opening hours. `closed_on(day)` (e.g. a calendar's closure lookup) may skip whole
    dates: holidays, cuti bersama, local closures.
    """
    local = moment.astimezone(ZoneInfo(timezone))
    if is_open(hours, moment, timezone) and not (closed_on and closed_on(local.date())):
        return None
    now = local.hour * 60 + local.minute
    for ahead in range(LOOKAHEAD_DAYS):
        day = local.date() + timedelta(days=ahead)
        if closed_on is not None and closed_on(day):
            continue
        for start in sorted(_minutes(a) for a, _ in ranges_on(hours, day)):
            if ahead > 0 or start > now:
                return _at(day, start, timezone)
    return None
