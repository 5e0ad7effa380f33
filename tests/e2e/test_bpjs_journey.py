"""Issue 19 end to end: a Mobile JKN booking taken, checked in, called and reported to a
fake BPJS, on a real server (`serve --demo`, SQLite) and the fake as its own process.

Mobile JKN takes a token and a number at Poli Umum (`UMU`) over the hosted services; the
booking is an ordinary antrian booking; Mobile JKN checks it in; staff call, serve and
send the patient to the pharmacy, which serves them too. The outbox reports the task
times (3 to 7, strictly increasing, each once) and a kiosk walk-in (`antrean/add` first,
"NON JKN"); the reconciliation view shows both. Then BPJS hangs, then fails: counter
actions still answer at once and the calls go through when
it is back (the server's clock is moved past the outbox's back-off: tests/support/
shifted_serve.py). Last, the server's output holds none of the personal data sent.
One server start for the module.

The fake BPJS only knows an antrean from `antrean/add`, while the real BPJS holds every
one Mobile JKN took: so the fake itself plays Mobile JKN for each take
(`POST /_fake/mjkn/antrean`), and knows the booking as BPJS would."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from tests.support.bpjs_e2e import (
    KIOSK,
    Fake,
    MobileJkn,
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
from tests.support.http import JsonClient
from tests.support.private_day import PEOPLE, leaks
from tests.support.servers import server_process, wait_until

TASKS = [3, 4, 5, 6, 7]


@dataclass
class World:
    """The module's servers: antrian's base URL, the fake, the server's output, the file
    its clock shift is read from, petugas's token, the server's database URL."""

    base: str
    fake: Fake
    log: Path
    clock_shift: Path
    staff: str
    database: str

    def later(self, seconds: float) -> None:
        """Move the server's clock `seconds` on (its outbox's back-off included)."""
        self.clock_shift.write_text(str(float(self.clock_shift.read_text()) + seconds))


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory,
          demo_databases: DemoDatabases) -> Iterator[World]:
    folder = tmp_path_factory.mktemp("bpjs-e2e")
    log, shift = folder / "server.log", folder / "clock-shift"
    shift.write_text("0")
    with fake_bpjs(folder / "fake.log") as fake, \
            demo_databases.copy({**server_env(folder, fake),
                                 "ANTRIAN_TEST_CLOCK_SHIFT": str(shift)}) as env, \
            server_process(env, "--demo", log_path=log,
                           module="tests.support.shifted_serve") as base:
        set_up_bpjs(base, staff_token(base, "admin"))
        yield World(base, fake, log, shift, staff_token(base, "petugas"),
                    f"sqlite:///{folder / 'antrian.db'}")


def _take(world: World, jkn: MobileJkn, who: int) -> dict:
    """Mobile JKN (played by the fake BPJS, with `jkn`'s account) takes a number at Poli
    Umum today for PEOPLE[`who`]; the answer. BPJS then knows the antrean."""
    person = PEOPLE[who]
    taken = world.fake.take(jkn.base, {
        "nomorkartu": person.bpjs, "nik": person.nik, "nohp": person.phone,
        "kodepoli": "UMU", "norm": f"RM{who:05d}", "tanggalperiksa": today(),
        "kodedokter": 301001, "jampraktek": "00:00-23:59", "jeniskunjungan": 1,
        "nomorreferensi": f"0301R0011125K{who:06d}"})
    assert (taken.status, taken.code) == (200, 200), taken
    return dict(taken.response)


def _tasks_done(fake: Fake, code: str, tasks: list[int]) -> bool:
    return [t for t, _ in accepted_tasks(fake.calls(), code)] == tasks


def _assert_tasks(fake: Fake, code: str) -> None:
    """Tasks 3–7 of `code` accepted once each, in order, waktu strictly increasing, and
    the fake never refused a call about it."""
    calls = fake.calls()
    done = accepted_tasks(calls, code)
    assert [t for t, _ in done] == TASKS, done
    waktu = [w for _, w in done]
    assert waktu == sorted(set(waktu)), waktu
    answered = [call_code(c) for c in of_booking(calls, code) if call_code(c) is not None]
    assert all(c in (200, 208) for c in answered), of_booking(calls, code)


def _journey(world: World, jkn: MobileJkn) -> str:
    """The Mobile JKN booking of PEOPLE[0] to the pharmacy's finish; its kodebooking."""
    status = jkn.post("/antrean/status", {"kodepoli": "UMU", "kodedokter": 301001,
                                          "tanggalperiksa": today(),
                                          "jampraktek": "00:00-23:59"})
    assert (status.status, status.code) == (200, 200), status
    taken = _take(world, jkn, 0)
    for field in ("nomorantrean", "angkaantrean", "kodebooking", "estimasidilayani",
                  "sisakuotajkn", "kuotajkn", "sisakuotanonjkn", "kuotanonjkn"):
        assert field in taken, (field, taken)
    assert taken["sisakuotajkn"] < taken["kuotajkn"], taken
    code = str(taken["kodebooking"])
    found = JsonClient(world.base).get(f"/api/v1/bookings/{code}")
    assert found.status == 200 and found.body["status"] == "booked", found
    assert found.body["service"]["code"] == "umum", found.body
    checked = jkn.post("/antrean/checkin", {"kodebooking": code,
                                            "waktu": int(time.time() * 1000)})
    assert (checked.status, checked.code) == (200, 200), checked
    serve(world.base, world.staff, "poli-umum", transfer_to="apotek")
    serve(world.base, world.staff, "apotek")
    wait_until(lambda: _tasks_done(world.fake, code, TASKS), timeout=20,
               what=f"tasks 3-7 of {code} accepted by the fake")
    _assert_tasks(world.fake, code)
    sent = [call_path(c) for c in of_booking(world.fake.calls(), code)]
    # BPJS knows Mobile JKN's booking already: the server never adds it
    assert [p for p in sent if p.endswith("antrean/add")] == [], sent
    return code


def _walk_in(world: World) -> str:
    """A kiosk walk-in at Poli Umum served the same way; its code."""
    ticket = JsonClient(world.base, KIOSK).post("/api/v1/kiosk/tickets", {"service": "umum"})
    assert ticket.status == 201, ticket.body
    code = str(ticket.body["code"]).replace("-", "")
    serve(world.base, world.staff, "poli-umum", transfer_to="apotek")
    serve(world.base, world.staff, "apotek")
    wait_until(lambda: _tasks_done(world.fake, code, TASKS), timeout=20,
               what=f"the walk-in {code} reported")
    calls = of_booking(world.fake.calls(), code)
    first = calls[0]
    assert call_path(first).endswith("antrean/add") and call_code(first) == 200, calls
    assert call_body(first)["jenispasien"] == "NON JKN", call_body(first)
    assert call_body(first)["kodepoli"] == "UMU", call_body(first)
    _assert_tasks(world.fake, code)
    return code


def _reconciled(world: World, codes: list[tuple[str, str]]) -> None:
    """The reconciliation view (as the facility's head) names both visits."""
    head = JsonClient(world.base, staff_token(world.base, "kepala"))
    seen = head.get(f"/api/v1/bpjs/reconciliation?facility=pkm-demo&date={today()}")
    assert seen.status == 200, (seen.status, seen.body)
    visits = {v["kodebooking"]: v for v in seen.body["visits"]}
    for code, source in codes:
        visit = visits[code]
        assert visit["source"] == source, visit
        assert (visit["accepted"], visit["refused"], visit["queued"]) == (TASKS, [], []), visit


def test_a_mobile_jkn_booking_is_taken_checked_in_called_and_reported(world: World) -> None:
    jkn = MobileJkn(world.base)
    assert jkn.auth().code == 200
    booked = _journey(world, jkn)
    walked = _walk_in(world)
    _reconciled(world, [(booked, "mjkn"), (walked, "local")])


def _pending(world: World) -> int:
    """Calls the server's outbox has still to send (read from its database)."""
    engine = create_engine(world.database)
    try:
        with engine.connect() as conn:
            return int(conn.execute(text(
                "SELECT count(*) FROM bpjs_calls WHERE status = 'pending'")).scalar_one())
    finally:
        engine.dispose()


def _attempts(world: World, code: str, taskid: int) -> int:
    """Sends of task `taskid` of `code` the server has recorded in its outbox (read from
    its database: the fake sees a call fail before the server has written its back-off,
    and the reconciliation view asks BPJS itself, which would spend a failure)."""
    engine = create_engine(world.database)
    try:
        with engine.connect() as conn:
            found = conn.execute(text(
                "SELECT attempts FROM bpjs_calls WHERE kodebooking = :code AND kind = 'task'"
                " AND taskid = :taskid"), {"code": code, "taskid": taskid}).scalar()
    finally:
        engine.dispose()
    return int(found or 0)


def test_counters_answer_while_bpjs_hangs_or_fails_and_the_calls_go_through_after(
        world: World) -> None:
    jkn = MobileJkn(world.base)
    assert jkn.auth().code == 200
    code = str(_take(world, jkn, 1)["kodebooking"])
    # What the outbox holds from before (the demo's visits, when this test runs first on
    # its server) goes first: the call that hangs below is then this booking's.
    wait_until(lambda: _pending(world) == 0, timeout=30, what="the outbox to be sent")
    world.fake.hold()
    try:
        assert jkn.post("/antrean/checkin", {"kodebooking": code,
                                             "waktu": int(time.time() * 1000)}).code == 200
        wait_until(lambda: world.fake.waiting() > 0, what="the sender to hang on BPJS")
        heard = len(world.fake.calls()) + world.fake.waiting()
        serve(world.base, world.staff, "poli-umum", transfer_to="apotek")  # each 200
        serve(world.base, world.staff, "apotek")
        # The six actions answered without asking BPJS: it heard nothing new while it hung
        # (a counter that waited on BPJS would have added a call, hanging or done).
        assert len(world.fake.calls()) + world.fake.waiting() == heard
        world.fake.fail(times=2, status=500)  # the hanging call fails, then its retry
    finally:
        world.fake.release()
    for failures in (1, 2):
        wait_until(lambda n=failures: _attempts(world, code, 3) >= n, timeout=20,
                   what=f"failure {failures} of {code} recorded")
        world.later(25)  # past the back-off: 10 s, then 20 s (±20 %)
    wait_until(lambda: _tasks_done(world.fake, code, TASKS), timeout=20,
               what=f"tasks of {code} through after BPJS is back")
    _assert_tasks(world.fake, code)
    task3 = [c for c in of_booking(world.fake.calls(), code)
             if call_path(c).endswith("updatewaktu") and call_body(c)["taskid"] == 3]
    assert [call_code(c) for c in task3] == [None, None, 200], task3  # sent 3 times
    assert _attempts(world, code, 3) == 3


def _dotted(output: str) -> list[str]:
    """Lines holding a NIK, card or phone sent here grouped with dots or slashes (the
    spellings `leaks` does not take apart)."""
    numbers = [n for p in PEOPLE[:3] for n in (p.nik, p.bpjs, p.phone_core)]
    return [line[:300] for line in output.splitlines()
            if any(n in re.sub(r"[./\s-]", "", line) for n in numbers)]


def test_the_servers_output_holds_no_personal_data_sent(world: World) -> None:
    jkn = MobileJkn(world.base)
    assert jkn.auth().code == 200
    code = str(_take(world, jkn, 2)["kodebooking"])
    assert jkn.post("/antrean/checkin", {"kodebooking": code,
                                         "waktu": int(time.time() * 1000)}).code == 200
    serve(world.base, world.staff, "poli-umum")
    wait_until(lambda: _tasks_done(world.fake, code, [3, 4, 5]), timeout=20,
               what=f"tasks of {code} reported")
    assert leaks(PEOPLE[2].nik) and leaks(PEOPLE[2].bpjs)  # the check sees them
    assert leaks("+62 " + PEOPLE[2].phone_core[:3] + "-" + PEOPLE[2].phone_core[3:])
    output = world.log.read_text()
    assert '"path": "/bpjs/antrean"' in output  # the hosted calls were logged, masked
    assert leaks(output) == [], leaks(output)[:5]
    assert _dotted(output) == [], _dotted(output)[:5]
