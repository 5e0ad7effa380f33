"""The fake BPJS plays Mobile JKN: `POST /_fake/mjkn/antrean` takes a number at a
facility's hosted web service as BPJS's app does, and BPJS then knows the booking.

The real BPJS holds every antrean Mobile JKN took, so it accepts their task times; the
fake only knows what `antrean/add` told it. This control closes the gap: it calls
`GET {url}/bpjs/auth` (x-username, x-password), then `POST {url}/bpjs/antrean` (x-token,
x-username) with the documented ambil-antrean fields, and when the facility answers
code 200 it adds the booking to the state exactly as a signed `antrean/add` of it would.
It answers with the facility's envelope and HTTP status; an unreachable facility is 502.
Never signed, never recorded in `/_fake/calls`."""

from __future__ import annotations

from typing import Any

import requests
from flask import Response, current_app, jsonify, request

from . import rules
from .state import FakeState

FIELDS = ("nomorkartu", "nik", "nohp", "kodepoli", "norm", "tanggalperiksa", "kodedokter",
          "jampraktek", "jeniskunjungan", "nomorreferensi")
# Copied from the facility's answer into the booking (antrean/add's own names).
ANSWERED = ("kodebooking", "nomorantrean", "angkaantrean", "estimasidilayani", "namapoli",
            "namadokter", "sisakuotajkn", "kuotajkn", "sisakuotanonjkn", "kuotanonjkn",
            "keterangan")
TIMEOUT = 10.0


class Unreachable(Exception):
    """The facility did not answer (refused, timed out) or did not answer JSON."""


def _refused(message: str, status: int = 400) -> Response:
    code = "bpjs.fake.unreachable" if status == 502 else "bpjs.fake.bad_control"
    answer = jsonify(error={"code": code, "message": message})
    answer.status_code = status
    return answer


def _call(method: str, url: str, headers: dict[str, str],
          body: dict[str, Any] | None = None) -> tuple[int, dict[str, Any]]:
    """One call to the facility: its HTTP status and JSON envelope."""
    try:
        got = requests.request(method, url, headers=headers, json=body, timeout=TIMEOUT)
        envelope = got.json()
    except (requests.RequestException, ValueError) as exc:
        raise Unreachable(f"the facility at {url} did not answer: {exc}") from exc
    if not isinstance(envelope, dict):
        raise Unreachable(f"the facility at {url} did not answer BPJS's envelope")
    return got.status_code, envelope


def _code(envelope: dict[str, Any]) -> Any:
    meta = envelope.get("metadata")
    return meta.get("code") if isinstance(meta, dict) else None


def add_body(asked: dict[str, Any], answer: dict[str, Any]) -> dict[str, Any]:
    """The `antrean/add` body of a booking Mobile JKN took: the fields it sent, the
    facility's answer, `jenispasien` "JKN" (a Mobile JKN patient is a member)."""
    body = {name: asked[name] for name in FIELDS if name in asked}
    body.update({name: answer[name] for name in ANSWERED if name in answer})
    body["jenispasien"] = "JKN"
    body["pasienbaru"] = 0 if str(asked.get("norm") or "").strip() else 1
    return body


def _facility(given: Any, mounted: bool) -> tuple[str, str, str] | str:
    """(base URL, username, password) of the facility, or why the control is refused.
    Mounted in an antrian app, a missing URL is that app's own address."""
    if not isinstance(given, dict):
        return "facility: {url, username, password} is required"
    url = str(given.get("url") or "").rstrip("/")
    if not url and mounted:
        url = request.host_url.rstrip("/")
    if not url.startswith(("http://", "https://")):
        return "facility.url (http:// or https://) is required"
    username, password = given.get("username"), given.get("password")
    if not (isinstance(username, str) and username and isinstance(password, str)):
        return "facility.username and facility.password are required"
    return url, username, password


def _take(state: FakeState, url: str, username: str, password: str,
          asked: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    """Auth, then ambil antrean; the booking added to `state` when the answer is 200."""
    status, envelope = _call("GET", url + "/bpjs/auth",
                             {"x-username": username, "x-password": password})
    response = envelope.get("response")
    if _code(envelope) != 200 or not isinstance(response, dict):
        return status, envelope
    headers = {"x-token": str(response.get("token", "")), "x-username": username}
    status, envelope = _call("POST", url + "/bpjs/antrean", headers,
                             {name: asked[name] for name in FIELDS if name in asked})
    answer = envelope.get("response")
    if _code(envelope) == 200 and isinstance(answer, dict):
        with state.lock:
            rules.add(state, add_body(asked, answer))
    return status, envelope


def take(state: FakeState, standalone: bool) -> Response:
    """`POST /_fake/mjkn/antrean`: the ambil-antrean fields plus `facility`; the
    facility's answer as received (502 when it cannot be reached). `standalone`: the
    fake is its own app, so `facility.url` cannot default to the app's address."""
    asked = request.get_json(silent=True)
    if not isinstance(asked, dict):
        return _refused("a JSON object with the ambil-antrean fields and facility")
    facility = _facility(asked.get("facility"), not standalone)
    if isinstance(facility, str):
        return _refused(facility)
    try:
        status, envelope = _take(state, *facility, asked)
    except Unreachable as exc:
        return _refused(str(exc), 502)
    answer = jsonify(envelope)
    answer.status_code = status
    return answer


def is_standalone(state: FakeState) -> bool:
    """True when the current app is the fake's own (create_fake), not an antrian app."""
    from . import STATE_KEY

    return current_app.extensions.get(STATE_KEY) is state
