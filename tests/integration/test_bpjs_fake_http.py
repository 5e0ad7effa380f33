"""The fake BPJS over real HTTP: thread-safe under concurrent calls, and runnable alone
(`python -m queue_server.eservices.bpjs.fake`), its controls over HTTP."""

from __future__ import annotations

import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor

import requests

from queue_server.eservices.bpjs.client import BpjsClient
from tests.support.fake_bpjs import FakeBpjs
from tests.support.servers import wait_until

BODY = {"kodebooking": "C1", "jenispasien": "NON JKN", "nomorkartu": "-", "nik": "-",
        "kodepoli": "GIG", "tanggalperiksa": "2026-11-30"}


def test_concurrent_adds_of_one_booking_take_exactly_one(fake_bpjs: FakeBpjs) -> None:
    with ThreadPoolExecutor(max_workers=8) as pool:
        codes = list(pool.map(lambda _: fake_bpjs.client().add(BODY).code, range(16)))
    assert sorted(codes) == [200] + [208] * 15
    assert len(fake_bpjs.calls()) == 16


def test_the_fake_runs_alone_from_the_command_line() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "queue_server.eservices.bpjs.fake", "--port", "0",
         "--cons-id", "cli-cons", "--secret", "cli-secret", "--user-key", "cli-key"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        assert process.stdout is not None
        url = process.stdout.readline().split(" on ")[-1].strip()
        assert url.startswith("http://127.0.0.1:")
        client = BpjsClient(url, "cli-cons", "cli-secret", "cli-key", timeout=5)
        assert client.add(BODY).code == 200
        assert client.tasks_of("C1").response == {"list": []}
        assert BpjsClient(url, "cli-cons", "cli-secret", "other-key").add(BODY).code == 401
    finally:
        process.terminate()
        process.wait(timeout=10)
        if process.stdout is not None:
            process.stdout.close()


def test_hold_and_release_work_over_http_too(fake_bpjs: FakeBpjs) -> None:
    def waiting() -> int:
        return int(requests.get(f"{fake_bpjs.url}/_fake/calls", timeout=5).json()["waiting"])

    assert requests.post(f"{fake_bpjs.url}/_fake/hold", timeout=5).json() == {"ok": True}
    codes: list[int] = []
    sender = threading.Thread(target=lambda: codes.append(fake_bpjs.client().add(BODY).code))
    sender.start()
    wait_until(lambda: waiting() == 1, what="the add held")
    assert codes == []
    requests.post(f"{fake_bpjs.url}/_fake/release", timeout=5)
    sender.join(timeout=10)
    assert codes == [200] and waiting() == 0
    requests.post(f"{fake_bpjs.url}/_fake/reset", timeout=5)
    assert fake_bpjs.calls() == [] and fake_bpjs.client().add(BODY).code == 200
