"""Backups while serving: SQLite's online backup API, or pg_dump for PostgreSQL; restore
of a SQLite backup that checks the file first and keeps the database it replaces.

Backups, and databases put aside by a restore, hold personal data: they are 0600.
"""

from __future__ import annotations

import fcntl
import shutil
import sqlite3
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from .files import (
    SQLITE_COMPANIONS,
    private_file,
    private_folder,
    remove_sqlite,
    secure_sqlite,
    sqlite_file,
)
from .migrate import scripts
from .models import new_epoch


class BackupError(RuntimeError):
    """A backup or restore that cannot be done; the message says why (English, for the
    command line), and nothing was changed."""


def _sqlite_path(url: str) -> Path:
    database = sqlite_file(url)
    if database is None:
        raise BackupError("an in-memory database cannot be backed up")
    return database


def _copy(source: Path, target: Path, pages: int = 256) -> None:
    """Copy a SQLite database page by page (a consistent snapshot while writers go on,
    the WAL's committed pages included) into `target`, created 0600; the target changes
    in one transaction. sqlite3.DatabaseError when either is no database."""
    private_file(target)
    src = sqlite3.connect(source)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst, pages=pages)
        finally:
            dst.close()
    finally:
        src.close()


def _damaged(exc: sqlite3.DatabaseError) -> bool:
    """SQLite says the file is no database or a damaged one (not merely busy)."""
    return getattr(exc, "sqlite_errorname", "").startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB"))


def backup(url: str, target: Path) -> None:
    """Write a backup of the database at `url` to `target` (0600). BackupError when the
    database is missing or pg_dump is missing or fails."""
    private_folder(target.parent)  # 0700 when made here
    if url.startswith("sqlite"):
        source = _sqlite_path(url)
        if not source.exists():
            raise BackupError(f"no database at {source}")
        _copy(source, target)
        return
    pg_dump = shutil.which("pg_dump")
    if pg_dump is None:
        raise BackupError("pg_dump not found: apt-get install postgresql-client")
    libpq = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    private_file(target)  # pg_dump truncates it and keeps its mode
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
    database = sqlite_file(url)
    if database is None:
        return None
    path = _lock_path(database)
    private_file(path)
    handle = path.open("a")
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


@dataclass(frozen=True)
class Restored:
    """What `restore` did: the backup's schema revision, whether it is the newest this
    code knows (else `python -m queue_server upgrade` brings it up), and where the
    database it replaced was put (None when there was none)."""

    revision: str
    current: bool
    aside: Path | None


def check_backup(copy: Path) -> str:
    """The schema revision of a SQLite database file, once SQLite's integrity check
    passes and the revision is one this code knows. BackupError otherwise: not a
    database, damaged, not antrian's, or made by a newer version."""
    try:
        conn = sqlite3.connect(copy)
        try:
            problems = [row[0] for row in conn.execute("PRAGMA integrity_check")]
            if problems != ["ok"]:
                raise BackupError("the backup is damaged (SQLite integrity check: "
                                  f"{'; '.join(problems[:3])})")
            rows = conn.execute("SELECT version_num FROM alembic_version").fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"the backup is not a readable antrian database ({exc})") from None
    if len(rows) != 1:
        raise BackupError("the backup has no schema version: not an antrian database")
    revision = rows[0][0]
    known = {script.revision for script in scripts().walk_revisions()}
    if revision not in known:
        raise BackupError(f"the backup's schema version {revision} is unknown to this "
                          "version of antrian (made by a newer one?): restore it with that "
                          "version")
    return str(revision)


def _aside_path(target: Path) -> Path:
    stamp = time.strftime("%Y%m%dT%H%M%S")
    path = target.with_name(f"{target.name}.replaced-{stamp}")
    n = 1
    while path.exists():
        n += 1
        path = target.with_name(f"{target.name}.replaced-{stamp}-{n}")
    return path


def _put_aside(target: Path) -> Path:
    """Keep the database `restore` replaces: a consistent copy, or, if SQLite cannot read
    it (damaged), its files as they are (database, -wal, -shm), all 0600."""
    aside = _aside_path(target)
    try:
        _copy(target, aside)
    except sqlite3.DatabaseError as exc:
        if not _damaged(exc):
            raise
        remove_sqlite(aside)
        for suffix in ("", *SQLITE_COMPANIONS):
            if Path(f"{target}{suffix}").exists():
                private_file(Path(f"{aside}{suffix}"))
                shutil.copyfile(f"{target}{suffix}", f"{aside}{suffix}")
    return aside


def _write_over(staging: Path, target: Path) -> None:
    """The checked copy into the database, in one transaction; a damaged database (its
    files are aside already) is replaced whole."""
    try:
        _copy(staging, target, pages=-1)
    except sqlite3.DatabaseError as exc:
        if not _damaged(exc):
            raise
        remove_sqlite(target)
        _copy(staging, target, pages=-1)


def _stage(source: Path, staging: Path) -> str:
    """Copy the backup beside the database and check it; its schema revision."""
    remove_sqlite(staging)
    try:
        _copy(source, staging, pages=-1)
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"the backup is not a readable antrian database ({exc})") from None
    return check_backup(staging)


def restore(source: Path, url: str, force: bool = False) -> Restored:
    """Put a SQLite backup in place of the database, with new facility epochs.

    The backup is copied beside the database and checked first (`check_backup`); the
    database it replaces is kept aside (`antrian.db.replaced-YYYYmmddTHHMMSS`, 0600),
    then the backup is written into it in one SQLite transaction: a refusal or failure
    leaves the database, its WAL and SHM as they were. Raises BackupError when the
    backup is missing or fails its check, the database exists without `force`, or a
    server is still serving the database (its changes would be lost); sqlite3.Error
    when SQLite fails otherwise (e.g. the database is busy)."""
    if not url.startswith("sqlite"):
        raise BackupError("restore PostgreSQL with pg_restore --clean -d URL FILE, then run "
                          "python -m queue_server new-epoch")
    if not source.is_file():
        raise BackupError(f"no backup at {source}")
    target = _sqlite_path(url)
    _refuse_if_served(target)
    if target.exists() and not force:
        raise BackupError(f"{target} exists; stop the server and use --force to replace it")
    if target.exists():
        secure_sqlite(target)  # the folder 0700, the database and its files 0600
    else:
        private_folder(target.parent)
    staging = target.with_name(target.name + ".restoring")
    try:
        revision = _stage(source, staging)
        aside = _put_aside(target) if target.exists() and target.stat().st_size else None
        _write_over(staging, target)
    finally:
        remove_sqlite(staging)
    _checkpoint(target)
    renew_epochs(url)
    head = scripts().get_current_head()
    return Restored(revision, revision == head, aside)


def _checkpoint(database: Path) -> None:
    """Fold the restore's pages from the WAL into the database file."""
    conn = sqlite3.connect(database)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


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
