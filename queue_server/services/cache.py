"""The cache port: figures a process reuses across transactions, and the one way to forget.

Three things are cached through it (issue 14):

- the configured world as plain values (`catalogue`: facilities, services, the city's
  closures), `catalogue.TTL` seconds;
- each service's pace (`views.pace`: minutes per patient and open counters), `PACE_TTL`;
- which bearer tokens are devices' (`auth.authenticate`), so their requests skip the
  staff look-up (the device row is still read on every request; staff logins are never
  kept: they are checked in the database each time).

Keys are tuples whose first item names the kind (`("pace", service_id)`). `forget(key)`
drops that key and every key it begins (`forget(("pace",))`: every service's pace);
`forget_all()` is what a configuration load calls. A value loaded while a forget ran is
returned but not kept, and None is never kept.

The runtime holds one in-process cache (`MemoryCache`) and hands it to each unit of work
(`uow.cache`), which carries it for use cases but does not own it.
"""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Callable, Hashable
from typing import Protocol, TypeVar, cast

T = TypeVar("T")
Key = tuple[Hashable, ...]


class Cache(Protocol):
    """Values reused across transactions for a while; see the module's notes."""

    def get(self, key: Key, load: Callable[[], T | None], ttl: float) -> T | None:
        """The value kept under `key` if younger than its `ttl` (seconds), else `load()`'s,
        kept for `ttl` seconds unless it is None or a forget ran while it loaded."""
        ...

    def peek(self, key: Key, kind: type[T]) -> T | None:
        """The value kept under `key` if still fresh and a `kind`, else None; never
        loads."""
        ...

    def put(self, key: Key, value: object, ttl: float) -> None:
        """Keep `value` (not None) under `key` for `ttl` seconds."""
        ...

    def forget(self, key: Key) -> None:
        """Drop `key` and every key that begins with it."""
        ...

    def forget_all(self) -> None:
        """Drop everything (the configuration changed)."""
        ...


# One generation for the whole process: the configuration is the process's, so a load in
# this process (a test's second app, the CLI next to a served app) reaches every cache.
_process_generation = itertools.count(1)
_current = [0]


class MemoryCache:
    """The in-process cache: a dict of key → (value, process generation, expiry on the
    monotonic clock). Safe under threads and gevent: reads are one dict look-up, changes
    are made under a lock."""

    def __init__(self, clock: Callable[[], float] = time.monotonic):
        self._entries: dict[Key, tuple[object, int, float]] = {}
        self._lock = threading.Lock()
        self._forgets = 0  # how many forgets ran: a load that raced one is not kept
        self._clock = clock

    def peek(self, key: Key, kind: type[T]) -> T | None:
        hit = self._entries.get(key)
        if (hit is not None and hit[1] == _current[0] and hit[2] > self._clock()
                and isinstance(hit[0], kind)):
            return hit[0]
        return None

    def get(self, key: Key, load: Callable[[], T | None], ttl: float) -> T | None:
        before = (_current[0], self._forgets)  # taken before loading: a racing forget wins
        hit = self._entries.get(key)
        if hit is not None and hit[1] == before[0] and hit[2] > self._clock():
            return cast("T", hit[0])  # what `load` gave for this key
        value = load()
        if value is not None:
            with self._lock:
                if (_current[0], self._forgets) == before:
                    self._entries[key] = (value, before[0], self._clock() + ttl)
        return value

    def put(self, key: Key, value: object, ttl: float) -> None:
        if value is None:
            return
        with self._lock:
            self._entries[key] = (value, _current[0], self._clock() + ttl)

    def forget(self, key: Key) -> None:
        with self._lock:
            self._forgets += 1
            for kept in [k for k in self._entries if k[:len(key)] == key]:
                del self._entries[kept]

    def forget_all(self) -> None:
        with self._lock:
            _current[0] = next(_process_generation)
            self._forgets += 1
            self._entries.clear()

    def __contains__(self, key: object) -> bool:
        return isinstance(key, tuple) and self.peek(key, object) is not None


class NoCache:
    """A cache that keeps nothing: what a unit of work made without a runtime (a CLI
    command, a test) carries, so only the runtime holds values. Its `forget_all` still
    reaches every cache of the process (a configuration loaded by such a caller)."""

    def get(self, key: Key, load: Callable[[], T | None], ttl: float) -> T | None:
        return load()

    def peek(self, key: Key, kind: type[T]) -> T | None:
        return None

    def put(self, key: Key, value: object, ttl: float) -> None:
        return None

    def forget(self, key: Key) -> None:
        return None

    def forget_all(self) -> None:
        _current[0] = next(_process_generation)
