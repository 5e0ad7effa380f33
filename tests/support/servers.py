"""Real database servers for tests: a throwaway PostgreSQL on loopback, stopped afterwards."""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(predicate, timeout: float = 20.0, interval: float = 0.05, what: str = "") -> None:
    """Poll `predicate` until it is true; fail with `what` after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    tick = threading.Event()
    while time.monotonic() < deadline:
        if predicate():
            return
        tick.wait(interval)
    raise TimeoutError(f"timed out after {timeout}s waiting for {what or predicate}")


def pg_bindir() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/postgres"))
    if not found:
        raise RuntimeError(
            "PostgreSQL server binaries not found: install Debian's `postgresql` package "
            "(the README's test command does it), or set ANTRIAN_TEST_PG_URL."
        )
    return Path(found[-1]).parent


def _as_postgres(cmd: list[str]) -> list[str]:
    # initdb and postgres refuse to run as root.
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


@contextmanager
def postgres_server() -> Iterator[str]:
    """Start PostgreSQL in a temporary folder; yields its SQLAlchemy URL."""
    server = PgServer().start()
    try:
        yield server.url
    finally:
        server.remove()


_OWN = itertools.count(1)


@contextmanager
def own_database(server_url: str, template: str | None = None) -> Iterator[str]:
    """A new PostgreSQL database on the server `server_url` names (empty, or a copy of
    the database `template`), for one test's (or one module's) servers; dropped
    afterwards, its connections cut. Never the suite's shared database (the `engine`
    fixture's): a server's `--demo` or `empty_database` on that one left the next
    integration tests on that worker without their users."""
    from sqlalchemy import create_engine, make_url, text

    url = make_url(server_url)
    name = f"{template or 'own'}_{os.getpid()}_{next(_OWN)}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'
                              + (f' TEMPLATE "{template}"' if template else "")))
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def empty_database(url: str) -> str:
    """A PostgreSQL database emptied (its public schema dropped and made again) for a
    server process to migrate from scratch; a SQLite URL is left as it is. Returns `url`."""
    if url.startswith("postgresql"):
        from sqlalchemy import text

        from queue_server.persistence.db import make_engine

        engine = make_engine(url)
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
        engine.dispose()
    return url


@contextmanager
def redis_server() -> Iterator[str]:
    """Start redis-server on a free loopback port, without persistence; yields its URL."""
    binary = shutil.which("redis-server")
    if binary is None:
        raise RuntimeError("redis-server not found: install Debian's `redis-server` package")
    port = free_port()
    proc = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                             "--appendonly", "no"], stdout=subprocess.DEVNULL)
    try:
        wait_until(
            lambda: subprocess.run(["redis-cli", "-p", str(port), "ping"], capture_output=True,
                                   text=True).stdout.strip() == "PONG",
            what="Redis to answer PING",
        )
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        proc.terminate()
        proc.wait(timeout=20)


@contextmanager
def server_process(env: dict[str, str], *args: str, log_path: Path,
                   port: int | None = None, module: str = "queue_server") -> Iterator[str]:
    """`python -m queue_server serve ...` on a (free) port; yields its base URL once healthy.
    `module`: another launcher taking the same arguments (tests/support/shifted_serve.py)."""
    import sys
    import urllib.request

    port = port or free_port()
    root = Path(__file__).resolve().parents[2]
    with open(log_path, "a") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", module, "serve", "--host", "127.0.0.1",
             "--port", str(port), *args],
            cwd=root, env=env, stdout=out, stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"

    def healthy() -> bool:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited:\n{log_path.read_text()}")
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=2) as reply:
                return reply.status == 200
        except OSError:
            return False

    try:
        wait_until(healthy, timeout=60, what=f"{base}/healthz")
        yield base
    finally:
        proc.send_signal(2)  # SIGINT: the server's own clean shutdown
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


class PgServer:
    """A PostgreSQL that a test may stop and start again (same folder, same port)."""

    def __init__(self) -> None:
        self.bindir = pg_bindir()
        self.folder = Path(tempfile.mkdtemp(prefix="antrian-pg-"))
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")
        self.port = free_port()
        self.proc: subprocess.Popen[bytes] | None = None
        subprocess.run(
            _as_postgres([str(self.bindir / "initdb"), "-D", str(self.folder / "data"), "-A",
                          "trust", "-U", "postgres", "--no-sync", "-E", "UTF8"]),
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    @property
    def socket_url(self) -> str:
        """The same server through its Unix-domain socket (in its folder), as a
        deployment with PostgreSQL on the same host connects (`make prod`)."""
        return f"postgresql+psycopg://postgres@/postgres?host={self.folder}&port={self.port}"

    def _ready(self) -> bool:
        return subprocess.run([str(self.bindir / "pg_isready"), "-h", "127.0.0.1", "-p",
                               str(self.port)], stdout=subprocess.DEVNULL).returncode == 0

    def start(self) -> PgServer:
        with open(self.folder / "log.txt", "ab") as log:
            self.proc = subprocess.Popen(
                _as_postgres([str(self.bindir / "postgres"), "-D", str(self.folder / "data"),
                              "-p", str(self.port), "-c", "listen_addresses=127.0.0.1",
                              "-c", f"unix_socket_directories={self.folder}",
                              "-c", "fsync=off", "-c", "synchronous_commit=off"]),
                stdout=log, stderr=subprocess.STDOUT)
        wait_until(self._ready, what="PostgreSQL to accept connections")
        return self

    def stop(self) -> None:
        if self.proc is not None:
            # "fast" shutdown: clients are cut off, as when the server is lost mid-morning
            # (the default "smart" one would wait for every pooled connection to leave).
            subprocess.run(_as_postgres([str(self.bindir / "pg_ctl"), "-D",
                                         str(self.folder / "data"), "-m", "fast", "-w",
                                         "stop"]), check=False, capture_output=True)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
            self.proc = None

    def remove(self) -> None:
        self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)


class RedisServer:
    """A redis-server that a test may stop and start again on the same port."""

    def __init__(self) -> None:
        self.port = free_port()
        self.folder = Path(tempfile.mkdtemp(prefix="antrian-redis-"))
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    @property
    def socket_url(self) -> str:
        """The same server through its Unix-domain socket (0700, in its own folder)."""
        return f"unix://{self.folder / 'redis.sock'}?db=0"

    @property
    def log_path(self) -> Path:
        """The server's log (a subscriber it cut off for falling behind is named there)."""
        return self.folder / "redis.log"

    def start(self) -> RedisServer:
        binary = shutil.which("redis-server")
        if binary is None:
            raise RuntimeError("redis-server not found: install Debian's `redis-server` package")
        self.folder.mkdir(mode=0o700, exist_ok=True)
        self.proc = subprocess.Popen([binary, "--port", str(self.port), "--bind", "127.0.0.1",
                                      "--unixsocket", str(self.folder / "redis.sock"),
                                      "--unixsocketperm", "700",
                                      "--save", "", "--appendonly", "no",
                                      "--logfile", str(self.log_path)],
                                     stdout=subprocess.DEVNULL)
        wait_until(lambda: subprocess.run(["redis-cli", "-p", str(self.port), "ping"],
                                          capture_output=True, text=True).stdout.strip()
                   == "PONG", what="Redis to answer PING")
        return self

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.terminate()
            self.proc.wait(timeout=20)
            self.proc = None
        shutil.rmtree(self.folder, ignore_errors=True)


@contextmanager
def serve_in_thread(app: Any) -> Iterator[str]:
    """A WSGI app served over real HTTP by a threaded Werkzeug server on loopback."""
    from werkzeug.serving import WSGIRequestHandler, make_server

    class UpgradeEndsConnection(WSGIRequestHandler):
        """A connection that became a WebSocket is closed when the socket ends, as `serve`
        does (cli._upgrade_ends_connection): read on as HTTP, the client's close frame was
        answered with a 400 and its `close()` waited 3 s for a close frame."""

        def connection_dropped(self, error: BaseException, environ: Any = None) -> None:
            if environ and environ.get("HTTP_UPGRADE", "").lower() == "websocket":
                self.close_connection = True
            super().connection_dropped(error, environ)

    server = make_server("127.0.0.1", 0, app, threaded=True,
                         request_handler=UpgradeEndsConnection)
    # `shutdown` waits for the serving loop's next look at its flag: every 0.5 s by
    # default, ~0.25 s of every test's teardown; every 20 ms costs nothing measurable.
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02},
                              daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)
