"""Fixtures shared by every layer: databases (SQLite and a real PostgreSQL), app, clients."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from functools import cache, partial
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, text
from werkzeug.security import check_password_hash, generate_password_hash

import tests.support.bytecode  # first: bytecode kept for every later import
import tests.support.escpos_profiles  # noqa: F401  (before anything imports escpos)
from queue_server import create_app
from queue_server.eservices.bpjs import ws_token as _ws_token
from queue_server.persistence import migrate as _migrate
from queue_server.services import auth as _auth
from queue_server.services import secret_check as _secret_check
from tests.support import route_cache
from tests.support.clock import FakeClock
from tests.support.databases import prepared_engine, reset
from tests.support.fake_bpjs import fake_bpjs  # noqa: F401  (the fixture, for every test)
from tests.support.kept_logs import Kept
from tests.support.live import Listener
from tests.support.printer import FakePrinter
from tests.support.receiver import Receiver
from tests.support.servers import own_database, postgres_server, serve_in_thread

# Staff passwords made in tests are hashed with the cheapest method the server accepts
# (`domain/credentials.valid_password_hash`: pbkdf2-sha256, 100,000 rounds): a login or a
# loaded user costs ~25 ms instead of scrypt's ~80 ms, hundreds of times a run. The
# server's own method (werkzeug's default, scrypt) is unchanged outside the tests.
_auth.generate_password_hash = partial(generate_password_hash, method="pbkdf2:sha256:100000")
# Checking a password against its hash is a pure function of the two, and the suite checks
# the same few pairs thousands of times (every `staff` or `admin` fixture logs in): each
# pair is worked out once a test process (a login was ~10 % of an integration run's CPU).
# Every check still goes through werkzeug's function; a wrong password is still refused.
_checked = cache(check_password_hash)
for _module in (_auth, _secret_check, _ws_token):
    _module.check_password_hash = _checked  # type: ignore[attr-defined]
# Every `create_app` checks the schema against the newest revision, which alembic finds by
# loading every revision file (~16 ms); the files do not change during a run, so a test
# process reads them once. The database's own revision is still read on every app.
_migrate.head_revision = cache(_migrate.head_revision)
route_cache.install()  # each route's text parsed once a process

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "config" / "demo.yaml"
DEMO_PASSWORD = "demo"
LAYERS = ("unit", "integration", "e2e", "browser")


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """In CI a skipped test, or a layer with no passing test, fails the run."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if not (os.environ.get("CI") and reporter and session.exitstatus == 0):
        return
    skipped = len(reporter.stats.get("skipped", []))
    passed = [r.nodeid for r in reporter.stats.get("passed", [])]
    empty = [layer for layer in LAYERS if not any(n.startswith(f"tests/{layer}/") for n in passed)]
    if skipped or empty:
        reporter.write_line(f"CI: {skipped} test(s) skipped; layers that did not run: {empty}",
                            red=True)
        session.exitstatus = 1


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    if os.environ.get("ANTRIAN_TEST_PG_URL"):
        yield os.environ["ANTRIAN_TEST_PG_URL"]
        return
    with postgres_server() as url:
        yield url


@pytest.fixture
def pg_database(pg_url: str) -> Iterator[str]:
    """A PostgreSQL database of this test's own (empty, dropped after), on the run's
    server: for servers a test starts, never the shared one the `engine` fixture keeps."""
    with own_database(pg_url) as url:
        yield url


@pytest.fixture(scope="session")
def sqlite_engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    engine = prepared_engine(f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}")
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def postgresql_engine(pg_url: str) -> Iterator[Engine]:
    engine = prepared_engine(pg_url)
    yield engine
    engine.dispose()


@pytest.hookimpl(trylast=True)
def pytest_collection_finish(session: pytest.Session) -> None:
    """Move what collection built (every test module, the libraries, ~400,000 objects)
    out of the garbage collector's sight, and collect less often, as `serve` does with its
    start-up (`cli.settle_memory`, same thresholds). Each test makes an app, whose
    reference cycles are freed by full collections; with the whole session in view each
    of those walked it all (~0.4 s, ~80 ms an app, more than building it); now they walk
    what the tests made."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(5_000, 20, 100)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "sqlite_only(why): run the test on SQLite alone (`engine` is SQLite); "
        "give the reason in one line")


def on_sqlite_only(metafunc: pytest.Metafunc) -> None:
    """Give this test `engine` on SQLite alone (when it takes `engine` at all): pytest lets
    a test's own parametrize mark override a parametrised fixture's params. Call it from
    a `pytest_generate_tests(tryfirst=True)` hook, before pytest parametrises fixtures."""
    named = [str(mark.args[0] if mark.args else mark.kwargs.get("argnames", ""))
             for mark in metafunc.definition.iter_markers("parametrize")]
    if "engine" in metafunc.fixturenames and not any("engine" in n for n in named):
        metafunc.definition.add_marker(
            pytest.mark.parametrize("engine", ["sqlite"], indirect=True))


@pytest.hookimpl(tryfirst=True)
def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """A test marked `sqlite_only`, or in a module with `pytestmark =
    pytest.mark.sqlite_only("why")`, runs on SQLite alone."""
    if metafunc.definition.get_closest_marker("sqlite_only"):
        on_sqlite_only(metafunc)


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request: pytest.FixtureRequest) -> Engine:
    """The suite's database: every test that takes it runs on SQLite and on PostgreSQL
    (on SQLite alone when marked `sqlite_only`)."""
    db = request.getfixturevalue(f"{request.param}_engine")
    reset(db)
    return db


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def make_app(engine: Engine, clock: FakeClock, **settings: Any) -> Any:
    """The test app on `engine` and `clock`; `settings` add to or override its config
    (`NOTIFY_WEBHOOK_URL=...`, `PROXIES=1`)."""
    return create_app({"TESTING": True, "ENGINE": engine, "DATABASE_URL": str(engine.url),
                       "CLOCK": clock, "SECRET_KEY": "test", "LAZY_OPENAPI": True,
                       **settings})


@pytest.fixture
def app(engine: Engine, clock: FakeClock) -> Any:
    return make_app(engine, clock)


@pytest.fixture
def client(app: Any) -> Any:
    return app.test_client()


class Api:
    """Calls the API through Flask's test client, as a given caller."""

    def __init__(self, client: Any, token: str | None = None):
        self.client = client
        self.token = token

    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"} if self.token else {}

    def get(self, path: str, **kw: Any) -> Any:
        return self.client.get(path, headers=self.headers(), **kw)

    def post(self, path: str, json: Any = None, **kw: Any) -> Any:
        return self.client.post(path, json=json, headers=self.headers(), **kw)

    def ticket(self, service: str = "pendaftaran", **extra: Any) -> dict[str, Any]:
        reply = self.post("/api/v1/kiosk/tickets", {"service": service, **extra})
        assert reply.status_code == 201, reply.get_json()
        return reply.get_json()

    def act(self, counter: str, action: str, body: Any = None) -> Any:
        return self.post(f"/api/v1/counters/{counter}/{action}", body)


def login(client: Any, username: str, password: str = DEMO_PASSWORD) -> str:
    reply = client.post("/api/v1/auth/login", json={"username": username, "password": password})
    assert reply.status_code == 200, reply.get_json()
    return reply.get_json()["token"]


@pytest.fixture
def kiosk(client: Any) -> Api:
    return Api(client, "demo-kiosk")


@pytest.fixture
def staff(client: Any) -> Api:
    return Api(client, login(client, "petugas"))


@pytest.fixture
def admin(client: Any) -> Api:
    return Api(client, login(client, "admin"))


@pytest.fixture
def live_server(app: Any) -> Iterator[str]:
    """The app served over real HTTP by a threaded Werkzeug server on loopback."""
    with serve_in_thread(app) as base:
        yield base


@pytest.fixture
def printer() -> Iterator[FakePrinter]:
    """A network thermal printer on loopback that keeps what it is sent."""
    device = FakePrinter().start()
    yield device
    device.stop()


@pytest.fixture
def kept_running_text(engine: Engine) -> Iterator[str]:
    """The demo's running text, put back afterwards: facilities outlive a test."""
    with engine.connect() as conn:
        before = conn.execute(text(
            "SELECT running_text FROM facilities WHERE code = 'pkm-demo'")).scalar_one()
    yield before
    with engine.begin() as conn:
        conn.execute(text("UPDATE facilities SET running_text = :t WHERE code = 'pkm-demo'"),
                     {"t": before})


@pytest.fixture
def listeners() -> Iterator[list[Listener]]:
    """Socket.IO listeners a test opens; closed afterwards."""
    made: list[Listener] = []
    yield made
    for listener in made:
        listener.close()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    """A messaging gateway on loopback that records every message it is sent."""
    r = Receiver()
    yield r
    r.close()


@pytest.fixture
def access() -> Iterator[Kept]:
    """The access lines the app writes during a test, as JSON entries."""
    import logging

    kept = Kept()
    logger = logging.getLogger("antrian.access")
    logger.addHandler(kept)
    old = logger.level
    logger.setLevel(logging.INFO)
    yield kept
    logger.removeHandler(kept)
    logger.setLevel(old)


def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """`-n N` (xdist's `load`) shares the suite by layer and module (support/scheduling)."""
    if config.getoption("dist") != "load":
        return None
    from tests.support.scheduling import LayeredScheduling

    return LayeredScheduling(config, log)
