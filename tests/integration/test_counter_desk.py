"""Desk routes: call a given number, change a priority with who and why, list devices."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import text

from tests.conftest import Api, login
from tests.support import factories, sites
from tests.support.clock import FakeClock

OTHER = sites.other()


@pytest.fixture
def other_facility(engine: Any) -> None:
    OTHER.load(engine)


@pytest.fixture
def other_staff(client: Any, other_facility: None) -> Api:
    return Api(client, login(client, OTHER.username("petugas"), factories.PASSWORD))


def error_of(reply: Any, status: int) -> dict[str, Any]:
    assert reply.status_code == status, reply.get_json()
    error = reply.get_json()["error"]
    assert error["message"] and "Traceback" not in error["message"]
    return error


# --- call a given number --------------------------------------------------------------


def test_call_number_calls_that_patient_and_finishes_the_current_one(
    kiosk: Api, staff: Api, engine: Any
) -> None:
    for _ in range(4):
        kiosk.ticket()
    staff.act("loket-1", "call-next")
    reply = staff.act("loket-1", "call-number", {"number": "a3", "expected_current": "A-001"})
    assert reply.status_code == 200
    called = reply.get_json()
    assert called["number"] == "A-003" and called["status"] == "called"
    assert called["counter"]["code"] == "loket-1"
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT e.kind, t.number, e.data FROM ticket_events e JOIN "
                                 "tickets t ON t.id = e.ticket_id WHERE e.kind IN "
                                 "('finished', 'called') ORDER BY e.id")).all()
    assert [(k, n) for k, n, _ in rows] == [("called", "A-001"), ("finished", "A-001"),
                                            ("called", "A-003")]
    # The queue goes on in its own order around the patient called out of turn.
    assert staff.act("loket-1", "call-next").get_json()["number"] == "A-002"


@pytest.mark.parametrize(("number", "code"), [("xyz", "invalid_number"), ("", "invalid_number"),
                                              ("A-0", "invalid_number")])
def test_call_number_with_something_that_is_not_a_number_is_422(
    staff: Api, number: str, code: str
) -> None:
    error = error_of(staff.act("loket-1", "call-number", {"number": number}), 422)
    assert error["code"] == code and "A-012" in error["message"]


def test_call_number_without_a_number_is_422_naming_the_field(staff: Api) -> None:
    error = error_of(staff.act("loket-1", "call-number", {}), 422)
    assert error["code"] == "invalid_body" and "number" in error["fields"]


def test_call_number_of_a_number_not_in_the_counters_queue_is_404(kiosk: Api, staff: Api) -> None:
    kiosk.ticket()
    kiosk.ticket("umum")  # B-001: not a service of loket-1
    assert error_of(staff.act("loket-1", "call-number", {"number": "A-009"}),
                    404)["code"] == "ticket_not_found"
    error = error_of(staff.act("loket-1", "call-number", {"number": "B-001"}), 404)
    assert error["code"] == "ticket_not_found" and "Loket 1" in error["message"]


def test_call_number_of_a_patient_called_elsewhere_is_409_and_says_so(
    kiosk: Api, staff: Api
) -> None:
    kiosk.ticket()
    staff.act("loket-2", "call-next")
    error = error_of(staff.act("loket-1", "call-number", {"number": "A-001"}), 409)
    assert error["code"] == "invalid_transition" and "dipanggil" in error["message"]


def test_call_number_at_a_paused_counter_is_409(kiosk: Api, staff: Api) -> None:
    kiosk.ticket()
    staff.act("loket-1", "pause")
    assert error_of(staff.act("loket-1", "call-number", {"number": "A-001"}),
                    409)["code"] == "counter_paused"


def test_call_number_at_another_facility_is_403(kiosk: Api, other_staff: Api) -> None:
    kiosk.ticket()
    reply = other_staff.act("loket-1", "call-number?facility=pkm-demo", {"number": "A-001"})
    assert error_of(reply, 403)["code"] == "wrong_facility"
    # Their own loket-1 has no A-001 today.
    assert error_of(other_staff.act("loket-1", "call-number", {"number": "A-001"}),
                    404)["code"] == "ticket_not_found"


def test_call_number_needs_staff(client: Any, kiosk: Api) -> None:
    assert Api(client).act("loket-1", "call-number", {"number": "A-001"}).status_code == 401
    assert error_of(kiosk.act("loket-1", "call-number", {"number": "A-001"}),
                    403)["code"] == "forbidden"


# --- change a priority ----------------------------------------------------------------


def test_a_priority_change_reorders_the_queue_and_is_recorded_with_who_and_why(
    kiosk: Api, staff: Api, engine: Any, clock: FakeClock
) -> None:
    kiosk.ticket()
    clock.advance(minutes=5)
    kiosk.ticket()
    reply = staff.act("loket-1", "priority", {"number": "A-002", "priority": "elderly",
                                              "reason": "  lansia   72 tahun "})
    assert reply.status_code == 200
    assert reply.get_json()["priority"] == "elderly" and reply.get_json()["people_ahead"] == 0
    with engine.connect() as conn:
        kind, actor, counter, data = conn.execute(text(
            "SELECT e.kind, e.actor, c.code, e.data FROM ticket_events e "
            "JOIN counters c ON c.id = e.counter_id WHERE e.kind = 'priority_changed'")).one()
    data = data if isinstance(data, dict) else __import__("json").loads(data)
    assert (kind, actor, counter) == ("priority_changed", "staff:petugas", "loket-1")
    assert data == {"number": "A-002", "from": "regular", "to": "elderly",
                    "reason": "lansia 72 tahun"}
    # Waiting 5 minutes less but with a 20-minute head start: called first.
    assert staff.act("loket-1", "call-next").get_json()["number"] == "A-002"


def test_a_changed_priority_goes_with_the_patient_to_the_next_station(
    kiosk: Api, staff: Api
) -> None:
    kiosk.ticket()
    staff.act("loket-1", "call-next")
    staff.act("loket-1", "priority", {"number": "A-001", "priority": "pregnant",
                                      "reason": "hamil 7 bulan"})
    sent = staff.act("loket-1", "finish", {"transfer_to": "kia"}).get_json()
    assert sent["transferred_to"]["priority"] == "pregnant"


@pytest.mark.parametrize(("body", "code"), [
    ({"number": "A-001", "priority": "elderly", "reason": " "}, "reason_required"),
    ({"number": "A-001", "priority": "vip", "reason": "tamu penting"}, "invalid_priority"),
    ({"number": "?", "priority": "elderly", "reason": "lansia 80"}, "invalid_number"),
    ({"number": "A-001", "priority": "elderly"}, "invalid_body"),
])
def test_a_priority_change_with_bad_input_is_422_saying_what_to_fix(
    kiosk: Api, staff: Api, body: dict, code: str
) -> None:
    kiosk.ticket()
    assert error_of(staff.act("loket-1", "priority", body), 422)["code"] == code


def test_a_priority_change_that_changes_nothing_or_comes_too_late_is_409(
    kiosk: Api, staff: Api
) -> None:
    kiosk.ticket(priority="elderly")
    body = {"number": "A-001", "priority": "elderly", "reason": "lansia 80"}
    assert error_of(staff.act("loket-1", "priority", body), 409)["code"] == "priority_unchanged"
    staff.act("loket-1", "call-next")
    staff.act("loket-1", "finish")
    body["priority"] = "regular"
    assert error_of(staff.act("loket-1", "priority", body), 409)["code"] == "ticket_closed"
    body["number"] = "A-002"
    assert error_of(staff.act("loket-1", "priority", body), 404)["code"] == "ticket_not_found"


def test_a_priority_change_at_another_facility_is_403(kiosk: Api, other_staff: Api) -> None:
    kiosk.ticket()
    reply = other_staff.act("loket-1", "priority?facility=pkm-demo",
                            {"number": "A-001", "priority": "elderly", "reason": "lansia 80"})
    assert error_of(reply, 403)["code"] == "wrong_facility"


# --- devices --------------------------------------------------------------------------


@pytest.fixture
def devices_never_seen(engine: Any) -> None:
    """Devices are configuration, kept between tests: forget what earlier tests reported."""
    with engine.begin() as conn:
        conn.execute(text("UPDATE devices SET last_seen_at = NULL, status = :s"), {"s": "{}"})


def heartbeat(kiosk: Api, **status: Any) -> None:
    assert kiosk.post("/api/v1/kiosk/heartbeat", status).status_code == 200


def test_devices_show_online_last_seen_and_the_printer(kiosk: Api, staff: Api,
                                                       clock: FakeClock,
                                                       devices_never_seen: None) -> None:
    heartbeat(kiosk, printer="online", paper="low", jobs_waiting=1)
    clock.advance(seconds=59)
    reply = staff.get("/api/v1/devices")
    assert reply.status_code == 200
    listing = reply.get_json()
    assert listing["facility"]["code"] == "pkm-demo" and listing["offline_after_seconds"] == 60
    display, kiosk_1 = listing["devices"]  # by code
    assert kiosk_1["code"] == "kiosk-1" and kiosk_1["kind"] == "kiosk"
    assert kiosk_1["online"] is True and kiosk_1["last_seen"] == "2026-11-23T08:00:00+07:00"
    assert kiosk_1["printer"]["paper"] == "low" and kiosk_1["printer"]["jobs_waiting"] == 1
    assert display["code"] == "display-1" and display["kind"] == "display"
    assert display["online"] is False and display["last_seen"] is None
    assert display["printer"] is None
    clock.advance(seconds=2)  # two heartbeats missed
    kiosk_1 = staff.get("/api/v1/devices").get_json()["devices"][1]
    assert kiosk_1["online"] is False and kiosk_1["last_seen"] == "2026-11-23T08:00:00+07:00"


def test_devices_of_another_facility_are_refused(staff: Api, other_facility: None) -> None:
    refused = staff.get(f"/api/v1/devices?facility={OTHER.code}")
    assert error_of(refused, 403)["code"] == "wrong_facility"
    assert error_of(staff.get("/api/v1/devices?facility=nowhere"), 404)["code"] == \
        "facility_not_found"


def test_an_admin_names_the_facility_of_the_devices(admin: Api, other_facility: None) -> None:
    assert error_of(admin.get("/api/v1/devices"), 422)["code"] == "facility_required"
    codes = [d["code"] for d in admin.get(f"/api/v1/devices?facility={OTHER.code}")
             .get_json()["devices"]]
    assert codes == ["kiosk-lain", "tv"]


def test_devices_need_staff(client: Any, kiosk: Api) -> None:
    assert Api(client).get("/api/v1/devices").status_code == 401
    assert error_of(kiosk.get("/api/v1/devices"), 403)["code"] == "forbidden"
