"""A period asked for by a listing (security events, reports): ISO 8601 moments, within
the calendar, in order."""

from __future__ import annotations

from datetime import datetime

from .errors import InvalidInput


class MomentNotUnderstood(InvalidInput):
    """A query bound (`from`, `to`) that is not an ISO 8601 date or time."""

    code = "invalid_time"
    text_id = ("'{field}' harus tanggal atau waktu ISO 8601, misalnya 2026-11-23 atau "
               "2026-11-23T08:00:00+07:00.")
    text_en = ("'{field}' must be an ISO 8601 date or time, e.g. 2026-11-23 or "
               "2026-11-23T08:00:00+07:00.")

    def __init__(self, field: str | None):
        super().__init__(field=field)


class MomentOutOfRange(InvalidInput):
    """A bound at the calendar's edge (year 1 or 9999) that no zone can shift."""

    code = "invalid_time"
    text_id = "Waktu di luar jangkauan kalender."
    text_en = "The time is outside the calendar's range."


class PeriodReversed(InvalidInput):
    code = "invalid_range"
    text_id = "'from' harus sebelum 'to'."
    text_en = "'from' must come before 'to'."


def check_period(start: datetime | None, end: datetime | None) -> None:
    """A period's bounds (either may be open, None) are in order: else PeriodReversed."""
    if start is not None and end is not None and start >= end:
        raise PeriodReversed()
