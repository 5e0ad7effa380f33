"""Staff void a booking made under someone else's NIK when its owner shows their KTP
(issue 13, point 11): recorded, refused for another NIK and for another facility's staff;
and the hold, confirmation and void answer as the OpenAPI document says."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import text

from queue_server.notify import deliver_due
from tests.conftest import Api, login
from tests.support.clock import FakeClock
from tests.support.phone_bookings import (
    OWNER,
    OWNER_PHONE,
    STRANGER,
    STRANGER_PHONE,
    Phones,
    book,
    confirm,
    error,
    gateway_app,
    hold,
    request,
    wrong,
)
from tests.support.receiver import Receiver


@pytest.fixture
def app(engine: Any, clock: FakeClock, receiver: Receiver) -> Any:
    return gateway_app(engine, clock, receiver)


@pytest.fixture
def phones(app: Any, receiver: Receiver) -> Phones:
    return Phones(app, receiver)


def test_staff_void_a_booking_on_its_owners_ktp(client: Any, phones: Phones, engine: Any,
                                                kiosk: Api) -> None:
    taken = book(client, phones, nik=OWNER, phone=STRANGER_PHONE, service="kia")
    mine = hold(client, service="kia").get_json()
    blocked = confirm(client, mine["code"], phones.code(OWNER_PHONE))
    assert error(blocked) == "already_booked"
    path = f"/api/v1/facilities/pkm-demo/bookings/{taken['code']}/void"
    ktp = {"owner_nik": OWNER, "reason": "Pemilik NIK datang membawa KTP"}
    staff = Api(client, login(client, "petugas"))
    other = Api(client, login(client, "petugas-otp-lain", "rahasia-otp"))
    assert other.post(path, ktp).status_code == 403
    assert kiosk.post(path, ktp).status_code == 403
    assert client.application.test_client().post(path, json=ktp).status_code == 401
    # The console's cookie session needs its CSRF token, as every console action does.
    forged = client.post(path, json=ktp)
    assert forged.status_code == 400 and error(forged) == "csrf_failed"
    mismatch = staff.post(path, {**ktp, "owner_nik": STRANGER})
    assert mismatch.status_code == 409 and error(mismatch) == "nik_mismatch"
    with engine.connect() as conn:
        before = conn.execute(text("SELECT count(*) FROM security_events WHERE kind = "
                                   "'booking_voided_by_owner'")).scalar_one()
    voided = staff.post(path, ktp)
    assert voided.status_code == 200 and voided.get_json()["status"] == "cancelled"
    with engine.connect() as conn:
        event = conn.execute(text("SELECT kind, actor, data FROM ticket_events "
                                  "WHERE kind = 'voided'")).one()
        [security] = conn.execute(text(
            "SELECT subject, detail FROM security_events WHERE kind = "
            "'booking_voided_by_owner' ORDER BY id")).all()[before:]
    assert event.actor == "staff:petugas" and "Pemilik NIK" in str(event.data)
    assert security.subject == "3578********0001" and OWNER not in str(security.detail)
    assert staff.post(path, ktp).status_code == 409          # voided once
    book(client, phones, service="kia")                      # the owner books now


def test_the_hold_the_confirmation_and_the_void_answer_as_documented(
        app: Any, receiver: Receiver, engine: Any) -> None:
    import schemathesis

    from tests.integration.test_openapi_contract import CHECKS

    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)

    def call(method: str, path: str, headers: dict | None = None, **parts: Any) -> Any:
        return schema[path][method].Case(**parts).call_and_validate(headers=headers,
                                                                    checks=CHECKS)

    held = call("POST", "/api/v1/bookings", body=request(phone=STRANGER_PHONE),
                headers={"Idempotency-Key": "contract-hold-1"})
    assert held.status_code == 202
    code = {"code": held.json()["code"]}
    deliver_due(app.extensions["antrian"], receiver.url)
    otp = receiver.bodies[-1]["otp"]
    assert call("POST", "/api/v1/bookings/{code}/confirm", path_parameters=code,
                body={"otp": wrong(otp)}).status_code == 422
    assert call("POST", "/api/v1/bookings/{code}/confirm", path_parameters=code,
                body={"otp": otp}).status_code == 201
    staff = {"Authorization": f"Bearer {login(app.test_client(), 'petugas')}"}
    assert call("POST", "/api/v1/facilities/{facility}/bookings/{code}/void", staff,
                path_parameters={"facility": "pkm-demo", **code},
                body={"owner_nik": OWNER, "reason": "KTP pemilik"}).status_code == 200
