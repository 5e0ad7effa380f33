"""A process forgets its caches when another process changed the configuration
(services/config_watch.py): it looks at the newest audit row's id at most once a period."""

from __future__ import annotations

from types import TracebackType
from typing import Any

from sqlalchemy.exc import OperationalError

from queue_server.services.cache import MemoryCache
from queue_server.services.config_watch import ConfigWatch


class Versions:
    """A read-only unit of work whose audit log's newest id is `version`."""

    def __init__(self) -> None:
        self.version, self.reads, self.broken = 1, 0, False
        self.admin = self

    def last_id(self) -> int:
        self.reads += 1
        if self.broken:
            raise OperationalError("SELECT max(id)", {}, Exception("database is locked"))
        return self.version

    def __enter__(self) -> Any:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        return None


def test_the_cache_is_forgotten_when_the_version_moves_and_looked_at_once_a_period() -> None:
    now = [100.0]
    watch, db, cache = ConfigWatch(1.0, lambda: now[0]), Versions(), MemoryCache()
    cache.put(("catalogue", "x"), "kept", 60)
    watch.check(lambda: db, cache)  # the first look only learns the version
    assert ("catalogue", "x") in cache and db.reads == 1
    db.version = 2  # another process changed the configuration
    now[0] += 0.5
    watch.check(lambda: db, cache)  # too soon: not looked at
    assert db.reads == 1 and ("catalogue", "x") in cache
    now[0] += 0.6
    watch.check(lambda: db, cache)
    assert db.reads == 2 and ("catalogue", "x") not in cache
    cache.put(("catalogue", "x"), "again", 60)
    now[0] += 1.1
    watch.check(lambda: db, cache)  # the same version: kept
    assert ("catalogue", "x") in cache


def test_a_database_that_cannot_answer_never_fails_the_request() -> None:
    now = [0.0]
    watch, db, cache = ConfigWatch(1.0, lambda: now[0]), Versions(), MemoryCache()
    db.broken = True
    watch.check(lambda: db, cache)  # no exception
    assert db.reads == 1
