"""A scripted clinic day full of personal data, and a check that none of it was logged.

`run_day(base)` drives a served app through HTTP and Socket.IO the way patients, kiosks,
staff and careless or hostile clients do, with the NIKs, BPJS numbers, phones and names
of `PEOPLE` everywhere a client can put them (bodies, paths, `X-Request-ID`, socket
`auth`, broken JSON). `leaks(output)` lists every line of a process's output where one of
them appears in clear, in any of its spellings.
"""

from __future__ import annotations

import http.client
import json
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import quote, urlsplit
from zoneinfo import ZoneInfo

import socketio

from tests.support.http import JsonClient


@dataclass(frozen=True)
class Person:
    nik: str
    name: str
    phone: str  # the 08… form
    bpjs: str

    @property
    def phone_core(self) -> str:
        """The digits after the 0: in every spelling (08…, +628…, 628…)."""
        return self.phone[1:]

    def secrets(self) -> list[str]:
        return [self.nik, self.bpjs, self.phone_core, self.name, *self.name.split()]


PEOPLE = [
    Person("3578010101900001", "Siti Aminah Rahayu", "081234567890", "0001234567890"),
    Person("3173024212850003", "Bambang Wicaksono", "085712345678", "0002345678901"),
    Person("3515085508950004", "Dewi Lestarini", "089876543210", "0003456789012"),
]
_SEPARATORS = re.compile(r"[\s\-]|%20|%2[dD]")


def leaks(output: str) -> list[str]:
    """Lines of `output` with a NIK, BPJS number, phone (digits after its 0) or name (or
    one word of it) of `PEOPLE` in clear, also once spaces and dashes are taken out."""
    found = []
    for line in output.splitlines():
        joined = _SEPARATORS.sub("", line)
        for person in PEOPLE:
            for secret in person.secrets():
                if secret in line or (secret.isdigit() and secret in joined):
                    found.append(f"{secret!r} in: {line[:400]}")
    return found


def _raw(base: str, method: str, path: str, body: bytes | None = None,
         headers: dict[str, str] | None = None) -> int:
    """One request with the body and headers exactly as given; returns the status."""
    parts = urlsplit(base)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        conn.request(method, path, body=body, headers={"Content-Type": "application/json",
                                                       **(headers or {})})
        response = conn.getresponse()
        response.read()
        return response.status
    finally:
        conn.close()


def _today() -> str:
    return datetime.now(ZoneInfo("Asia/Jakarta")).date().isoformat()


def _book(base: str, person: Person, phone: str, service: str) -> str:
    body = {"facility": "pkm-demo", "service": service, "date": _today(),
            "patient": {"nik": person.nik, "name": person.name, "phone": phone,
                        "bpjs_number": person.bpjs}}
    reply = JsonClient(base).post("/api/v1/bookings", body)
    assert reply.status == 201, reply.body
    return reply.body["code"]


def _probe_codes(base: str) -> None:
    """Unknown codes that are personal numbers, in the path and in X-Request-ID."""
    first = PEOPLE[0]
    spellings = [first.nik, first.bpjs, first.phone, "+62" + first.phone_core,
                 "62" + first.phone_core, "0812-3456-7890", "0812 3456 7890",
                 "3578 0101 0190 0001"]
    for value in spellings:
        path = quote(value, safe="")
        for method, url in (("GET", f"/api/v1/bookings/{path}"),
                            ("POST", f"/api/v1/bookings/{path}/cancel"),
                            ("GET", f"/t/{path}")):
            assert _raw(base, method, url, headers={"X-Request-ID": value}) < 500
    for rid in (PEOPLE[1].name, PEOPLE[1].nik, "+62" + PEOPLE[1].phone_core):
        assert _raw(base, "GET", "/healthz", headers={"X-Request-ID": rid}) == 200


def _bad_bodies(base: str) -> None:
    """Broken or hostile JSON carrying personal data: 4xx, never logged."""
    person = PEOPLE[2]
    patient = json.dumps({"nik": person.nik, "name": person.name, "phone": person.phone,
                          "bpjs_number": person.bpjs})
    bodies = [
        patient[:-3].encode(),  # cut short
        ('{"facility": "pkm-demo", "patient": ' + patient + ', "x": "\\ud800"}').encode(),
        ('{"patient": ' + patient + ', "facility": "pkm-demo", "service": "umum", '
         '"date": "' + _today() + '", "nik\\u0000": "' + person.nik + '"}').encode(),
        ("[" * 3000 + json.dumps(person.name) + "]" * 3000).encode(),
        ('{"' + person.name + '": "' + person.nik + '", "' + person.phone + '": 1}').encode(),
        patient.encode("utf-16"),
    ]
    for body in bodies:
        for path in ("/api/v1/bookings", "/api/v1/bookings/lookup", "/api/v1/auth/login"):
            assert 400 <= _raw(base, "POST", path, body) < 500


def _socket_attempts(base: str, visit_code: str, display_token: str) -> None:
    """Sockets whose `auth` carries personal data as objects, or whose handlers fail."""
    person = PEOPLE[2]
    data = {"nik": person.nik, "name": person.name, "phone": person.phone}
    attempts: list[dict[str, Any]] = [
        {"visit": data}, {"visit": [person.name, person.nik]},
        {"counter": data, "token": data}, {"counter": "loket-1", "token": data},
        {"facility": data}, {"facility": "pkm-demo", "token": data},
        {"facility": "pkm-demo", "token": display_token, "services": data, "lang": data},
        # Kept as the board's status, NUL and all: should the database refuse it, its
        # error must not quote the document back.
        {"facility": "pkm-demo", "token": display_token,
         "services": [person.name + "\u0000", person.nik, person.phone]},
        {person.name: person.nik}, {"visit": visit_code, "extra": data},
    ]
    for auth in attempts:
        client = socketio.Client(reconnection=False)
        try:
            client.connect(base, auth=auth, transports=["websocket"], wait_timeout=10)
        except socketio.exceptions.ConnectionError:
            continue
        try:
            client.call("heartbeat", auth if "services" in auth else data, timeout=10)
            client.call("snapshot", data, timeout=10)
            client.emit("no-such-event", data)
        finally:
            client.disconnect()


def run_day(base: str, kiosk_token: str, password: str, display_token: str) -> None:
    """Walk-ins, bookings (every phone spelling), lookups, check-ins, calls, probes."""
    kiosk = JsonClient(base, kiosk_token)
    for service in ("pendaftaran", "umum"):
        assert kiosk.post("/api/v1/kiosk/tickets", {"service": service}).status == 201
    phones = [PEOPLE[0].phone, "+62" + PEOPLE[1].phone_core, "62 " + PEOPLE[2].phone_core]
    codes = [_book(base, p, phone, "umum") for p, phone in zip(PEOPLE, phones, strict=True)]
    for person in PEOPLE:
        found = JsonClient(base).post("/api/v1/bookings/lookup",
                                      {"nik": person.nik, "phone": person.phone})
        assert found.status == 200 and len(found.body) == 1, found.body
    for code in codes[:2]:
        assert kiosk.post(f"/api/v1/bookings/{code}/check-in").status == 200
    login = JsonClient(base).post("/api/v1/auth/login",
                                  {"username": "petugas", "password": password})
    staff = JsonClient(base, login.body["token"])
    for _ in range(2):
        assert staff.post("/api/v1/counters/poli-umum/call-next").status == 200
    assert JsonClient(base).get(f"/api/v1/bookings/{codes[0]}").status == 200
    _socket_attempts(base, codes[2], display_token)
    assert JsonClient(base).post(f"/api/v1/bookings/{codes[2]}/cancel").status == 200
    # Probes last: a rate limit on unknown codes must not refuse the day's real work.
    assert kiosk.post(f"/api/v1/bookings/{quote(PEOPLE[0].nik)}/check-in").status >= 400
    _probe_codes(base)
    _bad_bodies(base)
