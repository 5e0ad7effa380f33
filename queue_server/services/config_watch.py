"""Configuration changed by another process: each process forgets its caches within a
second.

A change made through this process forgets its caches at once (`cache.forget_all()`, in
load_config and the admin's use cases). Another process (a second gunicorn worker, or
`python -m queue_server load-config` beside a running server) learns of it here: every
configuration change writes an audit row in the same transaction, so the newest audit
row's id is the configuration's version. A process reads it at most once every
`PERIOD` seconds (one indexed query), and forgets its caches when it moved.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from sqlalchemy.exc import SQLAlchemyError

from .cache import Cache
from .ports import UnitOfWork

PERIOD = 1.0  # seconds between two looks at the configuration's version
log = logging.getLogger(__name__)


class ConfigWatch:
    """Forgets a cache when the configuration's version (the newest audit row's id) moves;
    looks at most once per `period` seconds of `clock` (monotonic seconds)."""

    def __init__(self, period: float = PERIOD, clock: Callable[[], float] = time.monotonic):
        self._period = period
        self._clock = clock
        self._next = 0.0
        self._seen: int | None = None

    def check(self, reader: Callable[[], UnitOfWork], cache: Cache) -> None:
        """Look at the version if `period` has passed since the last look (`reader`: a
        read-only unit of work); forget `cache` when it moved. A database that cannot
        answer (being restored, not yet migrated) is left for the next look: a request is
        never refused for this."""
        now = self._clock()
        if now < self._next:
            return
        self._next = now + self._period
        try:
            with reader() as uow:
                version = uow.admin.last_id()
        except SQLAlchemyError as exc:
            log.warning("configuration version not read: %s", type(exc).__name__)
            return
        if self._seen is not None and version != self._seen:
            cache.forget_all()
        self._seen = version
