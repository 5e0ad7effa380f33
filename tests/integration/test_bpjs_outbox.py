"""The outbox's reading half (bpjs/outbox.py): a visit's ticket history → the calls to
BPJS in order, once; the cursor shared by two server processes."""

from __future__ import annotations

import threading
from typing import Any

from sqlalchemy import select

from queue_server.eservices.bpjs.models import BpjsBooking, BpjsCall, BpjsCursor
from queue_server.eservices.bpjs.outbox import read_history
from queue_server.persistence.models import Visit
from tests.conftest import Api
from tests.support import factories
from tests.support.bpjs import setup_bpjs


def rt(app: Any) -> Any:
    return app.extensions["antrian"]


def read(app: Any) -> int:
    return read_history(rt(app).uow, rt(app).clock)


def calls(app: Any) -> list[tuple[str, int, str]]:
    """Every queued call as (kind, taskid, status), oldest first."""
    with rt(app).uow() as uow:
        rows = uow.session.scalars(select(BpjsCall).order_by(BpjsCall.id)).all()
        return [(c.kind, c.taskid, c.status) for c in rows]


def act(staff: Api, clock: Any, *steps: tuple[str, str, Any]) -> None:
    for counter, action, body in steps:
        clock.advance(minutes=3)
        reply = staff.act(counter, action, body)
        assert reply.status_code == 200, reply.get_json()


def whole_visit(kiosk: Api, staff: Api, clock: Any) -> str:
    """A walk-in through registration → Poli Umum → pharmacy; the visit's code."""
    code = str(kiosk.ticket("pendaftaran")["code"])
    act(staff, clock, ("loket-1", "call-next", None),
        ("loket-1", "finish", {"transfer_to": "umum"}))
    act(staff, clock, ("poli-umum", "call-next", None), ("poli-umum", "start", None),
        ("poli-umum", "finish", {"transfer_to": "apotek"}))
    act(staff, clock, ("apotek", "call-next", None), ("apotek", "finish", None))
    return code


def test_a_whole_visit_becomes_add_then_tasks_1_to_7(app: Any, kiosk: Api, staff: Api,
                                                     clock: Any) -> None:
    setup_bpjs(app)
    code = whole_visit(kiosk, staff, clock)
    assert read(app) == 8
    assert calls(app) == [("add", 0, "pending")] + [("task", t, "pending")
                                                     for t in range(1, 8)]
    with rt(app).uow() as uow:
        booking = uow.session.scalars(select(BpjsBooking)).one()
        times = [c.waktu_ms for c in uow.session.scalars(
            select(BpjsCall).where(BpjsCall.kind == "task").order_by(BpjsCall.taskid))]
    assert (booking.kodebooking, booking.source, booking.kodepoli, booking.jenispasien) == (
        code, "local", "UMU", "NON JKN")
    assert times == sorted(set(times))  # strictly increasing
    assert times[1] - times[0] == 3 * 60_000  # called three minutes after arrival


def test_reading_again_adds_nothing_and_a_later_step_adds_its_task(
        app: Any, kiosk: Api, staff: Api, clock: Any) -> None:
    setup_bpjs(app)
    kiosk.ticket("umum")
    assert read(app) == 2  # add, task 3 (arrival straight at the poli)
    assert read(app) == 0
    act(staff, clock, ("poli-umum", "call-next", None), ("poli-umum", "recall", None),
        ("poli-umum", "start", None))
    assert read(app) == 1
    assert calls(app) == [("add", 0, "pending"), ("task", 3, "pending"),
                          ("task", 4, "pending")]
    assert read(app) == 0


def test_a_booking_with_a_card_is_jkn_and_its_cancel_is_batal_then_99(
        app: Any, client: Any, clock: Any) -> None:
    setup_bpjs(app)
    booked = factories.book(client, bpjs_number="0001234567890")
    assert read(app) == 1  # add only: not arrived yet
    clock.advance(minutes=5)
    reply = client.post(f"/api/v1/bookings/{booked['code']}/cancel")
    assert reply.status_code == 200, reply.get_json()
    read(app)
    assert calls(app) == [("add", 0, "pending"), ("batal", 0, "pending"),
                          ("task", 99, "pending")]
    with rt(app).uow() as uow:
        assert uow.session.scalars(select(BpjsBooking.jenispasien)).one() == "JKN"


def test_a_mobile_jkn_booking_gets_no_add(app: Any, client: Any, kiosk: Api) -> None:
    setup = setup_bpjs(app)
    booked = factories.book(client)
    with rt(app).uow() as uow:  # as the hosted service writes it, with the booking
        visit = uow.session.scalars(select(Visit).where(Visit.code == booked["code"])).one()
        uow.session.add(BpjsBooking(
            visit_id=visit.id, facility_id=setup.facility_id, service_id=setup.polis["UMU"],
            kodebooking=visit.code, source="mjkn", kodepoli="UMU", tanggalperiksa=visit.day,
            created_at=visit.created_at))
        uow.commit()
    reply = kiosk.post(f"/api/v1/bookings/{booked['code']}/check-in")
    assert reply.status_code == 200, reply.get_json()
    read(app)
    assert calls(app) == [("task", 3, "pending")]


def test_visits_of_facilities_not_reporting_and_unmapped_services_are_passed_over(
        app: Any, kiosk: Api) -> None:
    kiosk.ticket("umum")  # no BPJS setup at all
    assert read(app) == 0
    setup_bpjs(app)
    kiosk.ticket("lab")  # the lab is not a poli: no booking, no call
    assert read(app) == 0
    with rt(app).uow() as uow:
        cursor = uow.session.get(BpjsCursor, 1)
        assert cursor is not None and cursor.last_event_id > 0


def test_two_rounds_racing_read_each_event_once(app: Any, kiosk: Api) -> None:
    setup_bpjs(app)
    for _ in range(6):
        kiosk.ticket("umum")
    results: list[int] = []
    start = threading.Barrier(2)

    def round_() -> None:
        start.wait()
        results.append(read(app))

    threads = [threading.Thread(target=round_) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(results) == [0, 12]
    assert len(calls(app)) == 12
