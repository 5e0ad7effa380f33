"""Facilities, services, counters, devices, users and bookings for tests, with codes no
other test in the session uses.

The session database keeps every facility, user and device a test loads (only runtime
rows are reset between tests), and two files that load different things under one code
change each other's setup. So a test builds its own facility here: `facility()` names it
`pkm-<n>`, its users `<stem>-<n>` and its devices' tokens are its own. The builders return
the mappings `load-config` reads (see config/demo.yaml); `load()` is the one place a test
puts a configuration into a database.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Engine

from queue_server.persistence.uow import SqlUnitOfWork
from queue_server.services.configuration import load_config

PASSWORD = "rahasia"  # every factory user's password (the demo users' is "demo")
TODAY = date(2026, 11, 23)  # the FakeClock's day: a Monday

_serial = itertools.count(1)


def fresh(stem: str) -> str:
    """`stem` with a suffix no other call in this test session gives: `pkm-kecil-3`."""
    return f"{stem}-{next(_serial)}"


def service(code: str = "umum", prefix: str = "B", name: str | None = None,
            **fields: Any) -> dict[str, Any]:
    """A service entry; `fields` are any other keys a service may have in the file
    (`booking_quota`, `walkin_limit`, `hours`, `closed_dates` ...). Codes are per
    facility, so they need not be fresh."""
    return {"code": code, "name": name or code.title(), "prefix": prefix, **fields}


def counter(code: str = "ruang-1", services: Sequence[str] = ("umum",),
            **fields: Any) -> dict[str, Any]:
    """A counter entry serving `services` (its own first, then those it helps)."""
    return {"code": code, "services": list(services), **fields}


def device(kind: str = "kiosk", code: str | None = None, token: str | None = None,
           **fields: Any) -> dict[str, Any]:
    """A kiosk or display entry; its token is fresh unless given (tokens are unique
    across facilities)."""
    return {"code": code or kind, "kind": kind,
            "token": token or fresh(f"{kind}-token-for-tests"), **fields}


def user(facility_code: str | None, stem: str = "petugas", password: str = PASSWORD,
         **fields: Any) -> dict[str, Any]:
    """A user entry with a fresh username: an operator at `facility_code`, or pass
    `role="admin"` and None."""
    entry = {"username": fresh(stem), "password": password, **fields}
    if facility_code is not None:
        entry["facility"] = facility_code
    return entry


@dataclass(frozen=True)
class Site:
    """One facility's configuration and what a test reaches it by: `code`, the users'
    usernames (`username("dokter")`) and the devices' tokens (`token("kiosk")`)."""

    code: str
    config: dict[str, Any]

    def username(self, stem: str = "petugas") -> str:
        """The username a user built from `stem` got (KeyError when there is none)."""
        for entry in self.config["users"]:
            if entry["username"].rsplit("-", 1)[0] == stem:
                return str(entry["username"])
        raise KeyError(stem)

    def token(self, code: str = "kiosk") -> str:
        """The token of the device with `code` (KeyError when there is none)."""
        for entry in self.config["facilities"][0].get("devices", []):
            if entry["code"] == code:
                return str(entry["token"])
        raise KeyError(code)

    def load(self, engine: Engine) -> Site:
        """Load this facility and its users into `engine` (idempotent); returns self."""
        load(engine, self.config)
        return self


def facility(stem: str = "pkm", *, name: str | None = None,
             services: Iterable[dict[str, Any]] | None = None,
             counters: Iterable[dict[str, Any]] | None = None,
             devices: Iterable[dict[str, Any]] = (),
             users: Iterable[str] = (), **fields: Any) -> Site:
    """A facility with a fresh code (`stem-<n>`): by default one service `umum` (prefix
    B) and one counter `ruang-1` serving it. `users` are username stems: each becomes an
    operator of this facility with a fresh username and PASSWORD. `fields` are any other
    facility keys (`timezone`, `closed_dates`, `cuti_bersama`, `running_text`)."""
    code = fresh(stem)
    entry: dict[str, Any] = {
        "code": code, "name": name or f"Puskesmas {code}",
        "services": list(services) if services is not None else [service()],
        "counters": list(counters) if counters is not None else [counter()],
        **fields}
    made = list(devices)
    if made:
        entry["devices"] = made
    return Site(code, {"facilities": [entry], "users": [user(code, s) for s in users]})


def load(engine: Engine, config: dict[str, Any]) -> dict[str, int]:
    """Load a configuration mapping (the shape of config/demo.yaml) into `engine`, as
    `load-config` does; returns how many of each thing it created or updated."""
    return load_config(SqlUnitOfWork(engine), config)


def nik(n: int = 1) -> str:
    """A valid NIK (Surabaya, born 1 January 1990) ending in `n`: one patient per n."""
    return f"357801010190{n:04d}"


def booking(day: date = TODAY, service: str = "umum", facility: str = "pkm-demo",
            n: int = 1, **patient: Any) -> dict[str, Any]:
    """The body of POST /api/v1/bookings for patient `n`; `patient` overrides fields
    (`bpjs_number`, `phone`, `name`, `nik`)."""
    return {"facility": facility, "service": service, "date": day.isoformat(),
            "patient": {"nik": nik(n), "name": "Siti Aminah", "phone": "081234567890",
                        **patient}}


def post(client: Any, body: Any, key: str | None = None) -> Any:
    """POST `body` to /api/v1/bookings through a Flask test client, with an
    Idempotency-Key when `key` is given; the raw reply."""
    headers = {"Idempotency-Key": key} if key else {}
    return client.post("/api/v1/bookings", json=body, headers=headers)


def error(reply: Any) -> str:
    """The error code of a Flask test client's JSON error reply (`error.code`)."""
    return str(reply.get_json()["error"]["code"])


def book(client: Any, day: date = TODAY, service: str = "umum", facility: str = "pkm-demo",
         n: int = 1, **patient: Any) -> dict[str, Any]:
    """Book through the API (a Flask test client); the 201 reply's JSON (its `code`,
    `number` ...). Fails the test on any other status."""
    reply = client.post("/api/v1/bookings",
                        json=booking(day, service, facility, n, **patient))
    assert reply.status_code == 201, reply.get_json()
    body: dict[str, Any] = reply.get_json()
    return body
