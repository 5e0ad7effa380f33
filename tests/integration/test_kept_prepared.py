"""Prepared statements kept across a ROLLBACK on the server's PostgreSQL connections
(queue_server/persistence/kept_prepared.py): psycopg would forget them, and PostgreSQL
would parse and plan them again, after every read-only request and refused booking."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text

from queue_server.persistence.db import make_engine


def prepared(conn: Any) -> list[str]:
    return list(conn.exec_driver_sql(
        "SELECT statement FROM pg_prepared_statements ORDER BY statement").scalars())


def test_a_rollback_keeps_them_and_a_drop_still_resets_them(pg_url: str) -> None:
    engine = make_engine(pg_url, pool_size=1, max_overflow=0)
    try:
        with engine.connect() as conn:
            for n in range(6):  # psycopg prepares a statement at its sixth run
                conn.execute(text("SELECT CAST(:n AS integer) + 1"), {"n": n})
            assert any("+ 1" in s for s in prepared(conn))
            conn.rollback()
            for n in range(6):
                conn.execute(text("SELECT CAST(:n AS integer) + 1"), {"n": n})
            assert any("+ 1" in s for s in prepared(conn))  # still the same one
            conn.exec_driver_sql("CREATE TEMPORARY TABLE gone (n integer)")
            conn.exec_driver_sql("DROP TABLE gone")
            conn.execute(text("SELECT 2"))  # psycopg's DEALLOCATE ALL goes first
            assert not any("+ 1" in s for s in prepared(conn))
        with engine.connect() as conn:  # the pool's connection, rolled back on return
            for n in range(6):
                conn.execute(text("SELECT CAST(:n AS integer) * 3"), {"n": n})
        with engine.connect() as conn:
            assert any("* 3" in s for s in prepared(conn))
    finally:
        engine.dispose()
