"""The staff PIN, throttled: 5 wrong tries, then a wait that doubles with every wrong one."""

from __future__ import annotations

import hmac
import math
import threading
import time
from collections.abc import Callable


class WrongPin(Exception):
    """The PIN given is not the staff PIN (or no PIN is set)."""


class PinThrottled(Exception):
    """Too many wrong PINs: no PIN is checked for `retry_after` more seconds."""

    def __init__(self, retry_after: int):
        super().__init__(f"retry after {retry_after} s")
        self.retry_after = retry_after


class PinGuard:
    """Checks the staff PIN for the whole kiosk (the page has one user at a time).

    After `free` wrong PINs in a row every attempt, right or wrong, is refused for
    `wait` seconds, then twice as long after each further wrong PIN (at most `longest`).
    Trying all 10,000 four-digit PINs this way takes years. A right PIN starts afresh.
    """

    def __init__(self, pin: str | None, free: int = 5, wait: float = 30.0,
                 longest: float = 3600.0, clock: Callable[[], float] = time.monotonic):
        self.pin = pin
        self.free, self.wait, self.longest = free, wait, longest
        self.clock = clock
        self.failures = 0
        self.blocked_until = 0.0
        self._lock = threading.Lock()

    @property
    def enabled(self) -> bool:
        """Whether a PIN is set at all (without one the staff menu stays locked)."""
        return bool(self.pin)

    def check(self, given: object) -> None:
        """Returns when `given` is the PIN; raises PinThrottled (while waiting) or WrongPin."""
        with self._lock:
            now = self.clock()
            if now < self.blocked_until:
                raise PinThrottled(math.ceil(self.blocked_until - now))
            right = bool(self.pin) and isinstance(given, str) and hmac.compare_digest(
                given.encode(), self.pin.encode())
            if right:
                self.failures = 0
                return
            self.failures += 1
            if self.failures >= self.free:
                pause = self.wait * 2.0 ** min(self.failures - self.free, 40)
                self.blocked_until = now + min(pause, self.longest)
            raise WrongPin()
