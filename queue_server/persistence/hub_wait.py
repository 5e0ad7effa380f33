"""psycopg's waits on gevent's hub, for a server process that gevent monkey-patched.

psycopg 3 runs every exchange with PostgreSQL as a generator that says what it waits for
(read, write or both) and a wait function that blocks until the socket is ready. Under
gevent's monkey-patching psycopg picks `wait_poll` on gevent's `select.poll`, which for
every wait builds a poll object, a watcher per descriptor and a timer (psycopg wakes
every 0.1 s to look for interrupts), and switches to the hub even when the socket is
ready already: a rush's booking waits five or six times (issue 20).

`wait_on_hub` asks the operating system first, without blocking (one real `poll` with a
zero timeout: a socket to write to is nearly always ready, and a reply often is), and
only otherwise parks the greenlet on one libev watcher for that descriptor until it is
ready. A wait with a time limit (psycopg's connection-level waits) keeps psycopg's own.
"""

from __future__ import annotations

import os
import select
from collections.abc import Generator
from typing import Any

_IN, _OUT = select.POLLIN, select.POLLOUT
_BAD = select.POLLERR | select.POLLHUP | select.POLLNVAL
_LIBEV_READ, _LIBEV_WRITE = 1, 2


def _masks() -> tuple[dict[Any, int], dict[Any, int], Any, Any, Any, Any]:
    from psycopg.waiting import Ready, Wait

    poll_mask = {Wait.R: _IN, Wait.W: _OUT, Wait.RW: _IN | _OUT}
    libev = {Wait.R: _LIBEV_READ, Wait.W: _LIBEV_WRITE, Wait.RW: _LIBEV_READ | _LIBEV_WRITE}
    return poll_mask, libev, Ready.NONE, Ready.R, Ready.W, Ready.RW


def install() -> bool:
    """Make psycopg wait through `wait_on_hub` when gevent has patched `select` (a gunicorn
    gevent worker); True when installed. Elsewhere (threads, the test suite) psycopg's own
    choice stays, as it does when the operator chose one with psycopg's
    `PSYCOPG_WAIT_FUNC`."""
    if "PSYCOPG_WAIT_FUNC" in os.environ:
        return False
    try:
        from gevent import monkey
    except ImportError:  # pragma: no cover - gevent is a requirement
        return False
    if not monkey.is_module_patched("select"):
        return False
    from gevent.hub import get_hub
    from psycopg import OperationalError, waiting

    if waiting.wait.__name__ == "wait_on_hub":
        return True

    real_poll = monkey.get_original("select", "poll")
    poll_mask, libev, none, ready_r, ready_w, ready_rw = _masks()
    by_events = {0: none, _IN: ready_r, _OUT: ready_w, _IN | _OUT: ready_rw}
    psycopg_wait = waiting.wait

    def ready_of(poller: Any) -> Any:
        events = poller.poll(0)
        if not events:
            return none
        ev = events[0][1]
        if ev & _BAD and not ev & (_IN | _OUT):
            raise OperationalError("connection socket closed")
        return by_events[ev & (_IN | _OUT)]

    def wait_on_hub(gen: Generator[Any, Any, Any], fileno: int, interval: float = 0.0,
                    timeout: float | None = None) -> Any:
        """psycopg's `WaitFunc` (same arguments, same result) on gevent's hub."""
        if timeout is not None:
            return psycopg_wait(gen, fileno, interval=interval, timeout=timeout)
        hub = get_hub()
        poller = real_poll()
        try:
            wanted = next(gen)
            poller.register(fileno, poll_mask[wanted])
            while True:
                ready = ready_of(poller)
                if ready is none:
                    hub.wait(hub.loop.io(fileno, libev[wanted]))
                    ready = ready_of(poller)
                wanted = gen.send(ready)
                poller.modify(fileno, poll_mask[wanted])
        except StopIteration as done:
            return done.value

    waiting.wait = wait_on_hub
    return True
