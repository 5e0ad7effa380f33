"""Chunked bodies through the real server (`serve --demo`, gevent's WSGI server), on
SQLite and PostgreSQL: screened like any other body, capped at 64 KiB, and each request
logged once with its status (issue 13, review of points 3 and 5)."""

from __future__ import annotations

import http.client
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from sqlalchemy import text

from queue_server.persistence.db import make_engine
from tests.support.demo_template import DemoDatabases
from tests.support.servers import server_process

PASSWORD = "chunked-Rahasia-4t8"


@pytest.fixture(params=["sqlite", "postgresql"])
def served(request: pytest.FixtureRequest, tmp_path: Path,
           demo_databases: DemoDatabases) -> Iterator[tuple[str, Path, str]]:
    """A demo server (on a copy of the seeded demo); yields its base URL, its log file
    and its database URL."""
    url = f"sqlite:///{tmp_path / 'antrian.db'}"
    if request.param == "postgresql":
        url = request.getfixturevalue("pg_url")
    env = {**os.environ, "DATABASE_URL": url, "SECRET_KEY": "chunked",
           "ANTRIAN_DEMO_PASSWORD": PASSWORD, "ANTRIAN_DEMO_KIOSK_TOKEN": "kiosk-chunked-2p"}
    log = tmp_path / "server.log"
    with demo_databases.copy(env) as env, server_process(env, "--demo", log_path=log) as base:
        yield base, log, env["DATABASE_URL"]


def post_chunked(base: str, path: str, body: bytes) -> tuple[int, Any]:
    """POST `body` in chunks of 1,000 bytes (`Transfer-Encoding: chunked`); the status
    and the JSON answer."""
    where = urlsplit(base)
    conn = http.client.HTTPConnection(where.hostname, where.port, timeout=30)
    try:
        pieces = iter([body[i:i + 1000] for i in range(0, len(body), 1000)])
        conn.request("POST", path, body=pieces, encode_chunked=True,
                     headers={"Content-Type": "application/json"})
        reply = conn.getresponse()
        return reply.status, json.loads(reply.read() or b"null")
    finally:
        conn.close()


def booking(name: str) -> bytes:
    return json.dumps({"facility": "pkm-demo", "service": "umum", "date": "2099-01-05",
                       "patient": {"nik": "3578010101900001", "name": name,
                                   "phone": "081234567890"}}).encode()


def test_chunked_bodies_are_screened_capped_and_logged(
        served: tuple[str, Path, str]) -> None:
    base, log, url = served
    good = json.dumps({"username": "petugas", "password": PASSWORD}).encode()
    assert post_chunked(base, "/api/v1/auth/login", good)[0] == 200  # chunked bodies arrive
    cases = [
        ("/api/v1/auth/login", b'{"username": "\\ud800", "password": "x"}', 422),
        ("/api/v1/auth/login", b'{"username": "petugas\\u0000", "password": "x"}', 422),
        ("/api/v1/bookings", b"[" * 5000 + b"]" * 5000, 400),
        ("/api/v1/bookings", b'{"facility": ' + b"9" * 5000 + b"}", 400),
        ("/api/v1/bookings", booking("Bu\u0000di"), 422),
    ]
    for path, body, status in cases:
        got, answer = post_chunked(base, path, body)
        assert got == status, (path, body[:40], got, answer)
        assert answer["error"]["code"] in ("invalid_text", "invalid_json")
    too_big = post_chunked(base, "/api/v1/bookings", booking("x" * (100 * 1024)))
    assert too_big[0] == 413 and too_big[1]["error"]["code"] == "request_entity_too_large"
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            # No booking was written (the demo's own visits of yesterday are walk-ins).
            assert conn.execute(text("SELECT count(*) FROM visits WHERE channel = 'mobile'")
                                ).scalar_one() == 0
    finally:
        engine.dispose()
    lines = [json.loads(line) for line in log.read_text().splitlines()
             if line.startswith("{")]
    # The test's own requests: not /healthz, nor the demo's reports to its own fake BPJS
    # (mounted at /_fake-bpjs in the same server), which come when they are due.
    access = [(e["path"], e["status"]) for e in lines if e["logger"] == "antrian.access"
              and e["path"].startswith("/api/")]
    assert access == [("/api/v1/auth/login", 200)] + [
        (path, status) for path, _, status in cases] + [("/api/v1/bookings", 413)]
