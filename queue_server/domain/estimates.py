"""Estimated waiting: people ahead times minutes per patient, spread over open counters."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

# How many observations the configured average is worth while history is still thin.
PRIOR_WEIGHT = 3
MIN_MINUTES, MAX_MINUTES = 0.25, 120.0


def minutes_per_patient(observed: Sequence[float], configured: float) -> float:
    """Blend the configured average with recently observed service minutes.

    With no history the configured figure is used as is; each observation pulls the
    estimate towards what really happens. Outliers (a counter left open over lunch) are
    clipped so one of them cannot wreck the figure.
    """
    clipped = [min(max(m, MIN_MINUTES), MAX_MINUTES) for m in observed]
    return (configured * PRIOR_WEIGHT + sum(clipped)) / (PRIOR_WEIGHT + len(clipped))


def estimated_wait(people_ahead: int, minutes: float, open_counters: int) -> timedelta:
    counters = max(open_counters, 1)
    return timedelta(minutes=max(people_ahead, 0) * minutes / counters)


def estimated_call_at(
    now: datetime, people_ahead: int, minutes: float, open_counters: int
) -> datetime:
    return now + estimated_wait(people_ahead, minutes, open_counters)
