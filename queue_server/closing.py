"""The end-of-day closer: a background thread in every server process that closes the
service days that have ended (services/day_close.py). No cron: the server does it by
itself; several processes may run it at once, each day still closes once."""

from __future__ import annotations

import logging
from datetime import timedelta

from .background import BackgroundLoop
from .runtime import Runtime
from .services.day_close import CloseReport, close_ended_days

log = logging.getLogger(__name__)

# How often a process looks for days that have ended (seconds).
INTERVAL = 60.0


def close_round(runtime: Runtime, grace: timedelta) -> CloseReport:
    """One look: close what has ended; log each day closed."""
    report = close_ended_days(runtime.uow, runtime.clock, grace)
    for day in report.closed:
        log.info("day closed: %s/%s %s, %d open tickets closed", day.facility, day.service,
                 day.day.isoformat(), day.tickets)
    return report


class DayCloser(BackgroundLoop):
    """Runs `close_round` at start and then every `interval` seconds (at once again while
    a backlog remains), until `stop()`."""

    name = "antrian-day-close"

    def __init__(self, runtime: Runtime, grace: timedelta, interval: float = INTERVAL):
        self.runtime = runtime
        self.grace = grace
        super().__init__(every=interval, first=0.0)

    def round(self) -> float | None:
        """Close what has ended; at once again while a backlog remains."""
        return 0.0 if close_round(self.runtime, self.grace).more else None
