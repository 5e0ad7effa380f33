"""Closed dates (issue 12, point 1): holidays and cuti bersama from the `holidays`
package, city, facility and service closures with their reasons, special hours on a
date; bookings, walk-ins, the services list and the kiosk say so. SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

import pytest

from tests.conftest import Api
from tests.support import factories, sites
from tests.support.clock import WIB, FakeClock

CALENDAR = sites.calendar()
KALENDER = CALENDAR.code
CUTI_BUKA = factories.facility(
    "pkm-cuti-buka", name="Puskesmas Buka Cuti Bersama", cuti_bersama="open",
    services=[factories.service("umum", "B", "Poli Umum", booking_quota=5)], counters=[])


@pytest.fixture
def calendar_config(engine: Any) -> None:
    CALENDAR.load(engine)
    CUTI_BUKA.load(engine)


@pytest.fixture
def city_closure(engine: Any, calendar_config: None) -> Iterator[None]:
    """A city-wide closure on Monday 30 November, taken away afterwards: the demo
    facility outlives the test."""
    factories.load(engine, {"closed_dates": [
        {"date": "2026-11-30", "reason": "Rapat kerja Dinas Kesehatan"}]})
    yield
    factories.load(engine, {"closed_dates": []})


def at(clock: FakeClock, *when: int) -> None:
    clock.set(datetime(*when, tzinfo=WIB))


def book(client: Any, day: str, service: str = "umum", facility: str = KALENDER,
         lang: str = "id") -> Any:
    return client.post("/api/v1/bookings", headers={"Accept-Language": lang}, json={
        "facility": facility, "service": service, "date": day,
        "patient": {"nik": "3578010101900001", "name": "Siti Aminah", "phone": "081234567890"}})


def refusal(reply: Any) -> tuple[int, str, str]:
    error = reply.get_json()["error"]
    return reply.status_code, error["code"], error["message"]


def services(client: Any, facility: str, day: str | None = None) -> dict[str, dict]:
    query = f"?date={day}" if day else ""
    reply = client.get(f"/api/v1/facilities/{facility}/services{query}")
    assert reply.status_code == 200, reply.get_json()
    return {s["code"]: s for s in reply.get_json()}


def test_a_christmas_booking_is_refused_with_the_holiday_s_name(client: Any,
                                                                clock: FakeClock) -> None:
    """Issue 12: a booking for 25 December was accepted."""
    at(clock, 2026, 12, 21, 8, 0)
    assert refusal(book(client, "2026-12-25", "gigi", "pkm-demo")) == (
        409, "closed_on_date", "Libur nasional: Hari Raya Natal")
    assert refusal(book(client, "2026-12-25", "gigi", "pkm-demo", lang="en"))[2] == (
        "Public holiday: Hari Raya Natal")
    # The demo's other services stay open on holidays (open_on_holidays: true).
    assert book(client, "2026-12-25", "pendaftaran", "pkm-demo").status_code == 201
    listed = services(client, "pkm-demo", "2026-12-25")
    assert listed["gigi"]["open_on_date"] is False
    assert listed["gigi"]["closed_reason"] == "Libur nasional: Hari Raya Natal"
    assert listed["gigi"]["closed_reason_en"] == "Public holiday: Hari Raya Natal"
    assert listed["gigi"]["bookable_today"] is False
    assert listed["gigi"]["bookable_reason"] == "Libur nasional: Hari Raya Natal"
    assert listed["pendaftaran"]["open_on_date"] is True
    assert listed["pendaftaran"]["closed_reason"] is None
    assert listed["pendaftaran"]["bookable_today"] is True
    assert listed["pendaftaran"]["bookable_reason"] is None


def test_cuti_bersama_closes_a_facility_unless_it_chooses_otherwise(
        client: Any, clock: FakeClock, calendar_config: None) -> None:
    at(clock, 2026, 12, 21, 8, 0)
    assert refusal(book(client, "2026-12-24")) == (
        409, "closed_on_date", "Cuti Bersama Hari Raya Natal")
    assert book(client, "2026-12-24", facility=CUTI_BUKA.code).status_code == 201
    assert refusal(book(client, "2026-12-25", facility=CUTI_BUKA.code))[1] == "closed_on_date"
    assert services(client, CUTI_BUKA.code, "2026-12-24")["umum"]["open_on_date"] is True


def test_city_facility_and_service_closures_carry_their_reasons(
        client: Any, city_closure: None) -> None:
    assert refusal(book(client, "2026-11-25")) == (409, "closed_on_date", "Tutup: Fogging gedung")
    assert refusal(book(client, "2026-11-26", "gigi")) == (
        409, "closed_on_date", "Tutup: Dokter gigi pelatihan")
    assert book(client, "2026-11-26", "umum").status_code == 201
    city = (409, "closed_on_date", "Tutup: Rapat kerja Dinas Kesehatan")
    assert refusal(book(client, "2026-11-30", "gigi")) == city
    assert refusal(book(client, "2026-11-30", "gigi", "pkm-demo")) == city
    # A service open on holidays ignores the city's closure, never its facility's.
    assert book(client, "2026-11-30", "ugd").status_code == 201
    assert book(client, "2026-11-30", "pendaftaran", "pkm-demo").status_code == 201
    fogging = services(client, KALENDER, "2026-11-25")
    assert {s["closed_reason"] for s in fogging.values()} == {"Tutup: Fogging gedung"}
    assert services(client, KALENDER, "2026-11-30")["ugd"]["closed_reason"] is None


def test_special_hours_on_a_date(client: Any, clock: FakeClock, calendar_config: None) -> None:
    special = services(client, KALENDER, "2026-11-27")["umum"]
    assert (special["open_on_date"], special["closed_reason"]) == (
        False, "Tutup: jadwal khusus pada tanggal ini")
    assert refusal(book(client, "2026-11-27"))[:2] == (409, "closed_on_date")
    kiosk = Api(client, CALENDAR.token("kiosk-kal"))
    at(clock, 2026, 11, 24, 10, 0)  # Tuesday: open 07:30-11:00 only
    assert kiosk.post("/api/v1/kiosk/tickets", {"service": "umum"}).status_code == 201
    at(clock, 2026, 11, 24, 11, 30)
    closed = kiosk.post("/api/v1/kiosk/tickets", {"service": "umum"})
    assert refusal(closed)[:2] == (409, "service_closed")
    assert refusal(book(client, "2026-11-24"))[1] == "booking_closed_today"
    home = {s["code"]: s for s in kiosk.get("/api/v1/kiosk/services").get_json()["services"]}
    # Wednesday 25 is the facility's fogging day: the kiosk says Thursday.
    assert (home["umum"]["open_now"], home["umum"]["opens_at"]) == (
        False, "2026-11-26T07:30:00+07:00")


def test_a_walk_in_on_a_holiday_is_refused_and_the_kiosk_says_why(kiosk: Api,
                                                                  clock: FakeClock) -> None:
    at(clock, 2026, 12, 25, 9, 0)
    assert refusal(kiosk.post("/api/v1/kiosk/tickets", {"service": "gigi"})) == (
        409, "closed_on_date", "Libur nasional: Hari Raya Natal")
    assert kiosk.post("/api/v1/kiosk/tickets", {"service": "pendaftaran"}).status_code == 201
    home = {s["code"]: s for s in kiosk.get("/api/v1/kiosk/services").get_json()["services"]}
    assert home["gigi"]["open_now"] is False
    assert home["gigi"]["closed_reason"] == "Libur nasional: Hari Raya Natal"
    assert home["gigi"]["opens_at"] == "2026-12-26T00:00:00+07:00"
    assert home["pendaftaran"]["open_now"] and home["pendaftaran"]["opens_at"] is None
    at(clock, 2026, 12, 24, 9, 0)  # cuti bersama: the 24th and the 25th are skipped
    home = {s["code"]: s for s in kiosk.get("/api/v1/kiosk/services").get_json()["services"]}
    assert home["gigi"]["closed_reason"] == "Cuti Bersama Hari Raya Natal"
    assert home["gigi"]["opens_at"] == "2026-12-26T00:00:00+07:00"


def test_a_booking_for_today_after_closing_is_refused(client: Any, clock: FakeClock,
                                                      calendar_config: None) -> None:
    """Issue 12: booked at 16:00 for a service that closed at 14:30, then checked in."""
    at(clock, 2026, 11, 23, 16, 0)
    status, code, message = refusal(book(client, "2026-11-23"))
    assert (status, code) == (409, "booking_closed_today") and "14:30" in message
    today = services(client, KALENDER, "2026-11-23")
    assert today["umum"]["bookable_today"] is False and "14:30" in today["umum"][
        "bookable_reason"]
    assert today["umum"]["open_on_date"] is True  # open that day, but not any more
    assert today["ugd"]["bookable_today"] is True
    assert book(client, "2026-11-23", "ugd").status_code == 201
    assert services(client, KALENDER, "2026-11-26")["umum"]["bookable_today"] is True
    assert book(client, "2026-11-26").status_code == 201


def test_the_default_cutoff_leaves_time_to_serve_the_queue(client: Any, admin: Api,
                                                           clock: FakeClock,
                                                           calendar_config: None) -> None:
    """Ten waiting, 6 minutes each, one counter: the last booking for today at 13:30."""
    at(clock, 2026, 11, 23, 13, 0)
    for _ in range(10):
        reply = admin.post(f"/api/v1/kiosk/tickets?facility={KALENDER}",
                           {"service": "umum"})
        assert reply.status_code == 201, reply.get_json()
    assert book(client, "2026-11-23").status_code == 201
    at(clock, 2026, 11, 23, 13, 31)
    status, code, message = refusal(book(client, "2026-11-23", lang="en"))
    assert (status, code) == (409, "booking_closed_today")
    assert "60 min" in message and "14:30" in message
    listed = services(client, KALENDER)["umum"]
    assert listed["bookable_today"] is False and "60 menit" in listed["bookable_reason"]


def test_a_configured_cutoff(client: Any, clock: FakeClock, calendar_config: None) -> None:
    at(clock, 2026, 11, 23, 10, 59)
    assert book(client, "2026-11-23", "gigi").status_code == 201
    at(clock, 2026, 11, 23, 11, 0)
    status, code, message = refusal(book(client, "2026-11-23", "gigi"))
    assert (status, code) == (409, "booking_closed_today") and "11:00" in message
    assert services(client, KALENDER)["gigi"]["bookable_reason"] == message


def test_the_services_list_for_a_future_open_date_is_bookable(client: Any) -> None:
    listed = services(client, "pkm-demo", date(2026, 11, 24).isoformat())
    assert all(s["open_on_date"] and s["bookable_today"] for s in listed.values())
    assert all(s["closed_reason"] is None and s["bookable_reason"] is None
               for s in listed.values())
