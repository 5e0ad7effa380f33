"""The error table in the OpenAPI document (issue 14, point 1): every named error is in
it, its statuses are what the API answers, and a code says one thing on every route."""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any

import pytest

import queue_server.domain
from queue_server.domain.errors import named_errors
from tests.conftest import Api
from tests.support import factories

GALAT = factories.fresh("pkm-galat")
CONFIG = {"facilities": [{
    "code": GALAT, "name": "Puskesmas Galat",
    "services": [
        {"code": "umum", "name": "Poli Umum", "prefix": "U", "booking_quota": 5,
         "hours": {"weekdays": "07:30-14:30"}},
        {"code": "sabtu", "name": "Poli Sabtu", "prefix": "S", "booking_quota": 5,
         "hours": {"sat": "08:00-10:00"}},
    ],
    "counters": [{"code": "loket-galat", "name": "Loket Galat", "services": ["umum"]}],
}]}
PATIENT = {"nik": "3578010101900001", "name": "Siti Aminah", "phone": "081234567890"}


@pytest.fixture
def galat(engine: Any) -> None:
    factories.load(engine, CONFIG)


def spec(client: Any) -> dict[str, Any]:
    reply = client.get("/api/v1/openapi.json")
    assert reply.status_code == 200
    return reply.get_json()


def statuses(client: Any) -> dict[str, set[int]]:
    table: dict[str, set[int]] = {}
    for row in spec(client)["x-error-codes"]:
        table.setdefault(row["code"], set()).add(row["status"])
    return table


def book(client: Any, day: str, service: str = "umum", facility: str = GALAT,
         lang: str = "id") -> Any:
    return client.post("/api/v1/bookings", headers={"Accept-Language": lang}, json={
        "facility": facility, "service": service, "date": day, "patient": PATIENT})


def error(reply: Any) -> dict[str, Any]:
    return reply.get_json()["error"]


def test_the_openapi_document_lists_every_named_error(client: Any) -> None:
    for module in pkgutil.iter_modules(queue_server.domain.__path__):
        importlib.import_module(f"queue_server.domain.{module.name}")
    document = spec(client)
    listed = {(row["code"], row["error"]) for row in document["x-error-codes"]}
    missing = [cls for cls in named_errors() if (cls.code, cls.__name__) not in listed]
    assert missing == []
    assert {"quota_full", "date_in_past", "invalid_body", "csrf_failed", "not_found",
            "too_many_unknown_codes", "invalid_text"} <= {code for code, _ in listed}
    table = document["info"]["description"].split("## Error codes", 1)[1]
    for code, _ in listed:
        assert f"| `{code}` |" in table, code
    quota = next(row for row in document["x-error-codes"] if row["code"] == "quota_full")
    assert quota == {"code": "quota_full", "status": 409, "error": "QuotaFull",
                     "meaning": "No places left on that date."}


def test_the_table_s_status_is_what_the_api_answers(client: Any, admin: Api,
                                                    galat: None) -> None:
    anonymous = client.application.test_client()  # no staff session cookie
    answers = {
        "booking_not_found": client.get("/api/v1/bookings/ABCDEFGHJK"),
        "unauthorized": Api(anonymous).post("/api/v1/kiosk/tickets", {"service": "umum"}),
        "forbidden": Api(anonymous, "demo-display").post("/api/v1/kiosk/tickets",
                                                         {"service": "umum"}),
        "date_in_past": book(client, "2026-11-22"),
        "service_closed": admin.post(f"/api/v1/kiosk/tickets?facility={GALAT}",
                                     {"service": "sabtu"}),
        "queue_empty": admin.act("loket-galat", f"call-next?facility={GALAT}"),
        "invalid_json": client.post("/api/v1/bookings", data="{",
                                    content_type="application/json"),
        "not_found": client.get("/api/v1/nothing"),
    }
    table = statuses(client)
    for code, reply in answers.items():
        assert error(reply)["code"] == code, (code, reply.get_json())
        assert table[code] == {reply.status_code}, code


def test_a_date_in_the_past_has_one_text_on_every_route(client: Any, galat: None) -> None:
    listing = client.get(f"/api/v1/facilities/{GALAT}/services?date=2026-11-22",
                         headers={"Accept-Language": "en"})
    booking = book(client, "2026-11-22", facility="pkm-demo", lang="en")
    assert error(listing)["code"] == error(booking)["code"] == "date_in_past"
    assert error(listing)["message"] == error(booking)["message"] == (
        "The visit date cannot be in the past.")


def test_a_closed_service_has_one_text_for_walk_ins_and_bookings(client: Any, admin: Api,
                                                                 galat: None) -> None:
    walk_in = admin.post(f"/api/v1/kiosk/tickets?facility={GALAT}", {"service": "sabtu"})
    booking = book(client, "2026-11-29", "sabtu")  # a Sunday
    assert error(walk_in)["code"] == error(booking)["code"] == "service_closed"
    assert error(walk_in)["message"] == "Pendaftaran ke Poli Sabtu tutup pada jam ini."
    assert error(booking)["message"] == (
        "Pendaftaran ke Poli Sabtu tutup pada Minggu, 29 November 2026.")
    english = book(client, "2026-11-29", "sabtu", lang="en")
    assert error(english)["message"] == "Poli Sabtu is closed on Sunday, 29 November 2026."
