"""A test's servers get a PostgreSQL database of their own: a server's `--demo` on the
suite's shared database (the `engine` fixture's) left the next integration tests on that
worker without their users (`invalid_credentials`, `no facility pkm-demo`)."""

from __future__ import annotations

from sqlalchemy import Engine, create_engine, make_url, text

from tests.support.servers import empty_database, own_database


def test_a_test_s_own_database_is_apart_from_the_shared_one(
        pg_database: str, postgresql_engine: Engine) -> None:
    assert make_url(pg_database).database != postgresql_engine.url.database
    empty_database(pg_database)  # what a server started from scratch does first
    with postgresql_engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM users")).scalar_one() > 0


def test_each_own_database_is_new_and_gone_afterwards(pg_url: str) -> None:
    with own_database(pg_url) as first, own_database(pg_url) as second:
        assert first != second
        names = {make_url(first).database, make_url(second).database}

    admin = create_engine(pg_url)
    try:
        with admin.connect() as conn:
            left = conn.execute(text("SELECT datname FROM pg_database")).scalars().all()
    finally:
        admin.dispose()
    assert names.isdisjoint(left)
