"""The reports page's question, read from its query string: facility, service, days; and
the quick ranges (today, yesterday, last 7 and 30 days) as ready links."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from ..domain.periods import MomentNotUnderstood


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
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise MomentNotUnderstood(name) from None


def question(args: Mapping[str, str]) -> PageQuestion:
    """The page's question from its query arguments (empty ones mean "all" / "today").
    Raises MomentNotUnderstood for a date that is not YYYY-MM-DD."""
    facility = args.get("facility", "").strip() or None
    service = args.get("service", "").strip() or None
    return PageQuestion(facility, service, _day(args, "from"), _day(args, "to"))


def quick_ranges(today: date) -> list[tuple[str, date, date]]:
    """(catalogue key, first day, last day) of each quick range, nearest first."""
    yesterday = today - timedelta(days=1)
    return [("reports.today", today, today), ("reports.yesterday", yesterday, yesterday),
            ("reports.last7", today - timedelta(days=6), today),
            ("reports.last30", today - timedelta(days=29), today)]
