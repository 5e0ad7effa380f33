"""The fake BPJS plays Mobile JKN (`POST /_fake/mjkn/antrean`): it takes a number at a
live antrian server's hosted services and then knows the booking as BPJS does, so it
accepts the booking's task times; a refusal is passed through and nothing recorded; a
facility that cannot be reached is a 502. Mounted in the demo (`/_fake-bpjs`), the
facility's URL defaults to the app's own address."""

from __future__ import annotations

from typing import Any

import pytest

from queue_server.eservices.bpjs.fake_load import FAKE_PREFIX
from tests.conftest import make_app
from tests.support.bpjs import setup_bpjs
from tests.support.clock import FakeClock
from tests.support.fake_bpjs import FakeBpjs
from tests.support.servers import free_port, serve_in_thread

pytestmark = pytest.mark.sqlite_only("the fake's side; the take itself: test_bpjs_ws.py")

TOMORROW = "2026-11-24"  # FakeClock's day after
WAKTU = 1_795_500_000_000
KEYS = {"BPJS_CONS_ID": "mjkn-cons", "BPJS_SECRET": "mjkn-secret",
        "BPJS_USER_KEY": "mjkn-key"}


def take_body(**extra: Any) -> dict[str, Any]:
    """Mobile JKN's ambil-antrean fields for a member at Poli Umum tomorrow."""
    return {"nomorkartu": "0001234567890", "nik": "3578010101900001",
            "nohp": "081234567890", "kodepoli": "UMU", "norm": "", "tanggalperiksa": TOMORROW,
            "kodedokter": 301001, "jampraktek": "08:00-16:00", "jeniskunjungan": 1,
            "nomorreferensi": "0001R0011125B000001", **extra}


def test_the_fake_takes_a_booking_and_then_accepts_its_task_3(
        app: Any, fake_bpjs: FakeBpjs) -> None:
    setup_bpjs(app)
    with serve_in_thread(app) as base:
        status, answer = fake_bpjs.take(base, take_body())
    assert (status, answer["metadata"]["code"]) == (200, 200), answer
    code = answer["response"]["kodebooking"]
    booking = fake_bpjs.state.bookings[code].body
    assert booking["jenispasien"] == "JKN" and booking["kodepoli"] == "UMU"
    assert booking["nomorantrean"] == answer["response"]["nomorantrean"]
    assert booking["tanggalperiksa"] == TOMORROW
    client = fake_bpjs.client()
    assert client.update_time(code, 3, WAKTU).code == 200
    assert client.update_time(code, 5, WAKTU + 1000).code == 200
    assert client.update_time(code, 4, WAKTU + 2000).code == 201  # in order, as BPJS
    assert client.add({**booking}).code == 208  # as if antrean/add had told it
    assert [c["path"] for c in fake_bpjs.calls()] == ["/antrean/updatewaktu"] * 3 + [
        "/antrean/add"]  # the take itself is a control, not recorded


def test_a_refused_take_is_passed_through_and_records_nothing(
        app: Any, fake_bpjs: FakeBpjs) -> None:
    setup_bpjs(app)
    with serve_in_thread(app) as base:
        status, answer = fake_bpjs.take(base, take_body(kodepoli="XYZ"))
        signed_out = fake_bpjs.take(base, take_body(), password="wrong")
    assert status == 201 and answer["metadata"]["code"] == 201, answer
    assert "response" not in answer
    assert signed_out[0] == 201, signed_out
    assert signed_out[1]["metadata"]["message"] == "Username atau password tidak sesuai."
    assert fake_bpjs.state.bookings == {} and fake_bpjs.calls() == []


def test_an_unreachable_or_missing_facility_is_refused(fake_bpjs: FakeBpjs) -> None:
    status, answer = fake_bpjs.take(f"http://127.0.0.1:{free_port()}", take_body())
    assert status == 502 and answer["error"]["code"] == "bpjs.fake.unreachable", answer
    assert "did not answer" in answer["error"]["message"]
    status, answer = fake_bpjs.take(None, take_body())  # alone, the fake has no default
    assert status == 400 and "facility.url" in answer["error"]["message"], answer
    assert fake_bpjs.state.bookings == {}


def test_mounted_in_the_demo_the_facility_is_the_app_itself(
        engine: Any, clock: FakeClock) -> None:
    app = make_app(engine, clock, BPJS_FAKE=True, **KEYS)
    setup_bpjs(app)
    state = app.blueprints["bpjs_fake"].fake_state
    with serve_in_thread(app) as base:
        mounted = FakeBpjs(base + FAKE_PREFIX, state, KEYS["BPJS_CONS_ID"],
                           KEYS["BPJS_SECRET"], KEYS["BPJS_USER_KEY"])
        status, answer = mounted.take(None, take_body())
        assert (status, answer["metadata"]["code"]) == (200, 200), answer
        code = answer["response"]["kodebooking"]
        client = mounted.client()
        assert client.update_time(code, 3, WAKTU).code == 200
    assert code in state.bookings
