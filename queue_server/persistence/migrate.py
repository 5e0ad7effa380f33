"""Alembic, driven from code: upgrade to the newest schema, or refuse an old one."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, text

from ..domain.tickets import TicketStatus

MIGRATIONS = Path(__file__).parent / "migrations"


class SchemaOutOfDate(RuntimeError):
    pass


# Each e-service module keeps its own revisions in its package (one chain with the
# core's); found on disk, never imported, so the core does not depend on a module.
MODULE_MIGRATIONS = Path(__file__).parent.parent / "eservices"


def version_locations() -> list[Path]:
    """The core's revisions, then every module's `migrations/versions` folder."""
    found = sorted(MODULE_MIGRATIONS.glob("*/migrations/versions"))
    return [MIGRATIONS / "versions", *found]


def alembic_config(url: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("path_separator", "os")
    cfg.set_main_option("version_locations",
                        os.pathsep.join(str(p) for p in version_locations()))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


@contextmanager
def _migrating(engine: Engine) -> Iterator[Config]:
    """Alembic's configuration on one transaction. On SQLite, foreign keys are off meanwhile:
    a batch migration rebuilds a table by copy, drop and rename, and dropping a table that
    others refer to fails with them on (SQLite's documented procedure for schema changes);
    they are checked before the commit instead."""
    with engine.connect() as conn:
        raw = conn.connection.dbapi_connection if engine.dialect.name == "sqlite" else None
        if raw is not None:
            raw.execute("PRAGMA foreign_keys=OFF")  # outside a transaction, or it is ignored
        try:
            with conn.begin():
                cfg = alembic_config(engine.url.render_as_string(hide_password=False))
                cfg.attributes["connection"] = conn
                yield cfg
                if raw is not None:
                    broken = conn.exec_driver_sql("PRAGMA foreign_key_check").all()
                    if broken:
                        raise RuntimeError(f"migration left broken references: {broken[:5]}")
        finally:
            if raw is not None:
                raw.execute("PRAGMA foreign_keys=ON")


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to `revision` (the newest by default), keeping every row."""
    with _migrating(engine) as cfg:
        command.upgrade(cfg, revision)
    recount_waiting(engine)


def downgrade(engine: Engine, revision: str) -> None:
    """Take the schema back to `revision` (for a rollback of a release), keeping rows."""
    with _migrating(engine) as cfg:
        command.downgrade(cfg, revision)


def recount_waiting(engine: Engine) -> None:
    """Set every queue's kept waiting count from its tickets, where either says some wait.

    `upgrade` runs it: a process of an older version that ran beside the new schema
    (a rolling restart) changed tickets without keeping the counts."""
    waiting = ("FROM tickets t WHERE t.service_id = daily_sequences.service_id "
               "AND t.day = daily_sequences.day AND t.status = :waiting")
    with engine.begin() as conn:
        conn.execute(text(
            f"UPDATE daily_sequences SET waiting = (SELECT count(*) {waiting}) "
            f"WHERE waiting != 0 OR EXISTS (SELECT 1 {waiting})"),
            {"waiting": TicketStatus.WAITING.value})


def scripts() -> ScriptDirectory:
    """Every revision: the core's and each module's."""
    return ScriptDirectory.from_config(alembic_config("sqlite://"))


def head_revision() -> str | None:
    return scripts().get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def require_current_schema(engine: Engine) -> None:
    current, head = current_revision(engine), head_revision()
    if current != head:
        raise SchemaOutOfDate(
            f"The database schema is at {current or 'nothing'}, the code needs {head}: "
            "run `python -m queue_server upgrade` first."
        )
