"""Helpers for tests of files at rest: the CLI under a chosen umask, file modes, and a
database left by a crash with committed rows still only in its WAL."""

from __future__ import annotations

import hashlib
import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def cli(env: dict[str, str], *args: str, umask: int = 0o022) -> subprocess.CompletedProcess[str]:
    """`python -m queue_server ARGS` in a shell that set `umask` first."""
    script = f'umask {umask:03o}; exec "$0" -m queue_server "$@"'
    return subprocess.run(["sh", "-c", script, sys.executable, *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@contextmanager
def process_umask(value: int) -> Iterator[None]:
    """This process's umask (inherited by the servers it starts) for a while."""
    old = os.umask(value)
    try:
        yield
    finally:
        os.umask(old)


CRASH = """
import os, sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA journal_mode=WAL")
conn.execute("PRAGMA wal_autocheckpoint=0")
conn.execute("CREATE TABLE IF NOT EXISTS crash_marker (note TEXT)")
conn.execute("INSERT INTO crash_marker VALUES ('only in the WAL')")
os._exit(0)  # no checkpoint, no clean close: the WAL and SHM stay, as after a crash
"""


def crash_after_writing(database: Path) -> None:
    """Commit a row to `database` and die: the row lives only in the -wal file."""
    subprocess.run([sys.executable, "-c", CRASH, str(database)], check=True, timeout=60)
    assert Path(f"{database}-wal").stat().st_size > 0


def fingerprint(database: Path) -> dict[str, str | None]:
    """The bytes of a database, its -wal and -shm (None when missing), as digests."""
    out: dict[str, str | None] = {}
    for suffix in ("", "-wal", "-shm"):
        path = Path(f"{database}{suffix}")
        out[suffix] = hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else None
    return out
