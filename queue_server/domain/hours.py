"""Opening hours per weekday: parsing the configuration and asking "open at this moment?"."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from .errors import InvalidInput

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_RANGE = re.compile(r"^(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$")

Hours = dict[str, list[list[str]]]


def _parse_range(text: str) -> list[str]:
    text = text.strip()
    if text.lower() == "24h":
        return ["00:00", "24:00"]
    m = _RANGE.match(text)
    if not m:
        raise InvalidInput(
            f"Jam buka '{text}' tidak dikenali; tulis seperti 07:30-14:30 atau 24h.",
            f"Opening hours '{text}' not understood; write them like 07:30-14:30 or 24h.",
            code="invalid_hours",
        )
    h1, m1, h2, m2 = (int(g) for g in m.groups())
    start, end = h1 * 60 + m1, h2 * 60 + m2
    if not (0 <= start < end <= 24 * 60) or m1 > 59 or m2 > 59:
        raise InvalidInput(
            f"Jam buka '{text}' tidak masuk akal.",
            f"Opening hours '{text}' are not a valid range.",
            code="invalid_hours",
        )
    return [f"{h1:02d}:{m1:02d}", f"{h2:02d}:{m2:02d}"]


def parse_hours(spec: object) -> Hours:
    """Normalise `"24h"`, `{"mon": "07:30-14:30", "sat": ["08:00-10:00", ...]}` into ranges.

    A weekday left out is closed. Keys may also be `daily` (every day) or `weekdays`
    (Monday to Friday); an explicit weekday overrides them.
    """
    if spec is None:
        spec = "24h"
    if isinstance(spec, str):
        spec = {"daily": spec}
    if not isinstance(spec, dict):
        raise InvalidInput("Format jam buka salah.", "Opening hours must be a mapping.",
                           code="invalid_hours")
    result: Hours = {day: [] for day in WEEKDAYS}
    groups = {"daily": WEEKDAYS, "weekdays": WEEKDAYS[:5]}
    ordered = sorted(spec.items(), key=lambda kv: 0 if kv[0] in groups else 1)
    for key, value in ordered:
        days = groups.get(key, (key,))
        if any(day not in WEEKDAYS for day in days):
            raise InvalidInput(
                f"Hari '{key}' tidak dikenal (pakai mon..sun, weekdays, daily).",
                f"Unknown day '{key}' (use mon..sun, weekdays, daily).",
                code="invalid_hours",
            )
        values = [] if value in (None, "closed") else value
        ranges = [_parse_range(v) for v in ([values] if isinstance(values, str) else values)]
        for day in days:
            result[day] = ranges
    return result


def _minutes(hhmm: str) -> int:
    h, m = hhmm.split(":")
    return int(h) * 60 + int(m)


def is_open(hours: Hours, moment: datetime, timezone: str) -> bool:
    local = moment.astimezone(ZoneInfo(timezone))
    now = local.hour * 60 + local.minute
    ranges = hours.get(WEEKDAYS[local.weekday()], [])
    return any(_minutes(a) <= now < _minutes(b) for a, b in ranges)


def is_open_on(hours: Hours, weekday: int) -> bool:
    """Whether the service opens at all on a weekday (0 = Monday)."""
    return bool(hours.get(WEEKDAYS[weekday]))


def opens_at(hours: Hours, day: date, timezone: str) -> datetime | None:
    """When the service first opens on `day` (aware), or None when it stays closed."""
    ranges = hours.get(WEEKDAYS[day.weekday()], [])
    if not ranges:
        return None
    first = min(_minutes(a) for a, _ in ranges)
    return datetime.combine(day, time(first // 60, first % 60), tzinfo=ZoneInfo(timezone))


def next_opening(hours: Hours, moment: datetime, timezone: str,
                 closed_on: Callable[[date], object] | None = None) -> datetime | None:
    """When a service that is closed at `moment` opens next (aware, in `timezone`).

    None when it is open at `moment`, or when no day in the coming weeks has opening
    hours. `closed_on(day)` (e.g. a calendar's closure lookup) may skip whole dates:
    holidays, cuti bersama, local closures.
    """
    if is_open(hours, moment, timezone) and not (closed_on and closed_on(
            moment.astimezone(ZoneInfo(timezone)).date())):
        return None
    local = moment.astimezone(ZoneInfo(timezone))
    now = local.hour * 60 + local.minute
    for ahead in range(8 if closed_on is None else 40):
        day = local.date() + timedelta(days=ahead)
        if closed_on is not None and closed_on(day):
            continue
        starts = sorted(_minutes(a) for a, _ in hours.get(WEEKDAYS[day.weekday()], []))
        for start in starts:
            if ahead > 0 or start > now:
                return datetime.combine(day, time(start // 60, start % 60),
                                        tzinfo=ZoneInfo(timezone))
    return None
