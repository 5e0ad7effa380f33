"""SQLite's WAL is copied into the database file off the request path, and stays bounded."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from queue_server.persistence import db
from tests.support.servers import wait_until


def test_a_serving_engine_checkpoints_in_the_background(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(db, "CHECKPOINT_SECONDS", 0.05)
    monkeypatch.setattr(db, "RESTART_WAL_BYTES", 256 * 1024)
    path = tmp_path / "served.db"
    engine = db.make_engine(f"sqlite:///{path}", background_checkpoints=True)
    try:
        with engine.begin() as conn:
            # No request pays for a checkpoint: SQLite's automatic one is only a far net.
            assert conn.execute(text("PRAGMA wal_autocheckpoint")).scalar_one() == 50000
            conn.execute(text("CREATE TABLE notes (body TEXT)"))
        for _ in range(300):
            with engine.begin() as conn:
                conn.execute(text("INSERT INTO notes VALUES (:b)"), {"b": "x" * 2000})
        # Only the background loop can have moved the rows into the database file...
        wait_until(lambda: path.stat().st_size > 500_000, timeout=20,
                   what="rows checkpointed into the database file")
        # ...and restarted the WAL once it grew past its limit: what it holds now is far
        # less than the 300 transactions (1.2 MB of frames at least) written into it.
        def wal_bytes() -> int:
            with engine.begin() as conn:  # a write restarts a fully copied WAL
                conn.execute(text("INSERT INTO notes VALUES ('tick')"))
            probe = sqlite3.connect(path, isolation_level=None)
            try:
                return int(probe.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()[1]) * 4096
            finally:
                probe.close()

        wait_until(lambda: wal_bytes() < 2 * db.RESTART_WAL_BYTES, timeout=20,
                   what="a WAL restarted by the background loop")
        with engine.connect() as conn:
            assert conn.execute(
                text("SELECT count(*) FROM notes WHERE body != 'tick'")).scalar_one() == 300
    finally:
        engine.dispose()


def test_tools_and_tests_keep_sqlites_own_checkpoints(tmp_path: Path) -> None:
    engine = db.make_engine(f"sqlite:///{tmp_path / 'tool.db'}")
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA wal_autocheckpoint")).scalar_one() == 1000
    engine.dispose()
