"""Schemathesis against /api/v1/openapi.json: bounded examples, no 5xx, responses as documented."""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from queue_server import create_app
from tests.conftest import login
from tests.support.clock import FakeClock

CHECKS = [not_a_server_error, response_schema_conformance, status_code_conformance,
          content_type_conformance]


pytestmark = pytest.mark.sqlite_only("generated requests check the document, not the "
                                      "database: one database is enough")


@pytest.fixture
def contract_app(engine: Any) -> Any:
    return create_app({"TESTING": True, "ENGINE": engine, "DATABASE_URL": str(engine.url),
                       "CLOCK": FakeClock(), "SECRET_KEY": "test",
                       "BOOKING_LIMIT_PER_ADDRESS": "100000 per minute",
                       "BOOKING_LIMIT_PER_NIK": "100000 per minute"})


@pytest.fixture
def api_schema(contract_app: Any) -> Any:
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", contract_app)


@pytest.fixture
def staff_token(contract_app: Any) -> str:
    return login(contract_app.test_client(), "petugas")


def test_every_route_answers_as_documented(api_schema: Any, staff_token: str) -> None:
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 15
    auth = {"Authorization": f"Bearer {staff_token}"}

    @given(case=st.sampled_from(operations).flatmap(lambda op: op.as_strategy()))
    @settings(max_examples=10 * len(operations), deadline=None, derandomize=True,
              database=None, suppress_health_check=list(HealthCheck))
    def answers_as_documented(case: Any) -> None:
        staff_route = case.operation.path.startswith("/api/v1/counters")
        case.call_and_validate(headers=auth if staff_route else None, checks=CHECKS)

    answers_as_documented()


def test_successful_answers_match_the_document_too(api_schema: Any, staff_token: str) -> None:
    """Random inputs mostly meet the error paths; walk a morning so every 2xx is checked."""
    staff = {"Authorization": f"Bearer {staff_token}"}
    kiosk = {"Authorization": "Bearer demo-kiosk"}
    patient = {"nik": "3578010101900001", "name": "Siti Aminah", "phone": "081234567890",
               "bpjs_number": "0001234567890"}

    def call(method: str, path: str, headers: dict | None = None, **parts: Any) -> Any:
        operation = api_schema[path][method]
        case = operation.Case(**parts)
        return case.call_and_validate(headers=headers, checks=CHECKS)

    assert call("GET", "/api/v1/facilities").status_code == 200
    assert call("GET", "/api/v1/facilities/{facility}/services",
                path_parameters={"facility": "pkm-demo"}, query={"date": "2026-11-24"})
    booked = call("POST", "/api/v1/bookings", body={
        "facility": "pkm-demo", "service": "pendaftaran", "date": "2026-11-23",
        "patient": patient}, headers={"Idempotency-Key": "contract-0001"})
    code = booked.json()["code"]
    mine = call("POST", "/api/v1/bookings/lookup",
                body={"nik": patient["nik"], "phone": patient["phone"]})
    assert [b["code"] for b in mine.json()] == [code]
    for method, path in (("GET", "/api/v1/bookings/{code}"),
                         ("GET", "/api/v1/bookings/{code}/qr.svg")):
        assert call(method, path, path_parameters={"code": code}).status_code == 200
    assert call("POST", "/api/v1/bookings/{code}/check-in", kiosk,
                path_parameters={"code": code}).status_code == 200
    assert call("POST", "/api/v1/kiosk/tickets", kiosk,
                body={"service": "pendaftaran", "priority": "elderly"}).status_code == 201
    assert call("GET", "/api/v1/kiosk/services", kiosk).status_code == 200
    assert call("POST", "/api/v1/kiosk/heartbeat", kiosk,
                body={"printer": "online", "paper": "low", "jobs_waiting": 0}).status_code == 200
    counter = {"counter": "loket-1"}
    for action in ("call-next", "recall", "start"):
        assert call("POST", f"/api/v1/counters/{{counter}}/{action}", staff,
                    path_parameters=counter).status_code == 200
    assert call("POST", "/api/v1/counters/{counter}/finish", staff, path_parameters=counter,
                body={"transfer_to": "apotek"}).status_code == 200
    assert call("POST", "/api/v1/counters/{counter}/call-next", staff,
                path_parameters=counter).status_code == 200
    assert call("POST", "/api/v1/counters/{counter}/skip", staff,
                path_parameters=counter).status_code == 200
    assert call("POST", "/api/v1/counters/{counter}/requeue", staff, path_parameters=counter,
                body={}).status_code == 200
    for action in ("pause", "resume"):
        assert call("POST", f"/api/v1/counters/{{counter}}/{action}", staff,
                    path_parameters=counter).status_code == 200
    assert call("GET", "/api/v1/counters", staff).status_code == 200
    assert call("GET", "/api/v1/counters/{counter}", staff,
                path_parameters=counter).status_code == 200
    assert call("GET", "/api/v1/facilities/{facility}/board",
                path_parameters={"facility": "pkm-demo"}).status_code == 200
    assert call("POST", "/api/v1/bookings/{code}/cancel",
                path_parameters={"code": call("POST", "/api/v1/bookings", body={
                    "facility": "pkm-demo", "service": "gigi", "date": "2026-11-24",
                    "patient": patient}).json()["code"]}).status_code == 200
    login = call("POST", "/api/v1/auth/login", body={"username": "admin", "password": "demo"})
    assert call("POST", "/api/v1/auth/logout",
                {"Authorization": f"Bearer {login.json()['token']}"}).status_code == 204


def test_the_human_docs_are_served_without_a_cdn(contract_app: Any) -> None:
    client = contract_app.test_client()
    page = client.get("/api/v1/docs").get_data(as_text=True)
    assert "/static/vendor/redoc-2.5.4.standalone.js" in page and "https://" not in page
    script = client.get("/static/vendor/redoc-2.5.4.standalone.js")
    assert script.status_code == 200
    script.close()
