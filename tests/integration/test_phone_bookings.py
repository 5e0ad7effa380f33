"""Bookings confirmed by the phone (issue 13, point 11): with a messaging gateway, a
booking is held (202, alike for every well-formed request) until the code sent to its
phone comes back; the one-booking rules are told only then; holds expire and free their
place. Staff voiding on the owner's KTP: test_booking_void.py."""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from sqlalchemy import text

from queue_server import create_app
from queue_server.notify import deliver_due
from queue_server.services import hold_expiry
from tests.conftest import Api
from tests.support.clock import FakeClock
from tests.support.phone_bookings import (
    DAY,
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


def test_a_booking_under_anothers_nik_is_answered_exactly_like_a_fresh_one(
        client: Any, phones: Phones) -> None:
    book(client, phones, service="kia")
    taken = hold(client, service="kia")                  # the owner's NIK, booked already
    fresh = hold(client, nik=STRANGER, service="kia")    # a NIK with nothing today
    assert taken.status_code == fresh.status_code == 202
    a, b = taken.get_json(), fresh.get_json()
    assert set(a) == set(b) == {"code", "status", "expires_at", "phone", "message",
                                "message_en", "links"}
    for body in (a, b):
        del body["code"], body["links"]
    assert a == b and a["status"] == "held" and a["expires_at"] == "2026-11-23T08:10:00+07:00"
    assert a["message"].startswith("Kode verifikasi dikirim ke nomor HP +6281******890")


def test_the_code_reaches_the_webhook_and_only_the_right_one_books(
        client: Any, phones: Phones, receiver: Receiver, engine: Any,
        caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    held = hold(client).get_json()
    assert client.get(f"/api/v1/bookings/{held['code']}").get_json()["status"] == "held"
    otp = phones.code(OWNER_PHONE)
    [sent] = receiver.bodies
    assert sent["kind"] == "booking_otp" and len(otp) == 6 and otp.isdigit()
    assert otp in sent["message"] and sent["message"].startswith(
        "Kode verifikasi booking antrean Poli Umum di Puskesmas Demo tanggal 23-11-2026")
    assert held["code"] not in str(sent)                 # the phone gets no booking code
    refused = confirm(client, held["code"], wrong(otp))
    assert refused.status_code == 422 and error(refused) == "wrong_otp"
    assert refused.get_json()["error"]["attempts_left"] == 4
    booked = confirm(client, held["code"], otp)
    assert booked.status_code == 201
    body = booked.get_json()
    assert body["status"] == "booked" and body["number"] == "B-001"
    assert {"code", "number", "status", "position", "estimated_call_at", "links",
            "patient", "journey"} <= set(body)
    again = confirm(client, held["code"], otp)
    assert again.status_code == 200 and again.get_json()["number"] == "B-001"
    with engine.connect() as conn:
        stored = [str(row) for query in ("SELECT otp_hash FROM booking_holds",
                                         "SELECT payload FROM notifications",
                                         "SELECT data FROM ticket_events")
                  for row in conn.execute(text(query)).scalars()]
    assert stored and not any(otp in row for row in stored)
    answers = str([held, refused.get_json(), body, again.get_json()])
    assert otp not in answers and otp not in caplog.text


def test_the_one_booking_rule_is_told_only_at_confirmation(client: Any, phones: Phones,
                                                           kiosk: Api) -> None:
    mine = book(client, phones, service="kia")
    stranger = hold(client, phone=STRANGER_PHONE, service="kia")
    assert stranger.status_code == 202
    told = confirm(client, stranger.get_json()["code"], phones.code(STRANGER_PHONE))
    assert told.status_code == 409 and error(told) == "already_booked"
    gone = client.get(f"/api/v1/bookings/{stranger.get_json()['code']}").get_json()
    assert gone["status"] == "cancelled"                 # the hold was let go
    assert client.get(f"/api/v1/bookings/{mine['code']}").get_json()["status"] == "booked"
    # The daily limit (2 a day) too: a third confirmed booking of the NIK is refused then.
    book(client, phones, service="lab")
    third = hold(client, service="apotek")
    assert third.status_code == 202
    limit = confirm(client, third.get_json()["code"], phones.code(OWNER_PHONE))
    assert limit.status_code == 409 and error(limit) == "daily_limit"
    # A held booking is not checked in (nor waiting, nor on the board).
    held = hold(client, nik=STRANGER, service="gigi").get_json()
    refused = kiosk.post(f"/api/v1/bookings/{held['code']}/check-in")
    assert refused.status_code == 409 and error(refused) == "invalid_transition"
    assert "verifikasi" in refused.get_json()["error"]["message"]


def test_a_hold_expires_and_its_place_is_free_again(client: Any, phones: Phones,
                                                    clock: FakeClock, app: Any) -> None:
    first = hold(client, facility="pkm-otp", service="kia").get_json()
    otp = phones.code(OWNER_PHONE)
    full = hold(client, nik=STRANGER, facility="pkm-otp", service="kia")
    assert full.status_code == 409 and error(full) == "quota_full"   # held places count
    clock.advance(minutes=10)
    assert hold(client, nik=STRANGER, facility="pkm-otp", service="kia").status_code == 202
    late = confirm(client, first["code"], otp)
    assert late.status_code == 409 and error(late) == "hold_expired"
    # Untouched, a hold is let go by the worker's sweep: the quota shows the place again.
    hold(client, facility="pkm-otp", service="gigi")
    left = {s["code"]: s["quota_left"] for s in client.get(
        f"/api/v1/facilities/pkm-otp/services?date={DAY}").get_json()}
    assert left["gigi"] == 0
    clock.advance(minutes=10, seconds=1)
    runtime = app.extensions["antrian"]
    assert hold_expiry.sweep(runtime.uow(), runtime.clock) == 2   # gigi's, and kia's 2nd
    left = {s["code"]: s["quota_left"] for s in client.get(
        f"/api/v1/facilities/pkm-otp/services?date={DAY}").get_json()}
    assert left == {"kia": 1, "gigi": 1}


def test_five_wrong_codes_drop_the_hold(client: Any, phones: Phones) -> None:
    held = hold(client, facility="pkm-otp", service="kia").get_json()
    otp = phones.code(OWNER_PHONE)
    for left in (4, 3, 2, 1):
        reply = confirm(client, held["code"], wrong(otp))
        assert reply.status_code == 422 and reply.get_json()["error"]["attempts_left"] == left
    fifth = confirm(client, held["code"], wrong(otp))
    assert fifth.status_code == 409 and error(fifth) == "too_many_attempts"
    right = confirm(client, held["code"], otp)
    assert right.status_code == 409 and error(right) == "too_many_attempts"
    assert hold(client, nik=STRANGER, facility="pkm-otp", service="kia").status_code == 202


def test_the_same_key_gives_the_same_hold_and_one_code(client: Any, phones: Phones,
                                                       receiver: Receiver) -> None:
    first = hold(client, key="hold-key-0001")
    again = hold(client, key="hold-key-0001")
    assert first.status_code == again.status_code == 202
    assert first.get_json() == again.get_json()
    phones.code(OWNER_PHONE)
    assert len(receiver.bodies) == 1
    other = hold(client, key="hold-key-0001", service="kia")
    assert other.status_code == 409 and error(other) == "idempotency_key_reused"


def test_a_cancelled_hold_frees_its_place_and_its_code_is_not_sent(
        client: Any, phones: Phones, receiver: Receiver, app: Any) -> None:
    held = hold(client, facility="pkm-otp", service="kia").get_json()
    cancelled = client.post(f"/api/v1/bookings/{held['code']}/cancel")
    assert cancelled.status_code == 200 and cancelled.get_json()["status"] == "cancelled"
    assert deliver_due(app.extensions["antrian"], receiver.url) == 0
    assert hold(client, nik=STRANGER, facility="pkm-otp", service="kia").status_code == 202


def test_two_holds_of_one_nik_confirmed_at_once_make_one_booking(
        app: Any, receiver: Receiver) -> None:
    codes = [hold(app.test_client(), service="kia").get_json()["code"] for _ in range(2)]
    deliver_due(app.extensions["antrian"], receiver.url)
    otp = {code: body["otp"] for code, body in zip(codes, receiver.bodies, strict=True)}

    def go(code: str) -> int:
        return confirm(app.test_client(), code, otp[code]).status_code

    with ThreadPoolExecutor(2) as pool:
        assert sorted(pool.map(go, codes)) == [201, 409]


def test_a_booking_made_without_a_phone_check_has_nothing_to_confirm(
        engine: Any, clock: FakeClock) -> None:
    plain = create_app({"TESTING": True, "ENGINE": engine, "DATABASE_URL": str(engine.url),
                        "CLOCK": clock, "SECRET_KEY": "test"}).test_client()
    made = plain.post("/api/v1/bookings", json=request())
    assert made.status_code == 201 and made.get_json()["status"] == "booked"
    reply = confirm(plain, made.get_json()["code"], "123456")
    assert reply.status_code == 409 and error(reply) == "not_held"
    assert confirm(plain, "ABCDEFGHJK", "123456").status_code == 404
    assert error(confirm(plain, made.get_json()["code"], "12345")) == "invalid_otp"


def test_the_notification_worker_lets_expired_holds_go(app: Any, client: Any,
                                                      clock: FakeClock,
                                                      receiver: Receiver) -> None:
    from queue_server.notify import start_worker
    from tests.support.servers import wait_until

    code = hold(client, facility="pkm-otp", service="kia").get_json()["code"]
    clock.advance(minutes=11)
    stop = start_worker(app.extensions["antrian"], receiver.url, interval=0.05)
    try:
        wait_until(lambda: client.get(f"/api/v1/bookings/{code}").get_json()["status"]
                   == "cancelled", timeout=10, what="the hold's expiry")
    finally:
        stop.set()
    assert receiver.bodies == []                    # its code was never sent: too late
