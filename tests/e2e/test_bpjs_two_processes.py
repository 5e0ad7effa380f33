"""Issue 19 on the production shape: two server processes on one PostgreSQL (events
through Redis), both running the BPJS outbox against one fake BPJS process.

A Mobile JKN booking taken on one process, checked in on the other, served across both:
its task times reach BPJS once each (the two senders never send one call twice). Then
the day's booking quota split JKN / non-JKN holds under a rush: KIA gets 16 places a
day, 10 of them kept for JKN members (set through the admin API). 40 Mobile JKN
requests (`POST /bpjs/antrean`, each a member with a card) and 40 bookings on our own
channel without a card (`POST /api/v1/bookings`) arrive at once, spread over both
processes: exactly 10 JKN and 6 others are taken, the rest refused in each channel's
words (BPJS code 201 about the quota; 409 `non_jkn_quota_full`), never a 5xx."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from tests.support.bpjs_e2e import (
    Fake,
    MobileJkn,
    WsReply,
    accepted_tasks,
    call_body,
    call_code,
    call_path,
    fake_bpjs,
    of_booking,
    serve,
    server_env,
    set_up_bpjs,
    staff_token,
    today,
)
from tests.support.demo_template import DemoDatabases
from tests.support.http import JsonClient, Reply
from tests.support.servers import server_process, wait_until

RUSH = 40
QUOTA, JKN_QUOTA = 16, 10


@dataclass
class Pair:
    a: str
    b: str
    fake: Fake


@pytest.fixture(scope="module")
def pair(pg_url: str, redis_url: str, tmp_path_factory: pytest.TempPathFactory,
         demo_databases: DemoDatabases) -> Iterator[Pair]:
    folder = tmp_path_factory.mktemp("bpjs-two")
    with fake_bpjs(folder / "fake.log") as fake:
        env = {**server_env(folder, fake, pg_url), "SOCKETIO_MESSAGE_QUEUE": redis_url,
               "SECRET_KEY": "bpjs-two-shared"}
        with demo_databases.copy(env) as env, \
                server_process(env, "--demo", log_path=folder / "a.log") as a, \
                server_process(env, "--demo", log_path=folder / "b.log") as b:
            set_up_bpjs(a, staff_token(a, "admin"))
            yield Pair(a, b, fake)


def test_a_journey_across_two_processes_is_reported_once(pair: Pair) -> None:
    jkn = MobileJkn(pair.a)
    assert jkn.auth().code == 200
    taken = pair.fake.take(pair.a, _fields(9000, "UMU"))  # BPJS's app, played by the fake
    assert taken.code == 200, taken
    code = str(taken.response["kodebooking"])
    other = MobileJkn(pair.b)  # the token of one process works on the other
    other.token = jkn.token
    checked = other.post("/antrean/checkin", {"kodebooking": code,
                                              "waktu": int(time.time() * 1000)})
    assert checked.code == 200, checked
    serve(pair.a, staff_token(pair.a, "petugas"), "poli-umum", transfer_to="apotek")
    serve(pair.b, staff_token(pair.b, "petugas"), "apotek")
    wait_until(lambda: [t for t, _ in accepted_tasks(pair.fake.calls(), code)] == TASKS,
               timeout=30, what=f"tasks of {code} accepted")
    sent = [(call_path(c), call_body(c).get("taskid"), call_code(c))
            for c in of_booking(pair.fake.calls(), code)]
    assert sent == [("/antrean/updatewaktu", t, 200) for t in TASKS], sent  # each once


TASKS = [3, 4, 5, 6, 7]


def _nik(n: int) -> str:
    """A valid NIK (Surabaya, born 1 January 1990), told apart by its last four digits."""
    return f"3578010101{90:02d}{n:04d}"


def _quota(base: str, admin: str) -> None:
    """KIA: 16 bookings a day, 10 kept for JKN (the admin API)."""
    put = JsonClient(base, admin).request(
        "PUT", "/api/v1/admin/facilities/pkm-demo/services/kia",
        {"name": "KIA", "prefix": "D", "hours": "24h", "booking_quota": QUOTA,
         "jkn_quota": JKN_QUOTA, "avg_minutes": 10, "open_on_holidays": True})
    assert put.status == 200, (put.status, put.body)
    assert put.body.get("jkn_quota") == JKN_QUOTA, put.body


def _fields(n: int, kodepoli: str = "KIA") -> dict[str, Any]:
    """Mobile JKN's ambil-antrean fields for member `n`."""
    return {
        "nomorkartu": f"{n + 1:013d}", "nik": _nik(n), "nohp": f"0812{n:08d}",
        "kodepoli": kodepoli, "norm": "", "tanggalperiksa": today(),
        "kodedokter": 301001 if kodepoli == "UMU" else 301003,
        "jampraktek": "00:00-23:59", "jeniskunjungan": 1,
        "nomorreferensi": f"0301R0011125K{n:06d}"}


def _jkn(jkn: MobileJkn, n: int, kodepoli: str = "KIA") -> WsReply:
    return jkn.post("/antrean", _fields(n, kodepoli))


def _other(base: str, n: int) -> Reply:
    return JsonClient(base).post("/api/v1/bookings", {
        "facility": "pkm-demo", "service": "kia", "date": today(),
        "patient": {"nik": _nik(1000 + n), "name": f"Pasien Umum {n}",
                    "phone": f"0813{n:08d}"}})


def _rush(a: str, b: str) -> tuple[list[WsReply], list[Reply]]:
    """Both kinds at once, alternating between the two processes."""
    jkns = [MobileJkn(base) for base in (a, b)]
    for jkn in jkns:
        assert jkn.auth().code == 200
    ws: list[Any] = [None] * RUSH
    api: list[Any] = [None] * RUSH
    gate = threading.Barrier(2 * RUSH)

    def one_jkn(n: int) -> None:
        gate.wait()
        ws[n] = _jkn(jkns[n % 2], n)

    def one_other(n: int) -> None:
        gate.wait()
        api[n] = _other((b, a)[n % 2], n)

    threads = [threading.Thread(target=one_jkn, args=(n,)) for n in range(RUSH)]
    threads += [threading.Thread(target=one_other, args=(n,)) for n in range(RUSH)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return ws, api


def test_a_rush_takes_exactly_the_jkn_and_other_places(pair: Pair) -> None:
    a, b = pair.a, pair.b
    _quota(a, staff_token(a, "admin"))
    ws, api = _rush(a, b)
    assert all(r is not None for r in ws + api), "a request did not finish"
    assert all(r.status < 500 for r in ws + api), [(r.status, r) for r in ws + api
                                                   if r.status >= 500]
    taken_jkn = [r for r in ws if r.code == 200]
    assert len(taken_jkn) == JKN_QUOTA, [(r.code, r.message) for r in ws]
    assert all(r.code == 201 and "kuota" in r.message.lower() for r in ws if r.code != 200), \
        [(r.code, r.message) for r in ws]
    taken = [r for r in api if r.status == 201]
    assert len(taken) == QUOTA - JKN_QUOTA, [(r.status, r.error_code) for r in api]
    assert {r.error_code for r in api if r.status != 201} == {"non_jkn_quota_full"}, \
        [(r.status, r.body) for r in api if r.status != 201]
    numbers = [r.response["angkaantrean"] for r in taken_jkn] + \
        [int(r.body["number"].split("-")[-1]) for r in taken]
    assert len(set(numbers)) == QUOTA, numbers  # every place a number of its own
