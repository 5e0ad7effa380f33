"""The outbound BPJS client (queue_server/eservices/bpjs/client.py) against the fake
BPJS over real HTTP (tests/support/fake_bpjs.py): signed calls, decrypted answers,
refusals as answers, unavailability as BpjsUnavailable, nothing personal logged."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

import pytest
from flask import Flask, jsonify

from queue_server.eservices.bpjs.client import (
    Answer,
    BpjsClient,
    BpjsUnavailable,
    client_from_config,
)
from queue_server.eservices.bpjs.fake.serving import fake_server
from tests.support.fake_bpjs import FakeBpjs
from tests.support.servers import wait_until

DAY = date(2026, 11, 30)
NIK = "3578010101900001"
BODY = {"kodebooking": "20261130A001", "jenispasien": "JKN", "nomorkartu": "0001234567890",
        "nik": NIK, "nohp": "081234567890", "kodepoli": "UMU", "namapoli": "Poli Umum",
        "pasienbaru": 0, "norm": "-", "tanggalperiksa": DAY.isoformat(),
        "kodedokter": 1, "namadokter": "dr. Demo", "jampraktek": "08:00-12:00",
        "jeniskunjungan": 1, "nomorreferensi": "", "nomorantrean": "A-1",
        "angkaantrean": 1, "estimasidilayani": 1796000000000, "sisakuotajkn": 9,
        "kuotajkn": 10, "sisakuotanonjkn": 9, "kuotanonjkn": 10,
        "keterangan": "Peserta harap 30 menit lebih awal"}
T0 = 1_796_000_000_000


@contextmanager
def _serving(app: Flask) -> Iterator[str]:
    """`app` on a loopback port, stopped quickly (a short poll interval)."""
    server = fake_server(app)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02})
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def _codes(*answers: Answer) -> list[int]:
    return [a.code for a in answers]


def test_a_visit_is_added_and_its_tasks_reported_in_order(fake_bpjs: FakeBpjs) -> None:
    client = fake_bpjs.client()
    assert client.add(BODY) == Answer(200, "Ok.", None, 200)
    answers = [client.update_time(BODY["kodebooking"], task, T0 + task * 60_000)
               for task in (1, 2, 3, 4, 5)]
    assert _codes(*answers) == [200] * 5
    sent = [c["body"] for c in fake_bpjs.calls() if c["path"] == "/antrean/updatewaktu"]
    assert sent[0] == {"kodebooking": BODY["kodebooking"], "taskid": 1, "waktu": T0 + 60_000}


def test_out_of_order_is_refused_and_a_resend_is_208(fake_bpjs: FakeBpjs) -> None:
    client = fake_bpjs.client()
    client.add(BODY)
    client.update_time(BODY["kodebooking"], 3, T0)
    lower = client.update_time(BODY["kodebooking"], 2, T0 + 1000)
    again = client.update_time(BODY["kodebooking"], 3, T0)
    assert (lower.code, lower.message, lower.accepted) == (201, "TaskId terakhir 3", False)
    assert (again.code, again.accepted) == (208, True)
    assert client.add(BODY).code == 208


def test_cancel_then_task_99(fake_bpjs: FakeBpjs) -> None:
    client = fake_bpjs.client()
    client.add(BODY)
    assert client.cancel(BODY["kodebooking"], "Pasien tidak hadir").code == 200
    assert client.update_time(BODY["kodebooking"], 99, T0).code == 200
    assert client.cancel("unknown", "x").code == 201


def test_task_list_and_dashboard_come_back_decrypted(fake_bpjs: FakeBpjs) -> None:
    client = fake_bpjs.client()
    client.add(BODY)
    for task, minute in ((1, 0), (2, 5), (3, 15)):
        client.update_time(BODY["kodebooking"], task, T0 + minute * 60_000)
    listed = client.tasks_of(BODY["kodebooking"])
    assert [row["taskid"] for row in listed.response["list"]] == [1, 2, 3]
    board = client.dashboard(DAY, waktu="rs")
    [poli] = board.response["list"]
    assert (poli["kodepoli"], poli["jumlah_antrean"]) == ("UMU", 1)
    assert (poli["waktu_task1"], poli["waktu_task2"]) == (300, 600)
    assert client.dashboard(DAY).response["list"][0]["jumlah_antrean"] == 1


@pytest.mark.parametrize("status", [500, 503, 0])
def test_a_failing_or_dropped_call_raises_bpjs_unavailable(fake_bpjs: FakeBpjs,
                                                           status: int) -> None:
    client = fake_bpjs.client(timeout=5)
    fake_bpjs.fail(1, status)
    with pytest.raises(BpjsUnavailable) as raised:
        client.add(BODY)
    assert raised.value.reason == (f"http {status}" if status else
                                   "connection: ConnectionError")
    assert client.add(BODY).code == 200  # the next call goes through


def test_a_timeout_raises_bpjs_unavailable(fake_bpjs: FakeBpjs) -> None:
    fake_bpjs.hold()
    with pytest.raises(BpjsUnavailable, match="timeout"):
        fake_bpjs.client(timeout=0.3).add(BODY)
    fake_bpjs.release()


def test_nothing_listens_raises_bpjs_unavailable() -> None:
    with pytest.raises(BpjsUnavailable, match="connection"):
        BpjsClient("http://127.0.0.1:9", "c", "s", "u", timeout=2).add(BODY)


def test_a_wrong_secret_is_refused(fake_bpjs: FakeBpjs) -> None:
    answer = fake_bpjs.client(secret="not-the-secret").add(BODY)
    assert (answer.http_status, answer.code, answer.accepted) == (401, 401, False)
    assert fake_bpjs.client(clock=lambda: time.time() - 3600).add(BODY).code == 401


def test_hold_keeps_a_send_waiting_until_release(fake_bpjs: FakeBpjs) -> None:
    fake_bpjs.hold()
    answers: list[Answer] = []
    sender = threading.Thread(target=lambda: answers.append(fake_bpjs.client().add(BODY)))
    sender.start()
    wait_until(lambda: fake_bpjs.waiting() == 1, what="the send held")
    assert not answers and not fake_bpjs.calls()
    fake_bpjs.release()
    sender.join(timeout=10)
    assert _codes(*answers) == [200] and fake_bpjs.waiting() == 0


def test_an_answer_that_cannot_be_decrypted_raises_bpjs_unavailable() -> None:
    app = Flask(__name__)
    app.add_url_rule("/antrean/getlisttask", methods=["POST"], view_func=lambda: jsonify(
        metadata={"code": 200, "message": "Ok."}, response="bm90IGEgYmxvY2sgYXQgYWxs"))
    with _serving(app) as url, pytest.raises(BpjsUnavailable,
                                                    match="undecryptable: not_base64"):
        BpjsClient(url, "c", "s", "u", timeout=5).tasks_of("K")


def test_logs_carry_path_and_code_but_no_body(fake_bpjs: FakeBpjs,
                                              caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="antrian.bpjs.client")
    client = fake_bpjs.client()
    client.add(BODY)
    fake_bpjs.fail(1, 500)
    with pytest.raises(BpjsUnavailable):
        client.add(BODY)
    text = caplog.text
    assert "antrean/add" in text and "code 200" in text and "http 500" in text
    for value in (NIK, "081234567890", "0001234567890", fake_bpjs.secret):
        assert value not in text


@pytest.mark.parametrize("missing", ["BPJS_BASE_URL", "BPJS_CONS_ID", "BPJS_SECRET",
                                     "BPJS_USER_KEY"])
def test_client_from_config_is_none_without_url_or_credentials(
        fake_bpjs: FakeBpjs, missing: str) -> None:
    config: dict[str, Any] = fake_bpjs.config()
    client = client_from_config(config)
    assert client is not None and client.add(BODY).code == 200
    assert client_from_config({**config, missing: ""}) is None


@pytest.mark.parametrize("answer", ["<html>gateway</html>", '["a"]', '{"metadata": "x"}'])
def test_an_answer_outside_bpjs_envelope_raises_bpjs_unavailable(answer: str) -> None:
    app = Flask(__name__)
    app.add_url_rule("/antrean/batal", methods=["POST"], view_func=lambda: answer)
    with _serving(app) as url, pytest.raises(BpjsUnavailable, match="envelope"):
        BpjsClient(url, "c", "s", "u", timeout=5).cancel("K", "x")


def test_a_refusal_without_response_and_a_string_code_is_read() -> None:
    app = Flask(__name__)
    app.add_url_rule("/antrean/batal", methods=["POST"], view_func=lambda: jsonify(
        metaData={"code": "201", "message": "Antrean tidak ditemukan"}))
    with _serving(app) as url:
        answer = BpjsClient(url, "c", "s", "u", timeout=5).cancel("K", "x")
    assert answer == Answer(201, "Antrean tidak ditemukan", None, 200)
