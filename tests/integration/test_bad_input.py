"""Issue 13 (3, 4): input that once reached the database or the parser and gave a 5xx is
answered 4xx with the one error shape, on SQLite and PostgreSQL; bodies are capped."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.conftest import Api
from tests.integration.test_no_server_errors import ROUTES

DEEP = "[" * 5000 + "]" * 5000
HUGE = '{"service": ' + "9" * 5000 + "}"
STRINGS = ["\ud800", "umum\u0000", "a\udfffb"]
FIELDS = ("service", "priority", "username", "password", "transfer_to", "number", "facility",
          "date", "running_text", "code", "nik", "phone", "name", "reason", "otp")


def bodies() -> list[Any]:
    made: list[Any] = [{field: s for field in FIELDS} for s in STRINGS]
    made += [{"patient": {"nik": s, "name": s, "phone": s}, "facility": s} for s in STRINGS]
    return made


@pytest.mark.parametrize(("method", "path"), ROUTES)
def test_surrogates_nul_deep_json_and_huge_numbers_are_4xx(client: Any, staff: Api,
                                                           method: str, path: str) -> None:
    for token in (None, "demo-kiosk", staff.token):
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        for body in bodies():
            raw = json.dumps(body)  # \ud800 travels escaped, as any client sends it
            reply = client.open(path, method=method, data=raw, headers={
                **headers, "Content-Type": "application/json"})
            assert 400 <= reply.status_code < 500 or reply.status_code in (200, 201), (
                path, raw[:80], reply.status_code, reply.get_data()[:200])
            if reply.status_code >= 400:
                assert reply.get_json()["error"]["code"]
        for raw in (DEEP, HUGE):
            reply = client.open(path, method=method, data=raw, headers={
                **headers, "Content-Type": "application/json"})
            assert 400 <= reply.status_code < 500, (path, raw[:20], reply.status_code)
            assert reply.get_json()["error"]["code"]


@pytest.mark.parametrize("segment", ["%00", "loket%001", "%ED%A0%80"])
def test_odd_path_segments_are_4xx(client: Any, staff: Api, segment: str) -> None:
    for path in (f"/api/v1/counters/{segment}/call-next", f"/api/v1/bookings/{segment}",
                 f"/api/v1/facilities/{segment}/services", f"/t/{segment}",
                 f"/display/{segment}"):
        for caller in (client, staff):
            reply = caller.get(path) if path.startswith(("/t/", "/display")) or "bookings" in \
                path or "services" in path else caller.post(path)
            assert 400 <= reply.status_code < 500, (path, reply.status_code)


def test_a_body_over_64_kib_is_413_and_never_parsed(client: Any) -> None:
    big = json.dumps({"service": "x" * (65 * 1024)})
    reply = client.post("/api/v1/kiosk/tickets", data=big,
                        headers={"Authorization": "Bearer demo-kiosk",
                                 "Content-Type": "application/json"})
    assert reply.status_code == 413
    assert reply.get_json()["error"]["code"] == "request_entity_too_large"


def test_an_error_lists_a_bounded_number_of_fields(client: Any) -> None:
    body = {f"unknown{i}": i for i in range(3000)}
    reply = client.post("/api/v1/bookings", json=body)
    assert reply.status_code == 422
    assert len(reply.get_data()) < 8 * 1024
    assert len(reply.get_json()["error"]["fields"]) <= 20
