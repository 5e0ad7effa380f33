"""Backups while serving: SQLite's online backup API, or pg_dump for PostgreSQL."""

from __future__ import annotations

import fcntl
import shutil
import sqlite3
import subprocess
from pathlib import Path
from typing import IO

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from .models import new_epoch


class BackupError(RuntimeError):
    pass


def _sqlite_path(url: str) -> Path:
    database = make_url(url).database
    if not database or database == ":memory:":
        raise BackupError("an in-memory database cannot be backed up")
    return Path(database)


def backup(url: str, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    if url.startswith("sqlite"):
        source = _sqlite_path(url)
        if not source.exists():
            raise BackupError(f"no database at {source}")
        # The backup API copies a consistent snapshot page by page while writers go on.
        with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
            src.backup(dst, pages=256)
        src.close()
        dst.close()
        return
    pg_dump = shutil.which("pg_dump")
    if pg_dump is None:
        raise BackupError("pg_dump not found: apt-get install postgresql-client")
    libpq = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    done = subprocess.run([pg_dump, "--format=custom", "--file", str(target), libpq],
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise BackupError(done.stderr.strip() or "pg_dump failed")


def _lock_path(database: Path) -> Path:
    return database.with_name(database.name + ".serving")


def hold_serving_lock(url: str) -> IO[str] | None:
    """Mark a SQLite database as served by this process until it exits (a shared lock on
    a file beside it: several server processes may hold it at once); None for other
    databases. `restore` refuses while any process holds it."""
    if not url.startswith("sqlite"):
        return None
    try:
        database = _sqlite_path(url)
    except BackupError:
        return None
    handle = _lock_path(database).open("a")
    fcntl.flock(handle, fcntl.LOCK_SH)
    return handle


def _refuse_if_served(database: Path) -> None:
    path = _lock_path(database)
    if not path.exists():
        return
    with path.open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BackupError(f"a server is using {database}: stop it, then restore") from None
        fcntl.flock(handle, fcntl.LOCK_UN)


def restore(source: Path, url: str, force: bool = False) -> None:
    """Put a SQLite backup in place of the database, with new facility epochs.

    Raises BackupError when the backup is missing, the database exists without `force`,
    or a server is still serving the database (its changes would be lost)."""
    if not url.startswith("sqlite"):
        raise BackupError("restore PostgreSQL with pg_restore --clean -d URL FILE, then run "
                          "python -m queue_server new-epoch")
    if not source.exists():
        raise BackupError(f"no backup at {source}")
    target = _sqlite_path(url)
    _refuse_if_served(target)
    if target.exists() and not force:
        raise BackupError(f"{target} exists; stop the server and use --force to replace it")
    target.parent.mkdir(parents=True, exist_ok=True)
    # A write-ahead log left by the old database must not be replayed over the backup.
    for stale in (Path(f"{target}-wal"), Path(f"{target}-shm")):
        stale.unlink(missing_ok=True)
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    src.close()
    dst.close()
    renew_epochs(url)


def renew_epochs(url: str) -> int:
    """Give every facility a new epoch: after a restore its event `seq` went back, and
    boards, consoles and phones that follow `seq` must resync rather than wait for the old
    numbers to come round again. Returns how many facilities were renewed."""
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            ids = conn.execute(text("SELECT id FROM facilities")).scalars().all()
            for fid in ids:
                conn.execute(text("UPDATE facilities SET epoch = :e WHERE id = :id"),
                             {"e": new_epoch(), "id": fid})
        return len(ids)
    finally:
        engine.dispose()
