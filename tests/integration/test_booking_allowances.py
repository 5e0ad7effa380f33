"""Nobody but a phone's holder spends a patient's or a phone's booking allowance
(issue 13 review, points 1 and 2).

Before: with a messaging gateway, 30 bookings with 30 NIKs and one phone all got 202 and
the phone 30 codes in a second; and 10 bookings with a victim's NIK, even malformed ones
(an invalid phone, 422), used up the per-NIK limit, so its owner, from another address,
got 429 with `Retry-After: 3600` (which also told the stranger that nobody had used that
NIK within the hour). Now the codes one phone is sent are limited (BOOKING_LIMIT_PER_PHONE);
with the phone check, the per-NIK limit counts the (NIK, phone) pair; a malformed NIK or
phone counts only for its address.
"""

from __future__ import annotations

from typing import Any

import pytest

from queue_server import create_app
from queue_server.notify import deliver_due
from tests.support.clock import FakeClock
from tests.support.factories import booking, nik
from tests.support.receiver import Receiver

PHONE = "081377778888"
OWNER, OWNER_PHONE = nik(1), "081234567890"
STRANGER_PHONE = "085711112222"


def make_app(engine: Any, clock: FakeClock, receiver: Receiver | None, **config: Any) -> Any:
    """The app behind one trusted proxy; with `receiver` as its messaging gateway (the
    phone check on, the delivery worker off) unless None."""
    gateway = {"NOTIFY_WEBHOOK_URL": receiver.url, "NOTIFY_WORKER": False} if receiver else {}
    return create_app({"TESTING": True, "ENGINE": engine, "DATABASE_URL": str(engine.url),
                       "CLOCK": clock, "SECRET_KEY": "test", "PROXIES": 1, **gateway,
                       **config})


@pytest.fixture
def gateway(engine: Any, clock: FakeClock, receiver: Receiver) -> Any:
    return make_app(engine, clock, receiver)


def lab(**fields: Any) -> dict[str, Any]:
    """A booking body for the demo's lab: its quota has no JKN share, so a rush of
    non-JKN patients fills it whole."""
    return booking(service="lab", **fields)


def book(app: Any, address: str, body: dict[str, Any]) -> Any:
    return app.test_client().post("/api/v1/bookings", json=body,
                                  headers={"X-Forwarded-For": address})


def codes_sent(app: Any, receiver: Receiver, phone: str) -> int:
    deliver_due(app.extensions["antrian"], receiver.url)
    return sum(1 for b in receiver.bodies if b["phone"] == "+62" + phone[1:])


def test_one_phone_is_sent_at_most_five_codes_however_many_niks_ask(
        gateway: Any, receiver: Receiver) -> None:
    replies = [book(gateway, "203.0.113.7", lab(n=n, phone=PHONE)) for n in range(1, 31)]
    statuses = [r.status_code for r in replies]
    assert statuses == [202] * 5 + [429] * 25, statuses
    refused = replies[5]
    assert refused.get_json()["error"]["code"] == "too_many_requests"
    assert 1 <= int(refused.headers["Retry-After"]) <= 600
    assert codes_sent(gateway, receiver, PHONE) == 5
    # The same number spelled otherwise, or asked for from elsewhere: the same phone.
    for address, spelling in (("198.51.100.9", "+62 813-7777-8888"),
                              ("192.0.2.44", "０８１３７７７７８８８８")):
        again = book(gateway, address, lab(n=40, phone=spelling))
        assert again.status_code == 429, again.get_json()
    assert codes_sent(gateway, receiver, PHONE) == 5
    # Another phone is not held back.
    assert book(gateway, "203.0.113.7", lab(n=41, phone=OWNER_PHONE)).status_code == 202


def test_the_daily_count_of_codes_holds_across_windows(
        engine: Any, clock: FakeClock, receiver: Receiver) -> None:
    app = make_app(engine, clock, receiver, BOOKING_LIMIT_PER_PHONE="100 per minute;3 per day")
    statuses = [book(app, "203.0.113.7", lab(n=n, phone=PHONE)).status_code
                for n in range(1, 6)]
    assert statuses == [202, 202, 202, 429, 429]


def test_without_a_gateway_no_code_is_sent_and_the_phone_is_not_counted(
        engine: Any, clock: FakeClock) -> None:
    app = make_app(engine, clock, None)
    statuses = [book(app, "203.0.113.7", lab(n=n, phone=PHONE)).status_code
                for n in range(1, 8)]
    assert statuses == [201] * 7


def test_malformed_bookings_under_a_nik_do_not_spend_its_allowance(gateway: Any) -> None:
    for _ in range(10):  # a stranger, with the victim's NIK and an invalid phone
        reply = book(gateway, "203.0.113.7", lab(n=1, phone="0212345"))
        assert reply.status_code == 422 and reply.get_json()["error"]["code"] == "invalid_phone"
    for _ in range(10):  # ... or a NIK one digit short, with the owner's phone
        assert book(gateway, "203.0.113.7",
                    booking(nik=OWNER[:-1], phone=OWNER_PHONE)).status_code == 422
    owner = book(gateway, "198.51.100.9", lab(n=1, phone=OWNER_PHONE))
    assert owner.status_code == 202, owner.get_json()


def test_a_stranger_with_their_own_phone_spends_only_their_own_pairs_allowance(
        engine: Any, clock: FakeClock, receiver: Receiver) -> None:
    app = make_app(engine, clock, receiver, BOOKING_LIMIT_PER_PHONE="1000 per minute")
    stranger = [book(app, "203.0.113.7", lab(n=1, phone=STRANGER_PHONE)).status_code
                for _ in range(11)]
    assert stranger == [202] * 10 + [429]
    owner = book(app, "198.51.100.9", lab(n=1, phone=OWNER_PHONE))
    assert owner.status_code == 202, owner.get_json()
    # The owner's own allowance starts whole: their 10th booking in the hour still passes.
    owner_replies = [book(app, "198.51.100.9", lab(n=1, phone=OWNER_PHONE)).status_code
                     for _ in range(9)]
    assert owner_replies == [202] * 9


def test_without_a_gateway_a_malformed_booking_still_does_not_count_for_the_nik(
        engine: Any, clock: FakeClock) -> None:
    app = make_app(engine, clock, None)
    for _ in range(10):
        assert book(app, "203.0.113.7", lab(n=1, phone="0212345")).status_code == 422
    owner = book(app, "198.51.100.9", lab(n=1))
    assert owner.status_code == 201, owner.get_json()


def test_with_a_gateway_a_lookup_is_counted_per_nik_and_phone(
        engine: Any, clock: FakeClock, receiver: Receiver) -> None:
    app = make_app(engine, clock, receiver, BOOKING_LIMIT_PER_NIK="3 per hour")

    def lookup(address: str, phone: str) -> int:
        return app.test_client().post("/api/v1/bookings/lookup",
                                      json={"nik": OWNER, "phone": phone},
                                      headers={"X-Forwarded-For": address}).status_code

    assert [lookup("203.0.113.7", STRANGER_PHONE) for _ in range(4)] == [200, 200, 200, 429]
    assert lookup("198.51.100.9", OWNER_PHONE) == 200
