"""Estimated waiting: people ahead times minutes per patient, spread over open counters."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from statistics import median

# How many observations the configured average is worth while history is still thin.
PRIOR_WEIGHT = 3
MIN_MINUTES, MAX_MINUTES = 0.25, 120.0
# A service time beyond this many times the typical one is a forgotten "finish", not a
# slow patient: it is left out of the pace.
OUTLIER_FACTOR = 3.0
# With fewer observations than this the median says little: the configured average
# sets the outlier limit instead.
MEDIAN_FROM = 3


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
    counters = max(open_counters, 1)
    return timedelta(minutes=max(people_ahead, 0) * minutes / counters)


def estimated_call_at(
    now: datetime, people_ahead: int, minutes: float, open_counters: int
) -> datetime:
    return now + estimated_wait(people_ahead, minutes, open_counters)
