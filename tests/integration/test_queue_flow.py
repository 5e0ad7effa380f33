"""A patient's day: numbering by Jakarta day, call order, transfers and the history rows."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import text

from tests.conftest import Api, login
from tests.support.clock import WIB, FakeClock
from tests.support.factories import PASSWORD, counter, facility, service

SHARED_ROOM = facility("pkm-kecil", services=[service("umum", "B"), service("gigi", "C")],
                       counters=[counter("ruang-1", ["umum", "gigi"])], users=["dokter"])


def test_numbers_restart_at_midnight_in_jakarta(kiosk: Api, clock: FakeClock) -> None:
    clock.set(datetime(2026, 11, 23, 23, 58, tzinfo=WIB))
    assert [kiosk.ticket()["number"] for _ in range(2)] == ["A-001", "A-002"]
    clock.advance(minutes=3)  # 00:01 WIB, still 17:01 UTC on the 23rd
    third = kiosk.ticket()
    assert third["number"] == "A-001" and third["date"] == "2026-11-24"


def test_patients_from_before_midnight_are_still_called_first(kiosk: Api, client: Any,
                                                              clock: FakeClock) -> None:
    clock.set(datetime(2026, 11, 23, 23, 50, tzinfo=WIB))
    staff = Api(client, login(client, "petugas"))
    kiosk.ticket()
    clock.advance(minutes=20)
    kiosk.ticket()
    called = staff.act("loket-1", "call-next").get_json()
    assert (called["number"], called["date"]) == ("A-001", "2026-11-23")
    assert staff.act("loket-1", "call-next").get_json()["date"] == "2026-11-24"


def test_priority_first_but_a_long_wait_is_not_overtaken(kiosk: Api, staff: Api,
                                                         clock: FakeClock) -> None:
    kiosk.ticket()                              # A-001 regular, 08:00
    clock.advance(minutes=1)
    kiosk.ticket(priority="elderly")            # A-002 lansia, 08:01
    assert staff.act("loket-1", "call-next").get_json()["number"] == "A-002"
    clock.advance(minutes=30)
    kiosk.ticket(priority="pregnant")           # A-003 ibu hamil, 08:31: A-001 waited 31 min
    assert staff.act("loket-1", "call-next").get_json()["number"] == "A-001"
    assert staff.act("loket-1", "call-next").get_json()["number"] == "A-003"


def test_an_emergency_is_called_before_everyone(kiosk: Api, staff: Api, clock: FakeClock) -> None:
    kiosk.ticket()
    clock.advance(hours=2)
    kiosk.ticket(priority="emergency")
    assert staff.act("loket-1", "call-next").get_json()["number"] == "A-002"


def test_a_counter_serves_its_own_service_before_helping_others(client: Any, engine: Any) -> None:
    SHARED_ROOM.load(engine)
    staff = Api(client, login(client, SHARED_ROOM.username("dokter"), PASSWORD))
    hand = f"/api/v1/kiosk/tickets?facility={SHARED_ROOM.code}"
    staff.post(hand, {"service": "gigi"})
    staff.post(hand, {"service": "umum"})
    assert staff.act("ruang-1", "call-next").get_json()["number"] == "B-001"
    assert staff.act("ruang-1", "call-next").get_json()["number"] == "C-001"


def test_transfer_keeps_the_visit_code_and_priority_in_the_next_queue(
    kiosk: Api, client: Any, engine: Any
) -> None:
    staff = Api(client, login(client, "petugas"))
    ticket = kiosk.ticket(priority="child")
    staff.act("loket-1", "call-next")
    staff.act("loket-1", "start")
    done = staff.act("loket-1", "finish", {"transfer_to": "umum"}).get_json()
    assert done["status"] == "done"
    moved = done["transferred_to"]
    assert (moved["number"], moved["code"], moved["priority"], moved["status"]) == (
        "B-001", ticket["code"], "child", "waiting")
    at_poli = staff.act("poli-umum", "call-next").get_json()
    assert at_poli["code"] == ticket["code"] and at_poli["number"] == "B-001"
    on = staff.act("poli-umum", "finish", {"transfer_to": "apotek"}).get_json()
    assert on["transferred_to"]["number"] == "F-001"
    with engine.connect() as conn:
        rows = conn.execute(text(
            "SELECT t.number, t.status FROM tickets t JOIN visits v ON v.id = t.visit_id "
            "WHERE v.code = :c ORDER BY t.id"), {"c": ticket["code"]}).all()
    assert [tuple(r) for r in rows] == [("A-001", "done"), ("B-001", "done"),
                                        ("F-001", "waiting")]


def test_transfer_to_the_same_service_is_refused(kiosk: Api, staff: Api) -> None:
    kiosk.ticket()
    staff.act("loket-1", "call-next")
    reply = staff.act("loket-1", "finish", {"transfer_to": "pendaftaran"})
    assert reply.status_code == 422 and reply.get_json()["error"]["code"] == "invalid_transfer"


def test_every_change_appends_a_history_row_with_actor_and_time(
    kiosk: Api, staff: Api, engine: Any, clock: FakeClock
) -> None:
    kiosk.ticket()
    for action in ("call-next", "recall", "start", "finish"):
        clock.advance(minutes=1)
        assert staff.act("loket-1", action).status_code == 200
    with engine.connect() as conn:
        rows = conn.execute(text(
            "SELECT kind, actor, at FROM ticket_events ORDER BY id")).all()
    assert [r.kind for r in rows] == ["issued", "called", "recalled", "started", "finished"]
    assert rows[0].actor == "device:kiosk-1"
    assert {r.actor for r in rows[1:]} == {"staff:petugas"}
    times = [r.at for r in rows]
    assert times == sorted(times) and len(set(times)) == 5


def test_estimates_learn_from_observed_service_times(kiosk: Api, staff: Api,
                                                     clock: FakeClock) -> None:
    def per_patient() -> float:
        services = staff.get("/api/v1/facilities/pkm-demo/services").get_json()
        return services[0]["minutes_per_patient"]

    assert per_patient() == 2.0  # the configured average, before any history
    for _ in range(10):
        kiosk.ticket()
    for _ in range(10):
        staff.act("loket-1", "call-next")
        clock.advance(minutes=6)
        staff.act("loket-1", "finish")
    assert per_patient() > 4.5
    kiosk.ticket()
    waiting = kiosk.ticket()
    assert waiting["people_ahead"] == 1
    eta = datetime.fromisoformat(waiting["estimated_call_at"])
    # One person ahead, two open counters at the desk: about half of ~5 minutes.
    minutes = (eta - clock.now()).total_seconds() / 60
    assert 2.0 < minutes < 3.5
