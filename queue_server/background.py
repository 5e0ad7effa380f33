"""Background loops of a server process: a daemon thread (a greenlet under gevent) that
runs one round at a time until stopped, and outlives a failed round."""

from __future__ import annotations

import logging
import threading

log = logging.getLogger(__name__)


class BackgroundLoop:
    """Runs `round()` after `first` seconds, then again after the seconds each round
    returns (`every` when it returns None or fails), until `stop()`. `rounds` counts the
    rounds finished, for tests that wait on them."""

    name = "antrian-loop"

    def __init__(self, every: float, first: float) -> None:
        self.every = every
        self.first = first
        self.rounds = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name=self.name, daemon=True)

    def round(self) -> float | None:
        """One round's work; returns the seconds to wait before the next (None: `every`)."""
        raise NotImplementedError

    def start(self) -> BackgroundLoop:
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
        wait = self.first
        while not self._stop.wait(wait):
            try:
                wait = self.round()
            except Exception:  # the loop must outlive a database hiccup
                log.exception("%s: round failed", self.name)
                wait = None
            self.rounds += 1
            wait = self.every if wait is None else wait
