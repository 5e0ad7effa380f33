"""Issue 13, point 7: files that hold personal data are the server user's alone (folder
0700, database, WAL, SHM, backups and restore's kept copy 0600), whatever the umask."""

from __future__ import annotations

import os
import re
import sqlite3
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.support.http import JsonClient
from tests.support.private_files import cli, crash_after_writing, mode, process_umask
from tests.support.servers import server_process


def _env(database: Path) -> dict[str, str]:
    return {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "SECRET_KEY": "files",
            "ANTRIAN_DEMO": "1"}


def _book(base: str) -> None:
    today = datetime.now(ZoneInfo("Asia/Jakarta")).date().isoformat()
    reply = JsonClient(base).post("/api/v1/bookings", {
        "facility": "pkm-demo", "service": "umum", "date": today,
        "patient": {"nik": "3578010101900001", "name": "Siti Aminah",
                    "phone": "081234567890"}})
    assert reply.status == 201, reply.body


@pytest.mark.parametrize("umask", [0o022, 0o000])
def test_a_served_database_its_wal_shm_and_backups_are_private(tmp_path: Path,
                                                               umask: int) -> None:
    data = tmp_path / "data"  # made by the server
    database = data / "antrian.db"
    env = _env(database)
    with process_umask(umask), server_process(env, "--demo",
                                              log_path=tmp_path / "server.log") as base:
        _book(base)
        assert mode(data) == 0o700
        for name in ("antrian.db", "antrian.db-wal", "antrian.db-shm", "antrian.db.serving"):
            assert mode(data / name) == 0o600, name
        made = cli(env, "backup", str(tmp_path / "backups" / "morning.db"), umask=umask)
        assert made.returncode == 0, made.stderr
    assert mode(tmp_path / "backups") == 0o700
    assert mode(tmp_path / "backups" / "morning.db") == 0o600
    done = cli(env, "restore", "--force", str(tmp_path / "backups" / "morning.db"), umask=umask)
    assert done.returncode == 0, done.stderr
    (aside,) = data.glob("antrian.db.replaced-*")
    assert mode(aside) == 0o600 and mode(database) == 0o600


def test_files_left_open_by_an_older_version_are_closed_at_start(tmp_path: Path) -> None:
    data = tmp_path / "data"
    database = data / "antrian.db"
    env = _env(database)
    assert cli(env, "upgrade").returncode == 0
    crash_after_writing(database)  # a WAL and SHM left behind
    data.chmod(0o755)
    for path in data.iterdir():
        path.chmod(0o644)
    with server_process(env, log_path=tmp_path / "server.log"):
        assert mode(data) == 0o700
        for suffix in ("", "-wal", "-shm"):
            assert mode(Path(f"{database}{suffix}")) == 0o600, suffix


def test_a_database_in_a_shared_folder_is_private_and_the_folder_left_alone(
        tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)  # like /tmp: others' files live here too
    database = shared / "antrian.db"
    ran = cli(_env(database), "upgrade", umask=0o000)
    assert ran.returncode == 0, ran.stderr
    assert mode(shared) == 0o1777 and mode(database) == 0o600
    assert "open to other users" in ran.stderr


def test_pg_dump_backups_are_private(tmp_path: Path, pg_database: str) -> None:
    env = {**os.environ, "DATABASE_URL": pg_database, "SECRET_KEY": "files"}
    assert cli(env, "upgrade").returncode == 0
    made = cli(env, "backup", str(tmp_path / "city.dump"), umask=0o000)
    assert made.returncode == 0, made.stderr
    assert mode(tmp_path / "city.dump") == 0o600


def test_the_replaced_database_is_named_by_time_and_holds_the_old_rows(tmp_path: Path) -> None:
    database = tmp_path / "data" / "antrian.db"
    env = _env(database)
    assert cli(env, "upgrade").returncode == 0
    assert cli(env, "backup", str(tmp_path / "good.db")).returncode == 0
    crash_after_writing(database)
    done = cli(env, "restore", "--force", str(tmp_path / "good.db"))
    assert done.returncode == 0, done.stderr
    kept = re.search(r"kept as (\S+antrian\.db\.replaced-\d{8}T\d{6})", done.stdout)
    assert kept, done.stdout
    with sqlite3.connect(kept.group(1)) as old:
        assert old.execute("SELECT note FROM crash_marker").fetchall() == [("only in the WAL",)]
    with sqlite3.connect(database) as live:
        assert not live.execute("SELECT name FROM sqlite_master WHERE name = 'crash_marker'"
                                ).fetchall()
    undone = cli(env, "restore", "--force", kept.group(1))  # the wrong restore, undone
    assert undone.returncode == 0, undone.stderr
    with sqlite3.connect(database) as live:
        assert live.execute("SELECT count(*) FROM crash_marker").fetchone() == (1,)
