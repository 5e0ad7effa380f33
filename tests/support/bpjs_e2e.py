"""BPJS Antrean Online end to end (issue 19): the fake BPJS as its own process, an antrian
server pointed at it, and the callers of both over real HTTP: Mobile JKN on the hosted
`/bpjs/…` services, staff at the counters, the kiosk, the admin setting BPJS up.

The credentials here are made up for the tests (the fake checks the signature made with
them); nothing is copied from a real facility."""

from __future__ import annotations

import http.client
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from tests.support.http import JsonClient, Reply
from tests.support.servers import free_port, wait_until

ROOT = Path(__file__).resolve().parents[2]
CITY = ZoneInfo("Asia/Jakarta")
CONS_ID = "27182"
SECRET = "e2eSecretFake9Q"
USER_KEY = "e2e-user-key-6f1c2d"
STAFF_PASSWORD = "bpjs-e2e-Rahasia-4k"
KIOSK = "kiosk-bpjs-e2e-7m2x"
ACCOUNT = "mobilejkn"
ACCOUNT_PASSWORD = "MobileJKN-e2e-Sandi-93x"
SEND_SECONDS = "1"  # config_load reads whole seconds only (see the report)


def today() -> str:
    """Today in the demo facility's time zone, as BPJS writes dates (YYYY-MM-DD)."""
    return datetime.now(CITY).date().isoformat()


def _raw(base: str, method: str, path: str, body: Any = None,
         headers: dict[str, str] | None = None) -> tuple[int, Any]:
    parts = urlsplit(base)
    conn = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=30)
    try:
        data = None if body is None else json.dumps(body).encode()
        sent = {"Accept": "application/json", **(headers or {})}
        if data is not None:
            sent["Content-Type"] = "application/json"
        conn.request(method, path, body=data, headers=sent)
        reply = conn.getresponse()
        raw = reply.read()
        try:
            return reply.status, json.loads(raw) if raw else None
        except ValueError:
            return reply.status, raw.decode("utf-8", "replace")
    finally:
        conn.close()


class Fake:
    """The fake BPJS process's test controls (`/_fake/…`)."""

    def __init__(self, base: str):
        self.base = base

    def calls(self) -> list[dict[str, Any]]:
        status, body = _raw(self.base, "GET", "/_fake/calls")
        assert status == 200, (status, body)
        if isinstance(body, dict):  # {"calls": [...], "waiting": n}
            body = body.get("calls", [])
        return list(body)

    def fail(self, times: int, status: int = 500) -> None:
        code, body = _raw(self.base, "POST", "/_fake/fail", {"times": times, "status": status})
        assert code == 200, (code, body)

    def hold(self) -> None:
        """Calls from now on hang until `release` (BPJS slow to answer)."""
        code, body = _raw(self.base, "POST", "/_fake/hold", {})
        assert code == 200, (code, body)

    def release(self) -> None:
        code, body = _raw(self.base, "POST", "/_fake/release", {})
        assert code == 200, (code, body)

    def waiting(self) -> int:
        """Calls hanging in the fake now."""
        status, body = _raw(self.base, "GET", "/_fake/calls")
        assert status == 200, (status, body)
        return int(body.get("waiting", 0))

    def reset(self) -> None:
        code, body = _raw(self.base, "POST", "/_fake/reset", {})
        assert code == 200, (code, body)

    def take(self, facility: str, body: dict[str, Any], username: str = ACCOUNT,
             password: str = ACCOUNT_PASSWORD) -> WsReply:
        """BPJS's Mobile JKN takes a number (`body`: the ambil-antrean fields) at the
        antrian server `facility` through the fake (`POST /_fake/mjkn/antrean`), so the
        fake then knows the booking as the real BPJS knows every one its app took."""
        facility_of = {"url": facility, "username": username, "password": password}
        return MobileJkn.reply(*_raw(self.base, "POST", "/_fake/mjkn/antrean",
                                     {**body, "facility": facility_of}))


@contextmanager
def fake_bpjs(log_path: Path) -> Iterator[Fake]:
    """`python -m queue_server.eservices.bpjs.fake` on a free port with this module's
    credentials; yields its controls once `/_fake/calls` answers; stopped afterwards."""
    port = free_port()
    with open(log_path, "ab") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "queue_server.eservices.bpjs.fake", "--port", str(port),
             "--cons-id", CONS_ID, "--secret", SECRET, "--user-key", USER_KEY],
            cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
    fake = Fake(f"http://127.0.0.1:{port}")

    def up() -> bool:
        if proc.poll() is not None:
            raise RuntimeError(f"fake BPJS exited:\n{log_path.read_text()[-3000:]}")
        try:
            return _raw(fake.base, "GET", "/_fake/calls")[0] == 200
        except OSError:
            return False

    try:
        wait_until(up, timeout=30, what="the fake BPJS to answer")
        yield fake
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def server_env(tmp_path: Path, fake: Fake, database_url: str | None = None) -> dict[str, str]:
    """An antrian server's environment: the demo with this module's secrets, BPJS
    reporting to `fake` every SEND_SECONDS, generous booking rate limits."""
    return {**os.environ,
            "DATABASE_URL": database_url or f"sqlite:///{tmp_path / 'antrian.db'}",
            "SECRET_KEY": "bpjs-e2e", "ANTRIAN_DEMO_PASSWORD": STAFF_PASSWORD,
            "ANTRIAN_DEMO_KIOSK_TOKEN": KIOSK, "ANTRIAN_MODULES": "all",
            "ANTRIAN_BOOKING_LIMIT_PER_ADDRESS": "100000 per minute",
            "ANTRIAN_BPJS_BASE_URL": fake.base, "ANTRIAN_BPJS_CONS_ID": CONS_ID,
            "ANTRIAN_BPJS_SECRET": SECRET, "ANTRIAN_BPJS_USER_KEY": USER_KEY,
            "ANTRIAN_BPJS_SEND_SECONDS": SEND_SECONDS}


def staff_token(base: str, user: str) -> str:
    """`user`'s bearer token (a demo user with STAFF_PASSWORD)."""
    login = JsonClient(base).post("/api/v1/auth/login",
                                  {"username": user, "password": STAFF_PASSWORD})
    assert login.status == 200, login.body
    return str(login.body["token"])


def set_up_bpjs(base: str, admin: str) -> None:
    """As `admin` (a token), through the config API: pkm-demo reporting as FKRTL with
    Poli Umum UMU, Poli Gigi GIG, KIA KIA, pendaftaran the registration desk, apotek the
    pharmacy; the hosted account ACCOUNT bound to it."""
    from queue_server.eservices.bpjs.demo_data import demo_services

    client = JsonClient(base, admin)
    made = client.request("PUT", "/api/v1/bpjs/facilities/pkm-demo", {
        "level": "fkrtl", "ppk_code": "0000R001", "reporting": True,
        "services": demo_services()})
    assert made.status in (200, 201), (made.status, made.body)
    account = client.request("PUT", f"/api/v1/bpjs/accounts/{ACCOUNT}", {
        "facility": "pkm-demo", "password": ACCOUNT_PASSWORD, "active": True})
    assert account.status in (200, 201), (account.status, account.body)


@dataclass
class WsReply:
    """One answer of the hosted web service: HTTP status, `metadata.code`, message,
    `response`."""

    status: int
    code: int | None
    message: str
    response: Any


class MobileJkn:
    """BPJS's Mobile JKN calling the hosted services under /bpjs."""

    def __init__(self, base: str, username: str = ACCOUNT, password: str = ACCOUNT_PASSWORD):
        self.base, self.username, self.password = base, username, password
        self.token: str | None = None

    @staticmethod
    def reply(status: int, body: Any) -> WsReply:
        assert isinstance(body, dict), (status, body)
        meta = body.get("metadata") or {}
        return WsReply(status, meta.get("code"), str(meta.get("message", "")),
                       body.get("response"))

    def auth(self) -> WsReply:
        """`GET /bpjs/auth` with x-username/x-password; keeps the token."""
        got = self.reply(*_raw(self.base, "GET", "/bpjs/auth", headers={
            "x-username": self.username, "x-password": self.password}))
        if got.code == 200:
            self.token = got.response["token"]
        return got

    def post(self, path: str, body: dict[str, Any]) -> WsReply:
        """POST `path` (under /bpjs) with the token headers."""
        assert self.token, "auth first"
        return self.reply(*_raw(self.base, "POST", "/bpjs" + path, body, headers={
            "x-token": self.token, "x-username": self.username}))


def serve(base: str, staff: str, counter: str, transfer_to: str | None = None) -> list[Reply]:
    """At `counter` as `staff` (a token): call the next patient, start, then finish (or
    transfer to `transfer_to`); every answer, each asserted 200."""
    client = JsonClient(base, staff)
    path = f"/api/v1/counters/{counter}"
    replies = [client.post(path + "/call-next"), client.post(path + "/start")]
    if transfer_to:
        replies.append(client.post(path + "/transfer", {"transfer_to": transfer_to}))
    else:
        replies.append(client.post(path + "/finish"))
    client.close()
    for reply in replies:
        assert reply.status == 200, (counter, reply.status, reply.body)
    return replies


def call_body(call: dict[str, Any]) -> dict[str, Any]:
    """The decoded request body of one recorded call of the fake."""
    body = call.get("body") or call.get("request") or {}
    return body if isinstance(body, dict) else {}


def call_path(call: dict[str, Any]) -> str:
    """The path of one recorded call (`/antrean/updatewaktu`, …)."""
    return str(call.get("path") or call.get("url") or "")


def call_code(call: dict[str, Any]) -> int | None:
    """The `metadata.code` the fake answered a recorded call with (None: it failed it on
    demand, `/_fake/fail`)."""
    if call.get("failed") or call.get("code") is None:
        return None
    return int(call["code"])


def of_booking(calls: list[dict[str, Any]], kodebooking: str) -> list[dict[str, Any]]:
    """The recorded calls about `kodebooking`, in order."""
    return [c for c in calls if call_body(c).get("kodebooking") == kodebooking]


def accepted_tasks(calls: list[dict[str, Any]], kodebooking: str) -> list[tuple[int, int]]:
    """(taskid, waktu) of every `updatewaktu` for `kodebooking` the fake accepted (200)."""
    return [(int(call_body(c)["taskid"]), int(call_body(c)["waktu"]))
            for c in of_booking(calls, kodebooking)
            if call_path(c).endswith("antrean/updatewaktu") and call_code(c) == 200]
