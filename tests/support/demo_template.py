"""Demo databases for test servers, seeded once a run and copied for each server.

A test server started with `serve --demo` on an empty database spends ~5 s (of ~10 s)
loading every module's demo data; on a database the demo was loaded into it only checks
that data is there (the loaders are idempotent). So a run seeds a template once per
kind of demo (tests/support/demo_seed.py: the real start-up, without the serving) and a
test's servers start with `--demo` on a copy: a SQLite file copied to the test's own
path, or a PostgreSQL database made with `CREATE DATABASE … TEMPLATE` (dropped after).
test_serve_demo.py still starts on an empty database: the command a new machine runs.

What a copy's `--demo` start still does as on an empty database: the schema check,
config/demo.yaml loaded again (so ANTRIAN_DEMO_PASSWORD, ANTRIAN_DEMO_KIOSK_TOKEN and
ANTRIAN_DEMO_DISPLAY_TOKEN are the test's own, whatever the template was seeded with),
and what the loaders add when missing. What stays the template's: the hosted BPJS
account's password (bpjs/demo.py sets it on the first load only; tests that use the
account set it through the API) and the day the demo's "yesterday" visits are on (the
template is keyed by today's date)."""

from __future__ import annotations

import fcntl
import hashlib
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import closing, contextmanager
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import URL, Connection, create_engine, make_url, text

from tests.support.servers import free_port, own_database

ROOT = Path(__file__).resolve().parents[2]
# Settings read while serving only, not by the demo's loading: a template serves them all.
SERVING_ONLY = frozenset({
    "ANTRIAN_DEMO", "ANTRIAN_DEMO_PASSWORD", "ANTRIAN_DEMO_KIOSK_TOKEN",
    "ANTRIAN_DEMO_DISPLAY_TOKEN", "ANTRIAN_LOG_LEVEL", "ANTRIAN_TEST_CLOCK_SHIFT",
    "ANTRIAN_BOOKING_LIMIT_PER_ADDRESS", "ANTRIAN_CREDENTIAL_SWEEP_SECONDS",
    "ANTRIAN_RATELIMIT_STORAGE_URI", "ANTRIAN_PROXIES", "ANTRIAN_CODE_MISS_LIMIT",
    "ANTRIAN_BPJS_BASE_URL", "ANTRIAN_BPJS_CONS_ID", "ANTRIAN_BPJS_SECRET",
    "ANTRIAN_BPJS_USER_KEY", "ANTRIAN_BPJS_SEND_SECONDS", "ANTRIAN_BPJS_RETRY_FIRST_SECONDS"})


def demo_key(env: dict[str, str], kind: str) -> str:
    """Which template a server with `env` may start on: the database's kind, the day
    (the demo's visits are yesterday's), every other ANTRIAN_ setting."""
    day = datetime.now(ZoneInfo("Asia/Jakarta")).date().isoformat()
    settings = sorted((k, v) for k, v in {"ANTRIAN_MODULES": "all", **env}.items()
                      if k.startswith("ANTRIAN_") and k not in SERVING_ONLY)
    return hashlib.sha256(repr((kind, day, settings)).encode()).hexdigest()[:12]


def seed(env: dict[str, str], url: str, log_path: Path) -> None:
    """Load the demo into the empty database `url` as `serve --demo` does, then leave."""
    seeding = {**env, "DATABASE_URL": url, "ANTRIAN_BPJS_SEND_SECONDS": "0"}
    with open(log_path, "ab") as out:
        done = subprocess.run(
            [sys.executable, "-m", "tests.support.demo_seed", "serve", "--demo",
             "--host", "127.0.0.1", "--port", str(free_port())],
            cwd=ROOT, env=seeding, stdout=out, stderr=subprocess.STDOUT, timeout=180)
    if done.returncode != 0:
        raise RuntimeError(f"seeding the demo failed:\n{log_path.read_text()[-3000:]}")


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Held by one process of the run at a time (both xdist workers share templates)."""
    with open(path, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


class DemoDatabases:
    """Copies of seeded demo databases. SQLite templates live in `folder` (shared by the
    run's xdist workers); PostgreSQL ones in the server the env's DATABASE_URL names."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    @contextmanager
    def copy(self, env: dict[str, str]) -> Iterator[dict[str, str]]:
        """`env` with DATABASE_URL a copy of the demo: for SQLite its file (which must not
        exist yet) made from the template; for PostgreSQL a new database on the same
        server in place of the one named, dropped afterwards."""
        url = env["DATABASE_URL"]
        if url.startswith("sqlite:///"):
            self._sqlite_copy(env, Path(url.removeprefix("sqlite:///")))
            yield env
            return
        with self._pg_copy(env) as copied:
            yield {**env, "DATABASE_URL": copied}

    def _sqlite_copy(self, env: dict[str, str], target: Path) -> None:
        template = self.folder / f"demo-{demo_key(env, 'sqlite')}.db"
        with _locked(self.folder / "templates.lock"):
            if not template.exists():
                building = template.with_suffix(".building")
                building.unlink(missing_ok=True)
                seed(env, f"sqlite:///{building}", self.folder / "seed.log")
                _sqlite_backup(building, template)
        target.parent.mkdir(parents=True, exist_ok=True)
        _sqlite_backup(template, target)

    @contextmanager
    def _pg_copy(self, env: dict[str, str]) -> Iterator[str]:
        server = make_url(env["DATABASE_URL"])
        template = f"demo_{demo_key(env, 'postgresql')}"
        admin = create_engine(server, isolation_level="AUTOCOMMIT")
        try:
            with admin.connect() as conn:
                if conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"),
                                {"n": template}).first() is None:
                    _pg_seed(conn, env, server, template, self.folder)
        finally:
            admin.dispose()
        with own_database(env["DATABASE_URL"], template) as copied:
            yield copied


def _sqlite_backup(source: Path, target: Path) -> None:
    """A consistent copy (what the WAL holds included), as `backup` makes one."""
    with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)


def _pg_seed(conn: Connection, env: dict[str, str], server: URL, template: str,
             folder: Path) -> None:
    """The template database `template`, seeded under another name first: a failed
    seeding leaves no template behind."""
    building = f"{template}_building"
    conn.execute(text(f'DROP DATABASE IF EXISTS "{building}" WITH (FORCE)'))
    conn.execute(text(f'CREATE DATABASE "{building}"'))
    seed(env, server.set(database=building).render_as_string(hide_password=False),
         folder / f"seed-{os.getpid()}.log")
    conn.execute(text(f'ALTER DATABASE "{building}" RENAME TO "{template}"'))


@pytest.fixture(scope="session")
def demo_databases(tmp_path_factory: pytest.TempPathFactory) -> DemoDatabases:
    """The run's demo templates; both xdist workers share the SQLite ones."""
    base = tmp_path_factory.getbasetemp()
    folder = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "demo"
    folder.mkdir(exist_ok=True)
    return DemoDatabases(folder)
