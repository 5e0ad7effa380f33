"""The reports page's question, read from its query string: facility, service, days; and
the quick ranges (today, yesterday, last 7 and 30 days) as ready links."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from ..domain.report_range import read_day


@dataclass(frozen=True)
class PageQuestion:
    """What the page shows: a facility code (None: all, or the user's own), a service
    code (None: all), and the first and last day (None: today)."""

    facility: str | None
    service: str | None
    start: date | None
    end: date | None


def _day(args: Mapping[str, str], name: str) -> date | None:
    text = args.get(name, "").strip()
    if not text:
        return None
    return read_day(name, text)


def question(args: Mapping[str, str], today: date | None = None) -> PageQuestion:
    """The page's question from its query arguments (empty ones mean "all" / "today");
    `quick` (a quick range's name, `yesterday` ..., with `today` known) sets the days
    instead of `from` and `to`. Raises ReportDateNotUnderstood (422 `invalid_date`) for
    a date not YYYY-MM-DD."""
    facility = args.get("facility", "").strip() or None
    service = args.get("service", "").strip() or None
    chosen = args.get("quick", "").strip()
    for key, start, end in quick_ranges(today) if today and chosen else ():
        if key == f"reports.{chosen}":
            return PageQuestion(facility, service, start, end)
    return PageQuestion(facility, service, _day(args, "from"), _day(args, "to"))


def quick_ranges(today: date) -> list[tuple[str, date, date]]:
    """(catalogue key, first day, last day) of each quick range, nearest first."""
    yesterday = today - timedelta(days=1)
    return [("reports.today", today, today), ("reports.yesterday", yesterday, yesterday),
            ("reports.last7", today - timedelta(days=6), today),
            ("reports.last30", today - timedelta(days=29), today)]
