"""End to end through the fake BPJS: a Mobile JKN booking taken at the hosted service,
checked in there, called and served at the poli, reported by the outbox (tasks only:
Mobile JKN made the antrean at BPJS itself); cancelled through Mobile JKN, task 99."""

from __future__ import annotations

from typing import Any

from queue_server.eservices.bpjs.fake.state import Booking
from queue_server.eservices.bpjs.outbox import read_history
from queue_server.eservices.bpjs.sender import send_round
from tests.conftest import Api
from tests.integration.test_bpjs_outbox import act, calls, rt
from tests.integration.test_bpjs_sender import received
from tests.integration.test_bpjs_ws import TODAY, Jkn, take_body
from tests.support.bpjs import setup_bpjs
from tests.support.fake_bpjs import FakeBpjs


def taken(app: Any, client: Any, fake: FakeBpjs) -> tuple[Jkn, str]:
    """A Mobile JKN booking for today, also known to the fake (as BPJS knows its own)."""
    setup_bpjs(app)
    jkn = Jkn(client)
    code = str(jkn.post("/antrean", take_body(tanggalperiksa=TODAY)).get_json()[
        "response"]["kodebooking"])
    with fake.state.lock:
        fake.state.bookings[code] = Booking(body={"kodebooking": code, "kodepoli": "UMU",
                                                  "tanggalperiksa": TODAY})
    return jkn, code


def sent_round(app: Any, fake: FakeBpjs) -> Any:
    read_history(rt(app).uow, rt(app).clock)
    return send_round(rt(app).uow, rt(app).clock, fake.client())


def test_a_mobile_jkn_booking_is_reported_through_the_fake(
        app: Any, client: Any, staff: Api, clock: Any, fake_bpjs: FakeBpjs) -> None:
    jkn, code = taken(app, client, fake_bpjs)
    assert sent_round(app, fake_bpjs).sent == 0  # booked only: nothing to report
    clock.advance(minutes=5)
    assert jkn.post("/antrean/checkin", {"kodebooking": code}).get_json()[
        "metadata"]["code"] == 200
    act(staff, clock, ("poli-umum", "call-next", None), ("poli-umum", "start", None),
        ("poli-umum", "finish", None))
    assert sent_round(app, fake_bpjs).done == 3
    assert received(fake_bpjs) == [("updatewaktu", 3, 200), ("updatewaktu", 4, 200),
                                   ("updatewaktu", 5, 200)]
    listed = fake_bpjs.client().tasks_of(code).response["list"]
    assert [t["taskid"] for t in listed] == [3, 4, 5]


def test_a_mobile_jkn_cancel_is_task_99_without_batal(
        app: Any, client: Any, fake_bpjs: FakeBpjs) -> None:
    jkn, code = taken(app, client, fake_bpjs)
    assert jkn.post("/antrean/batal", {"kodebooking": code, "keterangan": "sakit"}
                    ).get_json()["metadata"]["code"] == 200
    sent_round(app, fake_bpjs)
    assert calls(app) == [("task", 99, "done")]
    assert received(fake_bpjs) == [("updatewaktu", 99, 200)]
