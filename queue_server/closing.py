"""The end-of-day closer: a background thread in every server process that closes the
service days that have ended (services/day_close.py). No cron: the server does it by
itself; several processes may run it at once, each day still closes once."""

from __future__ import annotations

import logging
import threading
from datetime import timedelta

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


class DayCloser:
    """Runs `close_round` at start and then every `interval` seconds (at once again while
    a backlog remains), until `stop()`."""

    def __init__(self, runtime: Runtime, grace: timedelta, interval: float = INTERVAL):
        self.runtime = runtime
        self.grace = grace
        self.interval = interval
        self.rounds = 0  # rounds finished, for tests that wait on them
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="antrian-day-close",
                                        daemon=True)

    def start(self) -> DayCloser:
        self._thread.start()
        return self

    def stop(self, timeout: float = 10.0) -> None:
        """Ask the loop to end and wait for it (a round in flight finishes first)."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout)

    @property
    def running(self) -> bool:
        """Whether the loop's thread is alive."""
        return self._thread.is_alive()

    def _loop(self) -> None:
        wait = 0.0
        while not self._stop.wait(wait):
            more = False
            try:
                more = close_round(self.runtime, self.grace).more
            except Exception:  # the loop must outlive a database hiccup
                log.exception("end-of-day close round failed")
            self.rounds += 1
            wait = 0.0 if more else self.interval
