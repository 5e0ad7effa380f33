"""Phone bookings: every rule with its error code, idempotency, cancel, masking, quota races."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from typing import Any

import pytest

from tests.conftest import Api
from tests.support import factories
from tests.support.clock import FakeClock
from tests.support.factories import TODAY, booking, error, nik, post
from tests.support.http import JsonClient

SMALL = factories.facility("pkm-kecil", services=[
    factories.service("umum", "B", booking_quota=3,
                      hours={"weekdays": "07:30-14:30", "sat": "08:00-12:00"}),
    factories.service("gigi", "C", booking_quota=2),
], counters=[factories.counter("ruang-1", ["umum", "gigi"])])
KECIL = SMALL.code


@pytest.fixture
def small(engine: Any) -> None:
    SMALL.load(engine)


def test_a_booking_gets_an_easy_code_a_number_and_links(client: Any) -> None:
    reply = post(client, booking(TODAY + timedelta(days=1)))
    assert reply.status_code == 201
    body = reply.get_json()
    assert body["status"] == "booked" and body["number"] == "B-001"
    assert len(body["code"]) == 10 and not set(body["code"]) & set("01OI")
    assert body["position"] == 0 and body["date"] == "2026-11-24"
    # Tomorrow, first in line, at a 24-hour puskesmas: called at midnight's opening.
    assert body["estimated_call_at"] == "2026-11-24T00:00:00+07:00"
    assert body["links"] == {"ticket_page": f"/t/{body['code']}",
                             "qr": f"/api/v1/bookings/{body['code']}/qr.svg"}


def test_the_status_never_holds_the_full_nik_bpjs_or_phone(client: Any) -> None:
    made = post(client, booking(bpjs_number="0001234567890")).get_json()
    for body in (made, client.get(f"/api/v1/bookings/{made['code']}").get_json()):
        text = str(body)
        assert nik() not in text and "0001234567890" not in text and "81234567890" not in text
        assert body["patient"]["nik"] == "3578********0001"
        assert body["patient"]["name"] == "Siti Aminah"


def test_the_qr_image_points_to_the_ticket_page(client: Any) -> None:
    code = post(client, booking()).get_json()["code"]
    reply = client.get(f"/api/v1/bookings/{code}/qr.svg")
    assert reply.status_code == 200 and reply.mimetype == "image/svg+xml"
    assert b"<svg" in reply.data


@pytest.mark.parametrize(("patch", "code"), [
    ({"nik": "12345"}, "invalid_nik"), ({"nik": "2078010101900001"}, "invalid_nik"),
    ({"nik": "3578013202900001"}, "invalid_nik"), ({"bpjs_number": "123"}, "invalid_bpjs"),
    ({"phone": "0212345678"}, "invalid_phone"), ({"name": "1"}, "invalid_name"),
])
def test_each_identity_rule_has_its_error_code(client: Any, patch: dict, code: str) -> None:
    reply = post(client, booking(**patch))
    assert reply.status_code == 422 and error(reply) == code
    assert reply.get_json()["error"]["message"]


def test_a_date_in_the_past_or_beyond_the_window_is_refused(client: Any) -> None:
    past = post(client, booking(TODAY - timedelta(days=1)))
    assert past.status_code == 422 and error(past) == "date_in_past"
    assert past.get_json()["error"]["message"] == "Tanggal periksa tidak boleh mundur."
    far = post(client, booking(TODAY + timedelta(days=8)))
    assert far.status_code == 422 and error(far) == "date_out_of_window"
    assert post(client, booking(TODAY + timedelta(days=7))).status_code == 201


def test_a_service_closed_that_day_is_refused(client: Any, small: None) -> None:
    sunday = TODAY + timedelta(days=6)
    reply = post(client, booking(sunday, facility=KECIL))
    assert reply.status_code == 409 and error(reply) == "service_closed"
    saturday = sunday - timedelta(days=1)
    assert post(client, booking(saturday, facility=KECIL)).status_code == 201


def test_unknown_facility_or_service_is_404(client: Any) -> None:
    assert error(post(client, booking(facility="nope"))) == "facility_not_found"
    assert error(post(client, booking(service="bedah"))) == "service_not_found"


def test_one_active_booking_per_nik_service_and_day(client: Any) -> None:
    assert post(client, booking()).status_code == 201
    again = post(client, booking())
    assert again.status_code == 409 and error(again) == "already_booked"
    assert again.get_json()["error"]["message"].startswith("Nomor antrean hanya dapat diambil 1")
    assert post(client, booking(service="gigi")).status_code == 201
    assert post(client, booking(TODAY + timedelta(days=1))).status_code == 201


def test_the_quota_is_kept_and_cancel_frees_a_place(client: Any, small: None) -> None:
    codes = [post(client, booking(facility=KECIL, service="gigi", n=i)).get_json()["code"]
             for i in (1, 2)]
    full = post(client, booking(facility=KECIL, service="gigi", n=3))
    assert full.status_code == 409 and error(full) == "quota_full"
    services = client.get(f"/api/v1/facilities/{KECIL}/services?date=2026-11-23").get_json()
    assert next(s for s in services if s["code"] == "gigi")["quota_left"] == 0
    cancelled = client.post(f"/api/v1/bookings/{codes[0]}/cancel")
    assert cancelled.status_code == 200 and cancelled.get_json()["status"] == "cancelled"
    services = client.get(f"/api/v1/facilities/{KECIL}/services?date=2026-11-23").get_json()
    assert next(s for s in services if s["code"] == "gigi")["quota_left"] == 1
    assert post(client, booking(facility=KECIL, service="gigi", n=3)).status_code == 201
    again = client.post(f"/api/v1/bookings/{codes[0]}/cancel")
    assert again.status_code == 409 and error(again) == "invalid_transition"


def test_the_same_key_and_body_return_the_same_booking(client: Any) -> None:
    first = post(client, booking(), key="k-123456789")
    second = post(client, booking(), key="k-123456789")
    assert (first.status_code, second.status_code) == (201, 200)
    assert first.get_json()["code"] == second.get_json()["code"]
    other = post(client, booking(n=2), key="k-123456789")
    assert other.status_code == 409 and error(other) == "idempotency_key_reused"


def test_unknown_codes_are_404(client: Any) -> None:
    for reply in (client.get("/api/v1/bookings/ZZZZZZZZZZ"),
                  client.post("/api/v1/bookings/ZZZZZZZZZZ/cancel"),
                  client.get("/api/v1/bookings/ZZZZZZZZZZ/qr.svg")):
        assert reply.status_code == 404 and error(reply) == "booking_not_found"


def test_a_booking_is_never_called_before_check_in(client: Any, kiosk: Api, staff: Api) -> None:
    code = post(client, booking(service="pendaftaran")).get_json()["code"]
    assert staff.act("loket-1", "call-next").status_code == 404
    checked = kiosk.post(f"/api/v1/bookings/{code}/check-in")
    assert checked.status_code == 200 and checked.get_json()["status"] == "waiting"
    assert staff.act("loket-1", "call-next").get_json()["code"] == code


def test_a_late_arrival_joins_by_arrival_not_at_the_front(client: Any, kiosk: Api,
                                                          staff: Api, clock: FakeClock) -> None:
    code = post(client, booking(service="pendaftaran")).get_json()["code"]
    for _ in range(3):
        kiosk.ticket()                                                          # A-002..4
    clock.advance(minutes=5)
    kiosk.post(f"/api/v1/bookings/{code}/check-in")
    called = [staff.act("loket-1", "call-next").get_json()["number"] for _ in range(4)]
    assert called == ["A-002", "A-003", "A-004", "A-001"]


def test_check_in_rules(app: Any, client: Any, kiosk: Api, staff: Api) -> None:
    tomorrow = post(client, booking(TODAY + timedelta(days=1))).get_json()["code"]
    reply = kiosk.post(f"/api/v1/bookings/{tomorrow}/check-in")
    assert reply.status_code == 409 and error(reply) == "booking_not_today"
    assert reply.get_json()["error"]["message"] == (
        "Booking ini untuk Selasa, 24 November 2026, bukan hari ini.")
    today = post(client, booking()).get_json()["code"]
    assert Api(app.test_client()).post(f"/api/v1/bookings/{today}/check-in").status_code == 401
    assert staff.post(f"/api/v1/bookings/{today}/check-in").status_code == 200
    twice = kiosk.post(f"/api/v1/bookings/{today}/check-in")
    assert twice.status_code == 409 and error(twice) == "already_checked_in"
    assert twice.get_json()["error"]["message"] == (
        "Anda sudah check-in. Nomor Anda B-001, sedang menunggu.")


def test_booking_is_rate_limited_per_nik_with_retry_after(app: Any, client: Any) -> None:
    app.config["BOOKING_LIMIT_PER_NIK"] = "3 per hour"
    for day in range(3):
        post(client, booking(TODAY + timedelta(days=day)))
    limited = post(client, booking(TODAY + timedelta(days=4)))
    assert limited.status_code == 429 and error(limited) == "too_many_requests"
    assert int(limited.headers["Retry-After"]) > 0
    assert post(client, booking(n=9)).status_code == 201  # another patient is not held back


def test_booking_is_rate_limited_per_address(app: Any, client: Any) -> None:
    app.config["BOOKING_LIMIT_PER_ADDRESS"] = "5 per minute"
    replies = [post(client, booking(n=i)).status_code for i in range(7)]
    assert replies[:5] == [201] * 5 and replies[5:] == [429, 429]


@pytest.mark.parametrize("threads", [32])
def test_quota_plus_40_bookers_from_32_threads_get_exactly_the_quota(
    live_server: str, engine: Any, threads: int
) -> None:
    busy = factories.facility("pkm-ramai", services=[
        factories.service("umum", "B", booking_quota=50)], counters=[]).load(engine)

    def attempt(i: int) -> tuple[int, str | None]:
        client = JsonClient(live_server)
        reply = client.post("/api/v1/bookings", booking(facility=busy.code, n=i))
        client.close()
        return reply.status, reply.error_code

    with ThreadPoolExecutor(threads) as pool:
        results = list(pool.map(attempt, range(90)))
    assert all(status < 500 for status, _ in results)
    assert sum(1 for status, _ in results if status == 201) == 50
    assert {code for status, code in results if status != 201} == {"quota_full"}
    services = JsonClient(live_server).get(f"/api/v1/facilities/{busy.code}/services").body
    assert services[0]["quota_left"] == 0




def test_behind_a_proxy_the_limit_is_per_patient_address(engine: Any, clock: FakeClock) -> None:
    from queue_server import create_app

    app = create_app({"TESTING": True, "ENGINE": engine, "CLOCK": clock, "SECRET_KEY": "t",
                      "PROXIES": 1, "BOOKING_LIMIT_PER_ADDRESS": "2 per minute"})
    client = app.test_client()

    def from_address(address: str, n: int) -> int:
        return client.post("/api/v1/bookings", json=booking(n=n),
                           headers={"X-Forwarded-For": address}).status_code

    assert [from_address("203.0.113.7", n) for n in (1, 2, 3)] == [201, 201, 429]
    assert from_address("198.51.100.9", 4) == 201  # another phone behind the same proxy
