"""Issue 13, point 7: `restore` checks the backup before it touches anything. A damaged,
foreign or newer file is refused with a clear message, and the live database, its WAL and
its SHM stay exactly as they were."""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support.private_files import cli, crash_after_writing, fingerprint


def _garbage(good: Path, bad: Path) -> None:
    bad.write_bytes(os.urandom(64 * 1024))


def _cut_short(good: Path, bad: Path) -> None:
    bad.write_bytes(good.read_bytes()[: good.stat().st_size // 2])


def _damaged_pages(good: Path, bad: Path) -> None:
    data = bytearray(good.read_bytes())
    for page in range(2, len(data) // 4096, 3):  # every third page after the schema's
        data[page * 4096 + 8: page * 4096 + 200] = os.urandom(192)
    bad.write_bytes(bytes(data))


def _index_out_of_step(good: Path, bad: Path) -> None:
    """Readable page by page, but an index no longer matches its table."""
    shutil.copyfile(good, bad)
    conn = sqlite3.connect(bad)
    conn.execute("CREATE INDEX ix_damage ON services (code)")
    conn.commit()
    conn.execute("PRAGMA writable_schema=ON")
    conn.execute("UPDATE sqlite_master SET sql = 'CREATE INDEX ix_damage ON services (name)' "
                 "WHERE name = 'ix_damage'")
    conn.commit()
    conn.close()


def _foreign(good: Path, bad: Path) -> None:
    with sqlite3.connect(bad) as conn:
        conn.execute("CREATE TABLE notes (text TEXT)")
    conn.close()


def _newer(good: Path, bad: Path) -> None:
    shutil.copyfile(good, bad)
    with sqlite3.connect(bad) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0042_from_the_future'")
    conn.close()


BAD_BACKUPS: dict[str, tuple[Callable[[Path, Path], None], str]] = {
    "garbage": (_garbage, "not a readable antrian database"),
    "cut short": (_cut_short, "backup"),
    "damaged pages": (_damaged_pages, "backup"),
    "index out of step": (_index_out_of_step, "the backup is damaged (SQLite integrity check"),
    "another program's database": (_foreign, "not a readable antrian database"),
    "a newer version's schema": (_newer, "unknown to this version of antrian"),
}


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A database with the demo loaded and a good backup of it, made once by the CLI for
    the module's tests (each takes copies: three CLI runs are most of a test's time)."""
    folder = tmp_path_factory.mktemp("restore-made")
    database = folder / "antrian.db"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "SECRET_KEY": "restore"}
    assert cli(env, "upgrade").returncode == 0
    assert cli(env, "load-config", "config/demo.yaml").returncode == 0
    good = folder / "good.db"
    assert cli(env, "backup", str(good)).returncode == 0
    assert not Path(f"{database}-wal").exists() or not Path(f"{database}-wal").stat().st_size
    return database, good


@pytest.fixture
def live(made: tuple[Path, Path], tmp_path: Path) -> tuple[dict[str, str], Path, Path]:
    """A database left by a crash (rows only in its WAL) and a good backup of it."""
    database = tmp_path / "data" / "antrian.db"
    database.parent.mkdir()
    shutil.copy(made[0], database)
    good = tmp_path / "good.db"
    shutil.copy(made[1], good)
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "SECRET_KEY": "restore"}
    crash_after_writing(database)
    return env, database, good


@pytest.mark.parametrize("kind", list(BAD_BACKUPS))
def test_a_bad_backup_is_refused_and_the_live_files_are_untouched(
        live: tuple[dict[str, str], Path, Path], tmp_path: Path, kind: str) -> None:
    env, database, good = live
    make, says = BAD_BACKUPS[kind]
    bad = tmp_path / "bad.db"
    make(good, bad)
    before = fingerprint(database)
    refused = cli(env, "restore", "--force", str(bad))
    assert refused.returncode == 2, refused.stderr
    assert says in refused.stderr and "the database was not changed" in refused.stderr
    assert fingerprint(database) == before  # database, WAL and SHM, byte for byte
    leftovers = [p.name for p in database.parent.iterdir()
                 if ".replaced-" in p.name or ".restoring" in p.name]
    assert leftovers == []
    with sqlite3.connect(database) as conn:  # the crash's row is still readable
        assert conn.execute("SELECT count(*) FROM crash_marker").fetchone() == (1,)


def test_a_missing_backup_is_refused(live: tuple[dict[str, str], Path, Path],
                                     tmp_path: Path) -> None:
    env, database, _ = live
    before = fingerprint(database)
    refused = cli(env, "restore", "--force", str(tmp_path / "nowhere.db"))
    assert refused.returncode == 2 and "no backup at" in refused.stderr
    assert fingerprint(database) == before


def test_a_good_backup_replaces_the_database_and_says_where_the_old_one_is(
        live: tuple[dict[str, str], Path, Path]) -> None:
    env, database, good = live
    done = cli(env, "restore", "--force", str(good))
    assert done.returncode == 0, done.stderr
    assert "kept as" in done.stdout and "restored" in done.stdout
    with sqlite3.connect(database) as conn:
        assert conn.execute("SELECT count(*) FROM facilities").fetchone() == (1,)
        assert not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'crash_marker'"
                                ).fetchall()
