"""Real database servers for tests: a throwaway PostgreSQL on loopback, stopped afterwards."""

from __future__ import annotations

import glob
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
    bindir = pg_bindir()
    folder = Path(tempfile.mkdtemp(prefix="antrian-pg-"))
    data = folder / "data"
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    port = free_port()
    subprocess.run(
        _as_postgres([str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres",
                      "--no-sync", "-E", "UTF8"]),
        check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    with open(folder / "log.txt", "wb") as log:
        proc = subprocess.Popen(
            _as_postgres([str(bindir / "postgres"), "-D", str(data), "-p", str(port),
                          "-c", "listen_addresses=127.0.0.1",
                          "-c", f"unix_socket_directories={folder}",
                          "-c", "fsync=off", "-c", "synchronous_commit=off",
                          "-c", "full_page_writes=off", "-c", "max_connections=200"]),
            stdout=log, stderr=subprocess.STDOUT,
        )
    try:
        wait_until(
            lambda: subprocess.run([str(bindir / "pg_isready"), "-h", "127.0.0.1", "-p", str(port)],
                                   stdout=subprocess.DEVNULL).returncode == 0
            or proc.poll() is not None,
            what="PostgreSQL to accept connections",
        )
        if proc.poll() is not None:
            raise RuntimeError((folder / "log.txt").read_text())
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        shutil.rmtree(folder, ignore_errors=True)


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
                   port: int | None = None) -> Iterator[str]:
    """`python -m queue_server serve ...` on a (free) port; yields its base URL once healthy."""
    import sys
    import urllib.request

    port = port or free_port()
    root = Path(__file__).resolve().parents[2]
    with open(log_path, "a") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "queue_server", "serve", "--host", "127.0.0.1",
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
