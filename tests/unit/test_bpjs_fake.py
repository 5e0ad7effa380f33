"""The fake BPJS (queue_server/eservices/bpjs/fake) through Flask's test client: its
signature check, the antrean rules BPJS applies, encrypted answers, the dashboard and
the test controls."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from queue_server.eservices.bpjs import crypto
from queue_server.eservices.bpjs.fake import STATE_KEY, create_fake
from queue_server.eservices.bpjs.signature import headers

NOW = 1_796_000_000  # 2026-11-29 ~ 08:53 WIB
DAY = "2026-11-29"
MS = 1000


class Caller:
    """Signed calls to a fake made with a fixed clock."""

    def __init__(self) -> None:
        self.app = create_fake("c1", "s1", "u1", clock=lambda: NOW)
        self.http = self.app.test_client()

    def send(self, path: str, body: Any = None, *, secret: str = "s1", stamp: int = NOW,
             **changed: str) -> dict[str, Any]:
        sent = {**headers("c1", secret, "u1", stamp), **changed}
        reply = (self.http.post(path, json=body, headers=sent) if body is not None
                 else self.http.get(path, headers=sent))
        data = reply.get_json()
        data["http"] = reply.status_code
        if isinstance(data.get("response"), str):
            data["plain"] = crypto.decrypt("c1", "s1", stamp, data["response"])
        return data

    def add(self, code: str = "B1", poli: str = "UMU") -> dict[str, Any]:
        return self.send("/antrean/add", {"kodebooking": code, "jenispasien": "JKN",
                                          "kodepoli": poli, "namapoli": "Poli " + poli,
                                          "tanggalperiksa": DAY})

    def task(self, taskid: int, at_s: int, code: str = "B1") -> dict[str, Any]:
        return self.send("/antrean/updatewaktu",
                         {"kodebooking": code, "taskid": taskid, "waktu": at_s * MS})


@pytest.fixture
def fake() -> Caller:
    return Caller()


def _meta(data: dict[str, Any]) -> tuple[int, str]:
    return data["metadata"]["code"], data["metadata"]["message"]


@pytest.mark.parametrize("change", [
    {"secret": "wrong"}, {"stamp": NOW - 301}, {"stamp": NOW + 301},
    {"X-cons-id": "other"}, {"user_key": "other"}, {"X-signature": "AAAA"},
    {"X-signature": "é"}, {"X-timestamp": "²"}, {"X-timestamp": ""}])
def test_a_call_not_signed_right_is_refused(fake: Caller, change: dict[str, Any]) -> None:
    data = fake.send("/antrean/add", {"kodebooking": "B1"}, **change)
    assert data["http"] == 401 and data["metadata"]["code"] == 401
    assert "Unauthorized" in data["metadata"]["message"]


def test_a_signed_call_within_five_minutes_is_taken(fake: Caller) -> None:
    assert _meta(fake.send("/antrean/add", {"kodebooking": "B1", "jenispasien": "JKN",
                                            "kodepoli": "UMU", "tanggalperiksa": DAY},
                           stamp=NOW - 299)) == (200, "Ok.")


def test_add_refuses_a_missing_field_and_answers_208_to_a_duplicate(fake: Caller) -> None:
    assert _meta(fake.send("/antrean/add", {"kodebooking": "B1", "jenispasien": "JKN",
                                            "kodepoli": "UMU"}))[0] == 201
    assert _meta(fake.add())[0] == 200
    assert _meta(fake.add()) == (208, "Terdapat duplikasi Kode Booking")


def test_updatewaktu_takes_tasks_in_order_and_answers_208_to_a_resend(fake: Caller) -> None:
    fake.add()
    assert _meta(fake.task(1, NOW - 600))[0] == 200
    assert _meta(fake.task(3, NOW - 300))[0] == 200
    assert _meta(fake.task(3, NOW - 300)) == (208, "TaskId=3 sudah ada")
    assert _meta(fake.task(2, NOW - 200)) == (201, "TaskId terakhir 3")
    assert _meta(fake.task(4, NOW - 300))[0] == 201  # not after task 3's time
    assert _meta(fake.task(4, NOW - 299))[0] == 200


def test_updatewaktu_refuses_an_unknown_booking_or_task_id(fake: Caller) -> None:
    assert _meta(fake.task(1, NOW, code="nope")) == (201, "Kode Booking tidak ditemukan")
    fake.add()
    assert _meta(fake.task(8, NOW)) == (201, "TaskId tidak valid")
    assert _meta(fake.send("/antrean/updatewaktu",
                           {"kodebooking": "B1", "taskid": 1, "waktu": "x"}))[0] == 201


def test_batal_cancels_once_then_only_task_99_is_taken(fake: Caller) -> None:
    fake.add()
    fake.task(1, NOW - 60)
    body = {"kodebooking": "B1", "keterangan": "pasien batal"}
    assert _meta(fake.send("/antrean/batal", body))[0] == 200
    assert _meta(fake.send("/antrean/batal", body))[0] == 201
    assert _meta(fake.task(2, NOW - 30)) == (201, "Antrean sudah dibatalkan")
    assert _meta(fake.task(99, NOW))[0] == 200


def test_getlisttask_answers_the_tasks_encrypted_under_the_request_timestamp(
        fake: Caller) -> None:
    fake.add()
    fake.task(1, NOW - 60)
    data = fake.send("/antrean/getlisttask", {"kodebooking": "B1"}, stamp=NOW - 5)
    assert isinstance(data["response"], str)
    sent = datetime.fromtimestamp(NOW - 60, ZoneInfo("Asia/Jakarta"))
    assert '"taskid": 1' in data["plain"]
    assert sent.strftime("%d-%m-%Y %H:%M:%S WIB") in data["plain"]
    with pytest.raises(crypto.UndecryptableAnswer):
        crypto.decrypt("c1", "s1", NOW, data["response"])


def test_dashboard_sums_and_averages_each_stage_per_poli_in_seconds(fake: Caller) -> None:
    for code, wait in (("B1", 100), ("B2", 300)):
        fake.add(code)
        for taskid, at in ((1, 0), (2, wait), (3, wait + 60), (4, wait + 660)):
            fake.task(taskid, NOW - 2000 + at, code=code)
    fake.add("G1", poli="GIG")
    data = fake.send(f"/dashboard/waktutunggu/tanggal/{DAY}/waktu/rs")
    rows = {row["kodepoli"]: row for row in json.loads(data["plain"])["list"]}
    umum = rows["UMU"]
    assert (umum["jumlah_antrean"], umum["waktu_task1"], umum["avg_waktu_task1"]) == (2, 400, 200)
    assert (umum["waktu_task2"], umum["avg_waktu_task2"]) == (120, 60)
    assert (umum["waktu_task3"], umum["avg_waktu_task3"]) == (1200, 600)
    assert umum["waktu_task4"] == 0 and rows["GIG"]["jumlah_antrean"] == 1
    assert _meta(fake.send("/dashboard/waktutunggu/tanggal/2026-13-01/waktu/rs"))[0] == 201
    assert _meta(fake.send(f"/dashboard/waktutunggu/tanggal/{DAY}/waktu/x"))[0] == 201


def test_controls_fail_list_and_reset(fake: Caller) -> None:
    assert fake.http.post("/_fake/fail", json={"times": 2, "status": 503}).status_code == 200
    assert fake.http.post("/_fake/fail", json={"times": -1}).status_code == 400
    assert fake.http.post("/_fake/fail", json={"times": 1, "status": 200}).status_code == 400
    statuses = [fake.http.post("/antrean/add", json={}).status_code for _ in range(3)]
    assert statuses == [503, 503, 401]
    calls = fake.http.get("/_fake/calls").get_json()
    assert [c.get("failed", False) for c in calls["calls"]] == [True, True, False]
    assert calls["waiting"] == 0
    fake.add()
    assert fake.http.post("/_fake/reset").status_code == 200
    assert fake.http.get("/_fake/calls").get_json()["calls"] == []
    assert _meta(fake.task(1, NOW))[0] == 201  # the booking is forgotten too
    assert not fake.app.extensions[STATE_KEY].bookings


def test_a_call_without_user_key_is_refused_unless_mounted_leniently() -> None:
    from flask import Flask

    from queue_server.eservices.bpjs.fake import fake_blueprint

    for strict in (True, False):
        app = Flask(__name__)
        app.register_blueprint(fake_blueprint("c1", "s1", "u1", clock=lambda: NOW,
                                              strict_user_key=strict), url_prefix="/f")
        sent = headers("c1", "s1", "u1", NOW)
        del sent["user_key"]
        reply = app.test_client().post("/f/antrean/getlisttask", json={}, headers=sent)
        # Leniently mounted, the call reaches the rules (201: no kodebooking).
        assert reply.get_json()["metadata"]["code"] == (401 if strict else 201)
