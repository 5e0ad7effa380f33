"""Unknown codes are counted in Redis: misses at one server process count at another."""

from __future__ import annotations

import http.client
import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.support.demo_template import DemoDatabases
from tests.support.servers import server_process

UNKNOWN = ["YYYYYYYYY2", "YYYYYYYYY3", "YYYYYYYYY4", "YYYYYYYYY5"]


def fetch(base: str, path: str, address: str) -> tuple[int, dict[str, str]]:
    """GET `path` as a client at `address` (behind the one trusted proxy): (status,
    headers)."""
    parts = urlsplit(base)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        conn.request("GET", path, headers={"X-Forwarded-For": address,
                                           "Accept": "application/json"})
        reply = conn.getresponse()
        reply.read()
        return reply.status, dict(reply.getheaders())
    finally:
        conn.close()


@pytest.fixture
def two_servers(redis_url: str, tmp_path: Path,
                demo_databases: DemoDatabases) -> Iterator[tuple[str, str]]:
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'shared.db'}",
           "SECRET_KEY": "shared-between-processes", "SOCKETIO_MESSAGE_QUEUE": redis_url,
           "ANTRIAN_RATELIMIT_STORAGE_URI": redis_url, "ANTRIAN_PROXIES": "1",
           "ANTRIAN_CODE_MISS_LIMIT": "3/minute;100/hour"}
    with demo_databases.copy(env) as env, \
            server_process(env, "--demo", log_path=tmp_path / "a.log") as a, \
            server_process(env, "--demo", log_path=tmp_path / "b.log") as b:
        yield a, b


def test_misses_at_one_process_block_the_address_at_the_other(
        two_servers: tuple[str, str]) -> None:
    a, b = two_servers
    prober, other = "203.0.113.77", "198.51.100.77"
    assert [fetch(a, f"/api/v1/bookings/{code}", prober)[0] for code in UNKNOWN[:3]] == [
        404] * 3
    status, headers = fetch(b, f"/api/v1/bookings/{UNKNOWN[3]}", prober)
    assert status == 429 and 1 <= int(headers["Retry-After"]) <= 60
    assert fetch(b, f"/t/{UNKNOWN[0]}", prober)[0] == 429  # the page too, at either process
    assert fetch(a, f"/api/v1/bookings/{UNKNOWN[0]}", prober)[0] == 429
    # Another address is not held back at either process.
    assert fetch(b, f"/api/v1/bookings/{UNKNOWN[0]}", other)[0] == 404
    assert fetch(a, f"/t/{UNKNOWN[1]}", other)[0] == 404
