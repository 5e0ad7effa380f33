"""Estimated waiting: people ahead times minutes per patient, spread over open counters.

With no counter open (every one paused, or none serves the service) nobody is being
called, so no wait can be estimated: `estimated_wait` raises NoCounterOpen and the
pages say "Belum ada loket yang buka" instead of a time.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from statistics import median

from .errors import DomainError

# How many observations the configured average is worth while history is still thin.
PRIOR_WEIGHT = 3
MIN_MINUTES, MAX_MINUTES = 0.25, 120.0
# A service time beyond this many times the typical one is a forgotten "finish", not a
# slow patient: it is left out of the pace.
OUTLIER_FACTOR = 3.0
# With fewer observations than this the median says little: the configured average
# sets the outlier limit instead.
MEDIAN_FROM = 3


# What an answer without an estimate says instead (`estimate_note`).
NO_COUNTER_OPEN = "no_counter_open"


class NoCounterOpen(DomainError):
    """No counter of the service is open: there is no estimate to give."""

    code = NO_COUNTER_OPEN
    text_id = "Belum ada loket yang buka."
    text_en = "No counter is open yet."


@dataclass(frozen=True)
class Pace:
    """Minutes per patient at one service, and how many observed times were left out."""

    minutes: float
    outliers: int


def pace(observed: Sequence[float], configured: float) -> Pace:
    """The robust pace of a service from its recent service times (minutes each).

    A time beyond OUTLIER_FACTOR × the median of the observations (× the configured
    average while there are fewer than MEDIAN_FROM of them) is left out and counted as an
    outlier; the times kept are blended with the configured average, which weighs as
    PRIOR_WEIGHT observations. So one counter left open for 150 minutes cannot move a
    2-minute desk's pace (issue 12: "one forgotten finish ruins the estimate").
    """
    clipped = [min(max(m, MIN_MINUTES), MAX_MINUTES) for m in observed]
    typical = median(clipped) if len(clipped) >= MEDIAN_FROM else configured
    limit = OUTLIER_FACTOR * typical
    kept = [m for m in clipped if m <= limit]
    minutes = (configured * PRIOR_WEIGHT + sum(kept)) / (PRIOR_WEIGHT + len(kept))
    return Pace(minutes, len(clipped) - len(kept))


def minutes_per_patient(observed: Sequence[float], configured: float) -> float:
    """Minutes per patient: `pace(observed, configured).minutes`."""
    return pace(observed, configured).minutes


def estimated_wait(people_ahead: int, minutes: float, open_counters: int) -> timedelta:
    """How long `people_ahead` patients take at `minutes` each, shared by the open counters.

    Raises NoCounterOpen when `open_counters` is below 1: nobody calls, so no wait."""
    if open_counters < 1:
        raise NoCounterOpen()
    return timedelta(minutes=max(people_ahead, 0) * minutes / open_counters)


def estimated_call_at(
    now: datetime, people_ahead: int, minutes: float, open_counters: int
) -> datetime:
    """`now` plus the estimated wait (aware in, aware out); raises NoCounterOpen."""
    return now + estimated_wait(people_ahead, minutes, open_counters)
