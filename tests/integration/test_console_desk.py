"""The console's desk functions over its session cookie (CSRF token required), and the new
routes' answers as the OpenAPI document describes them."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import pytest
import schemathesis
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from tests.conftest import Api, login
from tests.integration.test_console_security import sign_in

PATIENT = {"nik": "3578010101900001", "name": "Siti Aminah", "phone": "081234567890"}


def book_today(client: Any) -> str:
    reply = client.post("/api/v1/bookings", json={
        "facility": "pkm-demo", "service": "umum", "date": "2026-11-23", "patient": PATIENT})
    assert reply.status_code == 201, reply.get_json()
    return reply.get_json()["code"]


def test_the_console_checks_a_scanned_booking_in_with_its_csrf_token(client: Any) -> None:
    code = book_today(client)
    token = sign_in(client)
    scanned = quote(f"https://antrian.example/t/{code[:4]}-{code[4:8]}-{code[8:]}", safe="")
    path = f"/api/v1/bookings/{scanned}/check-in"
    refused = client.post(path)
    assert refused.status_code == 400 and refused.get_json()["error"]["code"] == "csrf_failed"
    reply = client.post(path, headers={"X-CSRFToken": token})
    assert reply.status_code == 200, reply.get_json()
    assert reply.get_json()["status"] == "waiting" and reply.get_json()["number"] == "B-001"


def test_the_console_issues_a_walk_in_with_a_priority(client: Any) -> None:
    token = sign_in(client)
    path = "/api/v1/kiosk/tickets?facility=pkm-demo"
    body = {"service": "pendaftaran", "priority": "disabled"}
    assert client.post(path, json=body).get_json()["error"]["code"] == "csrf_failed"
    reply = client.post(path, json=body, headers={"X-CSRFToken": token})
    assert reply.status_code == 201
    assert reply.get_json()["number"] == "A-001" and reply.get_json()["priority"] == "disabled"
    view = client.get("/api/v1/counters/loket-1").get_json()
    assert [(w["number"], w["priority"]) for w in view["waiting"]] == [("A-001", "disabled")]


def test_the_console_edits_the_running_text_and_its_snapshot_shows_it(
    client: Any, kept_running_text: str
) -> None:
    token = sign_in(client)
    path = "/api/v1/facilities/pkm-demo/running-text"
    body = {"running_text": "Poli gigi tutup pukul 12.00"}
    assert client.put(path, json=body).status_code == 400
    assert client.put(path, json=body, headers={"X-CSRFToken": token}).status_code == 200
    snapshot = client.get("/api/v1/counters/loket-1").get_json()
    assert snapshot["facility"]["running_text"] == "Poli gigi tutup pukul 12.00"


def test_counter_actions_over_the_cookie_need_the_csrf_token_too(client: Any,
                                                                kiosk: Api) -> None:
    kiosk.ticket()
    token = sign_in(client)
    path = "/api/v1/counters/loket-1/call-number"
    body = {"number": "A-001", "expected_current": None}
    assert client.post(path, json=body).get_json()["error"]["code"] == "csrf_failed"
    reply = client.post(path, json=body, headers={"X-CSRFToken": token})
    assert reply.status_code == 200 and reply.get_json()["number"] == "A-001"
    assert client.get("/api/v1/devices").status_code == 200  # reading needs no token


CHECKS = [not_a_server_error, response_schema_conformance, status_code_conformance]


@pytest.mark.sqlite_only("generated requests check the document, not the database: "
                         "one database is enough")
def test_the_new_routes_answer_as_documented(app: Any, client: Any, kiosk: Api) -> None:
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    staff = {"Authorization": f"Bearer {login(client, 'petugas')}"}
    counter = {"counter": "loket-1"}

    def call(method: str, path: str, **parts: Any) -> Any:
        case = schema[path][method].Case(**parts)
        return case.call_and_validate(headers=staff, checks=CHECKS)

    for _ in range(3):
        kiosk.ticket()
    assert call("POST", "/api/v1/counters/{counter}/call-number", path_parameters=counter,
                body={"number": "A-002", "expected_current": None}).status_code == 200
    stale = call("POST", "/api/v1/counters/{counter}/call-next", path_parameters=counter,
                 body={"expected_current": None})
    assert stale.status_code == 409 and stale.json()["error"]["counter"]["ticket"]
    assert call("POST", "/api/v1/counters/{counter}/priority", path_parameters=counter,
                body={"number": "A-003", "priority": "child", "reason": "balita 2 tahun",
                      "expected_current": "A-002"}).status_code == 200
    assert call("GET", "/api/v1/devices").status_code == 200
    assert call("GET", "/api/v1/counters/{counter}", path_parameters=counter).status_code == 200
    assert call("POST", "/api/v1/counters/{counter}/pause", path_parameters=counter,
                headers={"Idempotency-Key": "pause-key-1"}).status_code == 200
