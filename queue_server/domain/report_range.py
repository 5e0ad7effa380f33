"""A report's range of days: read from the query (`from`, `to`, YYYY-MM-DD) and held to at
most a year, with the errors a person reads when it is wrong."""

from __future__ import annotations

import re
from datetime import date

from .errors import InvalidInput, Words

MAX_DAYS = 366
ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


class ReportRangeTooLong(InvalidInput):
    """A report asked for over more than a year of days."""

    code = "report_range_too_long"
    text_id = "Rentang laporan paling lama {days} hari; persempit 'from' dan 'to'."
    text_en = "A report covers at most {days} days; narrow 'from' and 'to'."

    def __init__(self) -> None:
        super().__init__(days=MAX_DAYS)


class ReportDatesReversed(InvalidInput):
    code = "invalid_range"
    text_id = "Tanggal 'from' harus sama dengan atau sebelum 'to'."
    text_en = "'from' must be on or before 'to'."


# A report's date bounds as a person reads them (the query keys stay `from`, `to`).
BOUNDS = {"from": Words("awal", "first"), "to": Words("akhir", "last")}


class ReportDateNotUnderstood(InvalidInput):
    """A report's `from` or `to` that is not a calendar date written YYYY-MM-DD."""

    code = "invalid_date"
    text_id = ("Tanggal {bound} \"{value}\" tidak dikenali. Pilih tanggal di kalender atau "
               "tulis tahun-bulan-tanggal, misalnya 2026-11-30.")
    text_en = ("The {bound} date \"{value}\" is not understood. Pick a date in the "
               "calendar or write year-month-day, e.g. 2026-11-30.")

    def __init__(self, bound: str, value: str):
        super().__init__(bound=BOUNDS.get(bound, Words(bound, bound)), value=value[:40])


def read_day(bound: str, value: str) -> date:
    """`value` (YYYY-MM-DD) as a date; raises ReportDateNotUnderstood naming `bound`
    (`from` or `to`) for anything else."""
    if ISO_DAY.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:  # 2026-02-30
            pass
    raise ReportDateNotUnderstood(bound, value)


def check_days(start: date, end: date) -> None:
    """Raise ReportDatesReversed when `start` is after `end`, ReportRangeTooLong when the
    range holds more than MAX_DAYS days (both inclusive)."""
    if start > end:
        raise ReportDatesReversed()
    if (end - start).days + 1 > MAX_DAYS:
        raise ReportRangeTooLong()
