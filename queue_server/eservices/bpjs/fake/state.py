"""The fake BPJS's memory: bookings with their accepted tasks, every call received, and
the test controls (fail the next calls, hold calls until released). Thread-safe: the
fake runs in a threaded server."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

# A held call waits at most this long (seconds), so no server thread is left behind.
HOLD_LIMIT = 30.0


@dataclass
class Task:
    """One accepted task time: `waktu_ms` as the facility sent it, `received_ms` when
    the fake received it (the "server" clock of the dashboard)."""

    taskid: int
    waktu_ms: int
    received_ms: int


@dataclass
class Booking:
    """An added antrean: the body of `antrean/add`, its accepted tasks in order."""

    body: dict[str, Any]
    tasks: list[Task] = field(default_factory=list)
    cancelled: bool = False


class FakeState:
    """Bookings, calls and controls of one fake BPJS; `lock` guards them all."""

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.bookings: dict[str, Booking] = {}
        self.calls: list[dict[str, Any]] = []
        self.fail_times = 0
        self.fail_status = 500
        self.waiting = 0
        self._open = threading.Event()
        self._open.set()

    def reset(self) -> None:
        """Forget bookings and calls, stop failing and let held calls go."""
        with self.lock:
            self.bookings.clear()
            self.calls.clear()
            self.fail_times = 0
        self._open.set()

    def fail(self, times: int, status: int = 500) -> None:
        """The next `times` calls fail with HTTP `status` (0: the connection dropped)."""
        with self.lock:
            self.fail_times, self.fail_status = max(0, times), status

    def take_failure(self) -> int | None:
        """The status this call must fail with, or None when it is answered."""
        with self.lock:
            if self.fail_times <= 0:
                return None
            self.fail_times -= 1
            return self.fail_status

    def hold(self) -> None:
        """Calls from now on wait (up to HOLD_LIMIT seconds) until `release`."""
        self._open.clear()

    def release(self) -> None:
        """Let every held call go on."""
        self._open.set()

    def wait_if_held(self) -> None:
        """Block this call while the fake is held; `waiting` counts the blocked ones."""
        if self._open.is_set():
            return
        with self.lock:
            self.waiting += 1
        try:
            self._open.wait(HOLD_LIMIT)
        finally:
            with self.lock:
                self.waiting -= 1

    def record(self, call: dict[str, Any]) -> None:
        """Keep one received call (method, path, body, status, answer)."""
        with self.lock:
            self.calls.append(call)

    def recorded(self) -> list[dict[str, Any]]:
        """A copy of the calls received so far, oldest first."""
        with self.lock:
            return list(self.calls)
