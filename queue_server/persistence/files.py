"""Files that hold personal data are the server user's alone: folders 0700, files 0600.

Whatever the process umask: a file is created 0600 before anything writes to it (SQLite
gives a database's -wal, -shm and -journal files the database file's own mode, so
creating the database 0600 before SQLite opens it covers them), and existing files are
put right at start-up.
"""

from __future__ import annotations

import glob
import logging
import os
import stat
from pathlib import Path

from sqlalchemy.engine import make_url

PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700
# Files SQLite keeps beside a database, and ours: the serving lock, databases put aside
# by `restore`, a restore's staging copy.
SQLITE_COMPANIONS = ("-wal", "-shm", "-journal")
ASIDE_PATTERNS = (".serving", ".replaced-*", ".restoring", ".restoring-wal",
                  ".restoring-shm", ".restoring-journal")

log = logging.getLogger(__name__)


def sqlite_file(url: str) -> Path | None:
    """The database file of a SQLite URL; None for other databases, in-memory ones and
    SQLite URI filenames (`file:...`)."""
    if not url.startswith("sqlite"):
        return None
    database = make_url(url).database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database)


def private_folder(folder: Path, take_over: bool = False) -> None:
    """Create `folder` (and its parents) 0700. An existing folder is made 0700 when
    `take_over` (the instance folder: ours by definition) and it is ours and not shared
    on purpose (sticky, like /tmp); otherwise it is left as it is, with a warning if other
    users may enter it (the files inside are 0600 anyway)."""
    created = not folder.exists()
    missing = [f for f in (folder, *folder.parents) if not f.exists()]
    for each in reversed(missing):  # mkdir's parents would take the umask (0755): each 0700
        each.mkdir(exist_ok=True, mode=PRIVATE_FOLDER)
        if each != folder and stat.S_IMODE(each.stat().st_mode) != PRIVATE_FOLDER:
            each.chmod(PRIVATE_FOLDER)
    info = folder.stat()
    mode = stat.S_IMODE(info.st_mode)
    if mode == PRIVATE_FOLDER:
        return
    ours = info.st_uid == os.geteuid() and not info.st_mode & stat.S_ISVTX
    if ours and (created or take_over):
        folder.chmod(PRIVATE_FOLDER)  # mkdir's mode was narrowed by the umask only
    elif mode & 0o077:
        log.warning("folder %s is open to other users (mode %o): the database files in it "
                    "are 0600, but keep them in a folder of their own (chmod 700)",
                    folder, mode)


def private_file(path: Path) -> None:
    """Make `path` 0600, creating it empty if it does not exist (never readable by
    others in between, whatever the umask)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, PRIVATE_FILE)
    try:
        if stat.S_IMODE(os.fstat(fd).st_mode) != PRIVATE_FILE:
            os.fchmod(fd, PRIVATE_FILE)
    finally:
        os.close(fd)


def restrict_existing(path: Path) -> None:
    """Make `path` 0600 if it exists (a file left by an older version, or by SQLite)."""
    try:
        if stat.S_IMODE(path.stat().st_mode) != PRIVATE_FILE:
            path.chmod(PRIVATE_FILE)
    except FileNotFoundError:
        pass


def secure_sqlite(database: Path) -> None:
    """Before SQLite opens `database`: its folder 0700 (unless it is the working
    directory: a database beside the code, in development); the database created 0600
    if new; the files beside it (-wal, -shm, -journal, the serving lock, restore's
    copies) 0600."""
    folder = database.parent
    private_folder(folder, take_over=folder.resolve() != Path.cwd().resolve())
    private_file(database)
    for suffix in SQLITE_COMPANIONS:
        restrict_existing(Path(f"{database}{suffix}"))
    for pattern in ASIDE_PATTERNS:
        for path in database.parent.glob(glob.escape(database.name) + pattern):
            restrict_existing(path)


def remove_sqlite(database: Path) -> None:
    """Delete a database file with its -wal, -shm and -journal."""
    for suffix in ("", *SQLITE_COMPANIONS):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
