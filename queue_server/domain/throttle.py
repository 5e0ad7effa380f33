"""Slowing down password guessing: each failure past a few doubles the wait."""

from __future__ import annotations

from datetime import timedelta

FREE_FAILURES = 5
WINDOW = timedelta(minutes=15)
MAX_DELAY = timedelta(minutes=15)
# Many staff can share one clinic address (NAT), so an address gets more room than a name.
FREE_FAILURES_PER_ADDRESS = 20


def login_delay(failures: int, free: int = FREE_FAILURES) -> timedelta:
    """How long after the last failure the next try is allowed (failures within WINDOW)."""
    if failures < free:
        return timedelta(0)
    return min(timedelta(seconds=2 ** (failures - free)), MAX_DELAY)
