"""The outbox's sending half (bpjs/sender.py) against the fake BPJS: a whole visit in
order, retries with back-off while BPJS fails, 208 on a resend, an ordering refusal,
a counter never blocked by a send, no personal data in the log lines."""

from __future__ import annotations

import logging
import random
import threading
from datetime import timedelta
from typing import Any

from sqlalchemy import select, update

from queue_server.eservices.bpjs.models import BpjsCall
from queue_server.eservices.bpjs.outbox import read_history
from queue_server.eservices.bpjs.sender import send_round
from tests.conftest import Api
from tests.integration.test_bpjs_outbox import act, calls, rt, whole_visit
from tests.support import factories
from tests.support.bpjs import setup_bpjs
from tests.support.fake_bpjs import FakeBpjs
from tests.support.servers import wait_until


def round_(app: Any, fake: FakeBpjs, rng: random.Random | None = None,
           **options: Any) -> Any:
    read_history(rt(app).uow, rt(app).clock)
    return send_round(rt(app).uow, rt(app).clock, fake.client(timeout=5.0), rng=rng,
                      **options)


def received(fake: FakeBpjs) -> list[tuple[str, Any, int | None]]:
    """What the fake was sent and answered: (path, taskid, code), failures with None."""
    return [(c["path"].rsplit("/", 1)[-1], (c.get("body") or {}).get("taskid"),
             None if c.get("failed") else c.get("code")) for c in fake.calls()]


def row(app: Any, kind: str, taskid: int = 0) -> BpjsCall:
    with rt(app).uow() as uow:
        return uow.session.scalars(select(BpjsCall).where(
            BpjsCall.kind == kind, BpjsCall.taskid == taskid)).one()


def test_a_whole_visit_is_accepted_in_order(app: Any, kiosk: Api, staff: Api, clock: Any,
                                            fake_bpjs: FakeBpjs) -> None:
    setup_bpjs(app)
    code = whole_visit(kiosk, staff, clock)
    report = round_(app, fake_bpjs)
    assert (report.sent, report.done) == (8, 8)
    assert received(fake_bpjs) == [("add", None, 200)] + [
        ("updatewaktu", t, 200) for t in range(1, 8)]
    assert all(status == "done" for *_, status in calls(app))
    added = fake_bpjs.calls()[0]["body"]
    assert (added["kodebooking"], added["jenispasien"], added["kodepoli"]) == (
        code, "NON JKN", "UMU")
    assert added["nomorkartu"] == added["nik"] == "-"
    assert added["nomorantrean"] and added["angkaantrean"] == 1


def test_the_first_retry_waits_as_long_as_the_deployment_says(
        app: Any, kiosk: Api, clock: Any, fake_bpjs: FakeBpjs) -> None:
    """ANTRIAN_BPJS_RETRY_FIRST_SECONDS (BPJS_RETRY_FIRST_SECONDS): the first wait after
    a failure, then twice as long each time (±20 %)."""
    setup_bpjs(app)
    kiosk.ticket("umum")
    fake_bpjs.fail(2, 503)
    rng = random.Random(7)
    assert round_(app, fake_bpjs, rng, first_retry=60).retried == 1
    assert timedelta(seconds=48) <= row(app, "add").next_at - clock.now() <= timedelta(
        seconds=72)
    clock.advance(seconds=73)
    assert round_(app, fake_bpjs, rng, first_retry=60).retried == 1
    assert timedelta(seconds=96) <= row(app, "add").next_at - clock.now() <= timedelta(
        seconds=144)


def test_retries_with_back_off_while_bpjs_fails_then_no_duplicate(
        app: Any, kiosk: Api, clock: Any, fake_bpjs: FakeBpjs) -> None:
    setup_bpjs(app)
    kiosk.ticket("umum")
    fake_bpjs.fail(2, 503)
    rng = random.Random(7)
    first = round_(app, fake_bpjs, rng)
    assert (first.sent, first.retried) == (1, 1)  # task 3 waits behind the add
    add = row(app, "add")
    assert (add.status, add.attempts) == ("pending", 1)
    assert timedelta(seconds=8) <= add.next_at - clock.now() <= timedelta(seconds=12)
    assert round_(app, fake_bpjs, rng).sent == 0  # not due yet
    clock.advance(seconds=13)
    assert round_(app, fake_bpjs, rng).retried == 1
    add = row(app, "add")
    assert add.attempts == 2
    assert timedelta(seconds=16) <= add.next_at - clock.now() <= timedelta(seconds=24)
    clock.advance(seconds=25)
    assert round_(app, fake_bpjs, rng).done == 2
    assert [r for r in received(fake_bpjs) if r[2] is not None] == [
        ("add", None, 200), ("updatewaktu", 3, 200)]
    assert row(app, "add").attempts == 3


def test_a_resend_answered_208_is_done(app: Any, kiosk: Api, fake_bpjs: FakeBpjs) -> None:
    setup_bpjs(app)
    kiosk.ticket("umum")
    round_(app, fake_bpjs)
    with rt(app).uow() as uow:  # as if the answer had been lost on the way back
        uow.session.execute(update(BpjsCall).values(status="pending", done_at=None))
        uow.commit()
    report = round_(app, fake_bpjs)
    assert (report.sent, report.done) == (2, 2)
    assert [code for *_, code in received(fake_bpjs)] == [200, 200, 208, 208]
    assert row(app, "task", 3).last_code == 208


def test_an_ordering_refusal_settles_the_lower_tasks(app: Any, kiosk: Api, staff: Api,
                                                     clock: Any, fake_bpjs: FakeBpjs) -> None:
    setup_bpjs(app)
    kiosk.ticket("umum")
    act(staff, clock, ("poli-umum", "call-next", None), ("poli-umum", "start", None))
    round_(app, fake_bpjs)  # add, 3, 4 accepted
    with rt(app).uow() as uow:  # a lower task queued late (e.g. a desk's history)
        four = uow.session.scalars(select(BpjsCall).where(BpjsCall.taskid == 4)).one()
        uow.session.add(BpjsCall(
            visit_id=four.visit_id, facility_id=four.facility_id,
            kodebooking=four.kodebooking, kind="task", taskid=2,
            waktu_ms=int(four.waktu_ms or 0) - 60_000, status="pending",
            next_at=clock.now(), created_at=clock.now()))
        uow.commit()
    assert send_round(rt(app).uow, rt(app).clock, fake_bpjs.client()).done == 1
    two = row(app, "task", 2)
    assert (two.status, two.last_code) == ("done", 201)
    assert "TaskId terakhir 4" in two.last_message


def test_a_counter_is_answered_while_a_send_is_held(app: Any, kiosk: Api, staff: Api,
                                                    fake_bpjs: FakeBpjs) -> None:
    setup_bpjs(app)
    kiosk.ticket("umum")
    kiosk.ticket("umum")
    fake_bpjs.hold()
    sender = threading.Thread(target=round_, args=(app, fake_bpjs))
    sender.start()
    try:
        wait_until(lambda: fake_bpjs.waiting() == 1, timeout=10, what="a held send")
        reply = staff.act("poli-umum", "call-next")
        assert reply.status_code == 200, reply.get_json()
        assert fake_bpjs.waiting() == 1  # the send is still held
    finally:
        fake_bpjs.release()
        sender.join(20)
    assert not sender.is_alive()


def test_no_personal_data_in_the_log_lines_of_a_round(
        app: Any, client: Any, kiosk: Api, staff: Api, clock: Any, fake_bpjs: FakeBpjs,
        caplog: Any) -> None:
    setup_bpjs(app)
    card, phone = "0001234567890", "081298765432"
    booked = factories.book(client, bpjs_number=card, phone=phone, name="Rahayu Kusuma")
    kiosk.post(f"/api/v1/bookings/{booked['code']}/check-in")
    act(staff, clock, ("poli-umum", "call-next", None), ("poli-umum", "finish", None))
    fake_bpjs.fail(1, 500)
    with caplog.at_level(logging.DEBUG):
        round_(app, fake_bpjs)
        clock.advance(minutes=1)
        round_(app, fake_bpjs)
    assert "bpjs sender" in caplog.text
    added = next(c["body"] for c in fake_bpjs.calls() if c["path"].endswith("add")
                 and not c.get("failed"))
    assert added["nomorkartu"] == card and added["nohp"] == phone
    for secret in (card, phone[1:], factories.nik(1), "Rahayu", booked["code"]):
        assert secret not in caplog.text


def test_two_rounds_at_once_never_send_a_call_twice(app: Any, kiosk: Api,
                                                    fake_bpjs: FakeBpjs) -> None:
    setup_bpjs(app)
    kiosk.ticket("umum")
    read_history(rt(app).uow, rt(app).clock)
    fake_bpjs.hold()
    first = threading.Thread(target=send_round,
                             args=(rt(app).uow, rt(app).clock, fake_bpjs.client()))
    first.start()
    try:
        wait_until(lambda: fake_bpjs.waiting() == 1, timeout=10, what="a held send")
        second = send_round(rt(app).uow, rt(app).clock, fake_bpjs.client())
        assert second.sent == 0  # every due call is leased by the first round
    finally:
        fake_bpjs.release()
        first.join(20)
    assert received(fake_bpjs) == [("add", None, 200), ("updatewaktu", 3, 200)]


def test_a_changed_time_of_a_task_not_sent_is_corrected(app: Any, kiosk: Api, staff: Api,
                                                        clock: Any) -> None:
    setup_bpjs(app)
    kiosk.ticket("umum")
    read_history(rt(app).uow, rt(app).clock)
    right = row(app, "task", 3).waktu_ms
    with rt(app).uow() as uow:
        uow.session.execute(update(BpjsCall).where(BpjsCall.taskid == 3)
                            .values(waktu_ms=1))
        uow.commit()
    act(staff, clock, ("poli-umum", "call-next", None))  # the visit is touched again
    assert read_history(rt(app).uow, rt(app).clock) == 1
    assert row(app, "task", 3).waktu_ms == right
