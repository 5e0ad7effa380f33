"""Engines for SQLite (WAL, write transactions taken up front) and PostgreSQL (pooled)."""

from __future__ import annotations

import logging
import threading
import time
import weakref
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DisconnectionError

from . import hub_wait
from .files import secure_sqlite, sqlite_file
from .kept_prepared import keep_prepared_across_rollback
from .repositories.hot import on_driver

# Execution option a read-only unit of work sets so SQLite does not take the write lock.
SQLITE_BEGIN = "sqlite_begin"
_BEGIN = {"IMMEDIATE": "BEGIN IMMEDIATE", "DEFERRED": "BEGIN DEFERRED"}


def is_sqlite(url: str) -> bool:
    return url.startswith("sqlite")


def make_engine(url: str, background_checkpoints: bool = False, **overrides: Any) -> Engine:
    """`background_checkpoints` (SQLite, for a serving process): see `_checkpoint_loop`."""
    if is_sqlite(url):
        return _sqlite_engine(url, background_checkpoints, **overrides)
    # Statement parameters (names, NIKs, phones) never appear in errors or logs. 20 kept
    # open: a gevent process serves many requests at once, and each connection opened
    # beyond those kept is closed again after its request (a new PostgreSQL backend per
    # booking in a rush). At most 30 per process, as before.
    options: dict[str, Any] = {"pool_size": 20, "max_overflow": 10, "hide_parameters": True}
    options.update(overrides)
    hub_wait.install()  # under a gevent worker only
    engine = create_engine(url, **options)
    _ping_when_idle(engine)
    if url.startswith("postgresql"):
        event.listen(engine, "connect", keep_prepared_across_rollback)
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


def _sqlite_engine(url: str, background_checkpoints: bool, **overrides: Any) -> Engine:
    database = sqlite_file(url)
    if database is not None:
        # Created 0600 before SQLite opens it: its -wal and -shm then get that mode too.
        secure_sqlite(database)
    options: dict[str, Any] = {
        "connect_args": {"timeout": 30, "check_same_thread": False},
        "pool_size": 20,
        "max_overflow": 20,
        # The connection used last is handed out next. SQLite empties a connection's page
        # cache whenever another connection wrote since its last transaction: the pool's
        # default (oldest first) meant every walk-in read its B-tree pages again.
        "pool_use_lifo": True,
        "hide_parameters": True,
    }
    options.update(overrides)
    engine = create_engine(url, **options)
    _set_pragmas(engine, background_checkpoints)

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
            # Straight on the driver (SQLAlchemy's execution costs more than SQLite's
            # BEGIN); errors wrapped as SQLAlchemy's: a locked database is a 503.
            on_driver(conn, _BEGIN[mode])
        except Exception:
            _release(conn)
            raise

    def _release(conn: Any) -> None:
        if conn.info.pop("writer", False):
            writers.release()

    event.listen(engine, "commit", _release)
    event.listen(engine, "rollback", _release)
    if background_checkpoints and engine.url.database not in (None, "", ":memory:"):
        threading.Thread(target=_checkpoint_loop, name="antrian-checkpoint", daemon=True,
                         args=(str(engine.url.database), writers, weakref.ref(engine))).start()
    return engine


def _set_pragmas(engine: Engine, background_checkpoints: bool) -> None:
    """WAL, NORMAL sync, foreign keys, a busy timeout on every new SQLite connection."""

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
            # After a checkpoint the WAL restarts; this keeps its file from staying large.
            "journal_size_limit=67108864",
        ):
            cursor.execute(f"PRAGMA {pragma}")
        if background_checkpoints:
            # Only a safety net (about 200 MB of WAL) should the loop below ever stop.
            cursor.execute("PRAGMA wal_autocheckpoint=50000")
        cursor.close()


CHECKPOINT_SECONDS = 1.0
# Past this size the WAL is checkpointed to its end and restarted, writers paused meanwhile.
RESTART_WAL_BYTES = 64 * 1024 * 1024


def _checkpoint_loop(path: str, writers: Any, engine_alive: Any) -> None:
    """Copy the WAL into the database file every second, off the request path.

    SQLite otherwise checkpoints inside whichever commit crosses 1,000 WAL pages: that
    request waits for the copy and its fsyncs (tens of milliseconds here) and, on gevent,
    every other request waits with it. Here the copy runs on a native thread with its own
    connection (sqlite3 releases the GIL while it works). PASSIVE blocks nobody but cannot
    restart a WAL that is written to all the time, so once the WAL is large the writers of
    this process are held back for the moment it takes to finish and restart it.
    Ends when the engine is gone.
    """
    import sqlite3

    log = logging.getLogger(__name__)
    conn: sqlite3.Connection | None = None
    page_size = 4096
    restarted_at = -1  # the WAL's frame count right after the last restart

    def checkpoint(mode: str) -> int:
        """Runs one; returns the frames in the WAL (since it last restarted)."""
        assert conn is not None
        _busy, frames, _copied = conn.execute(f"PRAGMA wal_checkpoint({mode})").fetchone()
        return max(frames, 0)

    while engine_alive() is not None:
        time.sleep(CHECKPOINT_SECONDS)  # a greenlet's sleep under gevent
        try:
            if conn is None:
                # A short busy wait: a RESTART that meets a long reader gives up and tries
                # again next round, instead of holding this process's writers back.
                conn = sqlite3.connect(path, timeout=0.1, isolation_level=None,
                                       check_same_thread=False)
                page_size = conn.execute("PRAGMA page_size").fetchone()[0]
            frames = _on_native_thread(checkpoint, "PASSIVE")
            # After a restart the WAL still reports its old frames until the next write:
            # the same count again means nothing new to restart.
            if frames * page_size > RESTART_WAL_BYTES and frames != restarted_at:
                with writers:
                    restarted_at = _on_native_thread(checkpoint, "RESTART")
        except sqlite3.Error:  # busy or briefly unavailable: the next round catches up
            continue
        except Exception:  # never let the only checkpointer die silently
            log.exception("WAL checkpoint failed; retrying in %s s", CHECKPOINT_SECONDS)
    if conn is not None:
        conn.close()


def _on_native_thread(fn: Any, *args: Any) -> Any:
    """Run `fn` on a real OS thread; under gevent the calling greenlet yields meanwhile."""
    try:
        from gevent import monkey
    except ImportError:  # pragma: no cover - gevent is a requirement
        return fn(*args)
    if not monkey.is_module_patched("threading"):
        return fn(*args)  # already on a thread of our own
    import gevent

    return gevent.get_hub().threadpool.apply(fn, args)
