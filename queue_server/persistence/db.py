"""Engines for SQLite (WAL, write transactions taken up front) and PostgreSQL (pooled)."""

from __future__ import annotations

import threading
import time
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DisconnectionError

# Execution option a read-only unit of work sets so SQLite does not take the write lock.
SQLITE_BEGIN = "sqlite_begin"


def is_sqlite(url: str) -> bool:
    return url.startswith("sqlite")


def make_engine(url: str, **overrides: Any) -> Engine:
    if is_sqlite(url):
        return _sqlite_engine(url, **overrides)
    options: dict[str, Any] = {"pool_size": 10, "max_overflow": 20}
    options.update(overrides)
    engine = create_engine(url, **options)
    _ping_when_idle(engine)
    return engine


# A pooled connection idle this long is tested before use (a database restart or a
# firewall may have cut it meanwhile). Busy connections are not: pinging on every checkout
# (pool_pre_ping) cost a round trip per request. A busy connection that broke fails its
# request with a 503, and SQLAlchemy then discards every connection of the pool at once.
IDLE_PING_SECONDS = 10.0


def _ping_when_idle(engine: Engine) -> None:
    @event.listens_for(engine, "checkin")
    def _checked_in(_dbapi_conn: Any, record: Any) -> None:
        record.info["idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _checked_out(dbapi_conn: Any, record: Any, _proxy: Any) -> None:
        since = record.info.get("idle_since")
        if since is None or time.monotonic() - since < IDLE_PING_SECONDS:
            return
        try:
            alive = engine.dialect.do_ping(dbapi_conn)
        except Exception as exc:  # the pool replaces it and tries again
            raise DisconnectionError("idle connection is gone") from exc
        if not alive:
            raise DisconnectionError("idle connection is gone")


def _sqlite_engine(url: str, **overrides: Any) -> Engine:
    options: dict[str, Any] = {
        "connect_args": {"timeout": 30, "check_same_thread": False},
        "pool_size": 20,
        "max_overflow": 20,
    }
    options.update(overrides)
    engine = create_engine(url, **options)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Let us issue BEGIN ourselves (pysqlite would otherwise begin lazily, deferred).
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        for pragma in (
            "journal_mode=WAL",
            "synchronous=NORMAL",
            "foreign_keys=ON",
            "busy_timeout=30000",
        ):
            cursor.execute(f"PRAGMA {pragma}")
        cursor.close()

    # Writers of this process queue on a mutex before asking SQLite for its write lock:
    # SQLite's own busy handler waits by sleeping and polling, which gives long tails when
    # many threads write at once. The database lock stays the guard between processes.
    writers = threading.Lock()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # A writing transaction takes SQLite's write lock at BEGIN, so two of them are
        # serialised from the start instead of failing at their first write.
        mode = conn.get_execution_options().get(SQLITE_BEGIN, "IMMEDIATE")
        if mode == "IMMEDIATE":
            writers.acquire()
            conn.info["writer"] = True
        try:
            conn.exec_driver_sql(f"BEGIN {mode}")
        except Exception:
            _release(conn)
            raise

    def _release(conn: Any) -> None:
        if conn.info.pop("writer", False):
            writers.release()

    event.listen(engine, "commit", _release)
    event.listen(engine, "rollback", _release)
    return engine
