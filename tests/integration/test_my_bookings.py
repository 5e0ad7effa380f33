"""Issue 12, point 8: one NIK does not hold the city, and a lost code can be found again.

A per-NIK daily limit across facilities (`ANTRIAN_BOOKINGS_PER_NIK_PER_DAY`, default 2,
409 `daily_limit`), race-safe on PostgreSQL; "my bookings"
(`POST /api/v1/bookings/lookup`, NIK and the phone given at booking), rate-limited.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import text

from tests.conftest import Api
from tests.support import factories
from tests.support.clock import FakeClock
from tests.support.factories import TODAY, booking, error, nik, post
from tests.support.http import JsonClient

SERVICES = [{"code": "umum", "name": "Poli Umum", "prefix": "B"},
            {"code": "gigi", "name": "Poli Gigi", "prefix": "C"},
            {"code": "kia", "name": "KIA", "prefix": "D"}]
SITES = [factories.facility(f"pkm-{name}", name=f"Puskesmas {name.title()}",
                            services=[{**s, "booking_quota": 20} for s in SERVICES],
                            counters=[])
         for name in ("utara", "selatan")]
UTARA, SELATAN = (site.code for site in SITES)
# Eight places at three puskesmas and six services, as issue 12 saw one NIK take.
EIGHT = [("pkm-demo", "umum"), (UTARA, "gigi"), (SELATAN, "kia"),
         ("pkm-demo", "gigi"), (UTARA, "umum"), (SELATAN, "umum"),
         ("pkm-demo", "lab"), (UTARA, "kia")]
LOOKUP = "/api/v1/bookings/lookup"
PHONE = "081234567890"


@pytest.fixture
def city(engine: Any) -> None:
    for site in SITES:
        site.load(engine)


def lookup(client: Any, nik_: str = nik(), phone: str = PHONE) -> Any:
    return client.post(LOOKUP, json={"nik": nik_, "phone": phone})


def test_one_nik_gets_two_of_eight_places_in_a_day(client: Any, city: None) -> None:
    replies = [post(client, booking(facility=f, service=s)) for f, s in EIGHT]
    assert [r.status_code for r in replies] == [201, 201] + [409] * 6
    assert {error(r) for r in replies[2:]} == {"daily_limit"}
    message = replies[2].get_json()["error"]["message"]
    assert message.startswith("NIK ini sudah memiliki 2 booking aktif pada 23-11-2026")
    assert "Cari booking saya" in message
    # Another day, and another patient, are not held back.
    assert post(client, booking(TODAY + timedelta(days=1), facility=UTARA)).status_code == 201
    assert post(client, booking(facility=UTARA, n=2)).status_code == 201


def test_a_cancelled_or_finished_booking_frees_a_place_of_the_day(
    client: Any, city: None, kiosk: Api, staff: Api
) -> None:
    first = post(client, booking(service="pendaftaran")).get_json()["code"]
    post(client, booking(facility=UTARA))
    assert error(post(client, booking(facility=SELATAN))) == "daily_limit"
    # Checked in and waiting still holds the place; served and done does not.
    assert kiosk.post(f"/api/v1/bookings/{first}/check-in").status_code == 200
    assert error(post(client, booking(facility=SELATAN))) == "daily_limit"
    for action in ("call-next", "finish"):
        assert staff.act("loket-1", action).status_code == 200
    assert post(client, booking(facility=SELATAN)).status_code == 201
    third = lookup(client).get_json()
    assert {b["facility"]["code"] for b in third} == {UTARA, SELATAN}
    client.post(f"/api/v1/bookings/{third[0]['code']}/cancel")
    assert post(client, booking(facility=SELATAN, service="kia")).status_code == 201


def test_the_limit_is_a_setting(app: Any, client: Any, city: None) -> None:
    app.config["BOOKINGS_PER_NIK_PER_DAY"] = 3
    replies = [post(client, booking(facility=f, service=s)).status_code for f, s in EIGHT[:4]]
    assert replies == [201, 201, 201, 409]


def test_eight_bookings_of_one_nik_at_once_get_exactly_two(app: Any, live_server: str,
                                                           engine: Any, city: None) -> None:
    """Two facilities' number locks do not cover each other: the NIK's day lock does."""
    app.config["BOOKING_LIMIT_PER_NIK"] = "1000 per hour"

    def attempt(args: tuple[tuple[str, str], Any]) -> tuple[int, str | None]:
        (facility, service), on = args
        client = JsonClient(live_server)
        reply = client.post("/api/v1/bookings", booking(on, facility=facility, service=service))
        client.close()
        return reply.status, reply.error_code

    for day in range(3):  # three rounds, on three days, to give a race its chances
        on = TODAY + timedelta(days=day)
        with ThreadPoolExecutor(8) as pool:
            results = list(pool.map(attempt, [(place, on) for place in EIGHT]))
        assert sorted(status for status, _ in results) == [201, 201] + [409] * 6, results
        assert {code for status, code in results if status == 409} == {"daily_limit"}
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM visits")).scalar() == 6


def test_my_bookings_needs_the_nik_and_the_phone_given_at_booking(
    client: Any, city: None, clock: FakeClock
) -> None:
    made = [post(client, booking(facility=f, service=s)).get_json() for f, s in EIGHT[:2]]
    tomorrow = post(client, booking(TODAY + timedelta(days=1))).get_json()
    post(client, booking(n=2))  # another patient, same phone
    found = lookup(client, phone="+62 812-3456-7890")
    assert found.status_code == 200
    items = found.get_json()
    assert [i["code"] for i in items] == [made[0]["code"], made[1]["code"], tomorrow["code"]]
    assert set(items[0]) == {"number", "facility", "service", "date", "code", "status"}
    assert items[0] == {"number": "B-001", "date": "2026-11-23", "code": made[0]["code"],
                        "status": "booked", "facility": {"code": "pkm-demo",
                                                         "name": "Puskesmas Demo"},
                        "service": {"code": "umum", "name": "Poli Umum"}}
    assert lookup(client, nik_=" ３５７８-0101-0190-0001").get_json() == items
    # A wrong phone, another NIK, a NIK with no bookings: the same empty answer.
    for reply in (lookup(client, phone="081299999999"), lookup(client, nik(3)),
                  lookup(client, "3578010101909999")):
        assert reply.status_code == 200 and reply.get_json() == []
    client.post(f"/api/v1/bookings/{made[0]['code']}/cancel")
    clock.advance(days=1)  # yesterday's bookings are not "mine" any more
    assert [i["code"] for i in lookup(client).get_json()] == [tomorrow["code"]]


def test_my_bookings_checks_the_identity_rules(client: Any) -> None:
    for body, code in (({"nik": "123", "phone": PHONE}, "invalid_nik"),
                       ({"nik": "٣٥٧٨٠١٠١٠١٩٠٠٠٠١", "phone": PHONE}, "invalid_nik"),
                       ({"nik": nik(), "phone": "0212345"}, "invalid_phone"),
                       ({"nik": nik()}, "invalid_body")):
        reply = client.post(LOOKUP, json=body)
        assert reply.status_code == 422 and error(reply) == code, body


def test_my_bookings_is_rate_limited_per_nik_and_per_address(app: Any, client: Any) -> None:
    app.config["BOOKING_LIMIT_PER_NIK"] = "3 per hour"
    for spelling in (nik(), " " + nik(), "3578 0101 0190 0001"):
        assert lookup(client, spelling).status_code == 200
    limited = lookup(client, nik(), "081200000000")
    assert limited.status_code == 429 and error(limited) == "too_many_requests"
    assert int(limited.headers["Retry-After"]) > 0
    assert lookup(client, nik(2)).status_code == 200  # another NIK goes on
    # Looking up does not spend the patient's bookings.
    assert post(client, booking()).status_code == 201
    app.config["BOOKING_LIMIT_PER_ADDRESS"] = "3 per minute"
    statuses = [lookup(client, nik(10 + i)).status_code for i in range(4)]
    assert statuses == [200, 200, 200, 429]


def test_the_daily_count_reads_the_nik_index(sqlite_engine: Any) -> None:
    from queue_server.persistence.repositories.bookings import _ACTIVE_ON_DAY

    compiled = _ACTIVE_ON_DAY.compile(dialect=sqlite_engine.dialect)
    params = compiled.construct_params({"nik": "3578010101900001", "day": TODAY})
    with sqlite_engine.connect() as conn:
        plan = conn.exec_driver_sql(
            "EXPLAIN QUERY PLAN " + str(compiled),
            tuple(str(params[name]) for name in compiled.positiontup or ())).all()
    assert any("ix_visits_nik" in row[-1] for row in plan), plan
