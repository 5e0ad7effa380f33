"""The end-of-day close (issue 12, point 3): a day-time puskesmas's leftovers are closed
once its day ends, with their history, events and freed counters; Tuesday calls only
Tuesday's numbers; a 24-hour service keeps last night's patients, shown with their date."""

from __future__ import annotations

import json
import threading
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, text

from queue_server.services.day_close import ClosedDay, close_ended_days
from tests.conftest import Api, login
from tests.integration.test_waiting_counts import kept_and_counted
from tests.support import factories, sites
from tests.support.board_state import BoardState, board_parts
from tests.support.clock import WIB, FakeClock
from tests.support.factories import booking
from tests.support.servers import wait_until

MONDAY = date(2026, 11, 23)
GRACE = timedelta(minutes=60)
SIANG = sites.siang()
PETUGAS = SIANG.username("petugas")


@pytest.fixture
def siang(engine: Engine, client: Any) -> Api:
    """Staff of a day-time puskesmas (07:30-14:30 on weekdays)."""
    SIANG.load(engine)
    return Api(client, login(client, PETUGAS, factories.PASSWORD))


def walk_in(staff: Api) -> dict[str, Any]:
    reply = staff.post(f"/api/v1/kiosk/tickets?facility={SIANG.code}", {"service": "umum"})
    assert reply.status_code == 201, reply.get_json()
    return reply.get_json()


def close(app: Any, clock: FakeClock, **narrow: Any) -> list[ClosedDay]:
    return close_ended_days(app.extensions["antrian"].uow, clock, GRACE, **narrow).closed


def sock(app: Any, client: Any, auth: dict[str, Any]) -> Any:
    return app.extensions["socketio"].test_client(app, auth=auth, flask_test_client=client)


def rows(engine: Engine, sql: str, **params: Any) -> list[Any]:
    with engine.connect() as conn:
        return list(conn.execute(text(sql), params).all())


def monday_morning(client: Any, siang: Api) -> None:
    """B-001 being served at Ruang 1, B-002 called to Ruang 2, B-003 waiting, B-004
    booked for today and not arrived."""
    for _ in range(3):
        walk_in(siang)
    reply = client.post("/api/v1/bookings", json=booking(MONDAY, facility=SIANG.code, n=41))
    assert reply.status_code == 201, reply.get_json()
    assert siang.act("ruang-1", "call-next").get_json()["number"] == "B-001"
    siang.act("ruang-1", "start")
    assert siang.act("ruang-2", "call-next").get_json()["number"] == "B-002"


def test_mondays_leftovers_are_closed_once_mondays_day_has_ended(
        app: Any, client: Any, engine: Engine, siang: Api, clock: FakeClock) -> None:
    monday_morning(client, siang)
    board = sock(app, client, {"facility": SIANG.code})
    board.get_received()  # the snapshot
    clock.set(datetime(2026, 11, 23, 15, 29, 59, tzinfo=WIB))  # closing 14:30 + 60 min
    assert close(app, clock) == []
    clock.advance(seconds=1)
    assert close(app, clock) == [ClosedDay(SIANG.code, "umum", MONDAY, 4)]

    tickets = rows(engine, "SELECT t.number, t.status FROM tickets t JOIN facilities f "
                           "ON f.id = t.facility_id WHERE f.code = :code "
                           "ORDER BY t.seq", code=SIANG.code)
    assert [tuple(r) for r in tickets] == [
        ("B-001", "no_show"), ("B-002", "no_show"), ("B-003", "no_show"), ("B-004", "no_show")]
    history = rows(engine, "SELECT kind, actor, data FROM ticket_events "
                           "WHERE kind = 'closed_end_of_day' ORDER BY id")
    assert [(k, a) for k, a, _ in history] == [("closed_end_of_day", "system:end_of_day")] * 4
    assert [d if isinstance(d, dict) else json.loads(d) for _, _, d in history] == [
        {"number": "B-001", "from": "serving"}, {"number": "B-002", "from": "called"},
        {"number": "B-003", "from": "waiting"}, {"number": "B-004", "from": "booked"}]
    kept, counted = kept_and_counted(engine)
    assert kept == counted == {}  # nobody waits, and the kept count says so
    assert [(str(d), n) for d, n in rows(engine, "SELECT day, tickets FROM day_closes")] == [
        ("2026-11-23", 4)]

    heard = [(m["name"], m["args"][0]) for m in board.get_received()]
    assert [(n, e["ticket"]["number"], e["ticket"]["status"]) for n, e in heard[:4]] == [
        ("ticket.updated", f"B-00{i}", "no_show") for i in range(1, 5)]
    name, changed = heard[4]
    assert name == "queue.changed" and len(heard) == 5
    assert changed["closed_day"] == {"service": "umum", "date": "2026-11-23"}
    assert changed["services"][0]["waiting"] == 0
    assert [e["seq"] for _, e in heard] == list(range(heard[0][1]["seq"], heard[0][1]["seq"] + 5))

    # The counters are free: consoles and the board show nobody; nothing is left to requeue.
    console = siang.get("/api/v1/counters/ruang-1").get_json()
    assert console["ticket"] is None and console["no_shows"] == [] and console["waiting"] == []
    snapshot = client.get(f"/api/v1/facilities/{SIANG.code}/board").get_json()
    assert [c["ticket"] for c in snapshot["counters"]] == [None, None]
    assert snapshot["last_calls"] == []
    refused = siang.act("ruang-1", "requeue", {"number": "B-003"})
    assert refused.status_code == 409 and refused.get_json()["error"]["code"] == "day_closed"
    # Idempotent: a second look changes nothing and says nothing.
    assert close(app, clock) == []
    assert board.get_received() == []


def test_tuesday_calls_tuesdays_numbers_not_mondays_leftovers(
        app: Any, client: Any, engine: Engine, siang: Api, clock: FakeClock) -> None:
    walk_in(siang)
    walk_in(siang)  # Monday's B-001 and B-002 are left waiting; nothing closed the day
    clock.set(datetime(2026, 11, 24, 7, 30, tzinfo=WIB))
    siang = Api(client, login(client, PETUGAS, factories.PASSWORD))  # a new shift
    assert [walk_in(siang)["date"] for _ in range(2)] == ["2026-11-24"] * 2
    services = client.get(f"/api/v1/facilities/{SIANG.code}/services").get_json()
    assert services[0]["waiting"] == 2  # Tuesday's two, not Monday's
    called = siang.act("ruang-1", "call-next").get_json()
    assert (called["number"], called["date"]) == ("B-001", "2026-11-24")
    by_number = siang.act("ruang-2", "call-number", {"number": "B-002"}).get_json()
    assert (by_number["number"], by_number["date"]) == ("B-002", "2026-11-24")
    assert siang.act("ruang-1", "call-next").status_code == 404  # Monday's are not called
    assert siang.get("/api/v1/counters/ruang-1").get_json()["waiting"] == []
    # The closer (late: the server was off overnight) closes Monday's, only Monday's.
    assert close(app, clock) == [ClosedDay(SIANG.code, "umum", MONDAY, 2)]
    left = rows(engine, "SELECT t.day, t.status FROM tickets t JOIN facilities f "
                        "ON f.id = t.facility_id WHERE f.code = :code ORDER BY t.id",
                code=SIANG.code)
    assert [(str(d), s) for d, s in left] == [
        ("2026-11-23", "no_show"), ("2026-11-23", "no_show"),
        ("2026-11-24", "called"), ("2026-11-24", "called")]


def test_a_called_ticket_leaves_the_board_that_follows_the_events(
        app: Any, client: Any, siang: Api, clock: FakeClock) -> None:
    walk_in(siang)
    siang.act("ruang-1", "call-next")
    socket = sock(app, client, {"facility": SIANG.code})
    twin = BoardState()
    [first] = socket.get_received()
    twin.snapshot(first["args"][0])
    assert twin.state["counters"][0]["ticket"]["number"] == "B-001"
    assert twin.state["last_calls"][0]["number"] == "B-001"
    clock.set(datetime(2026, 11, 23, 16, 0, tzinfo=WIB))
    close(app, clock)
    for message in socket.get_received():
        assert twin.apply(message["name"], message["args"][0])
    assert twin.state["counters"][0]["ticket"] is None
    assert twin.state["last_calls"] == []
    server = client.get(f"/api/v1/facilities/{SIANG.code}/board").get_json()
    assert twin.view() == board_parts(server)


def test_two_closers_at_once_close_each_ticket_once(
        app: Any, client: Any, engine: Engine, siang: Api, clock: FakeClock) -> None:
    for _ in range(6):
        walk_in(siang)
    clock.set(datetime(2026, 11, 23, 18, 0, tzinfo=WIB))
    start = threading.Barrier(2)
    results: list[list[ClosedDay]] = []

    def closer() -> None:
        start.wait(timeout=10)
        results.append(close(app, clock))

    threads = [threading.Thread(target=closer) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(t.is_alive() for t in threads)
    assert sorted(len(r) for r in results) == [0, 1]
    assert sum(day.tickets for r in results for day in r) == 6
    events = rows(engine, "SELECT ticket_id, count(*) FROM ticket_events "
                          "WHERE kind = 'closed_end_of_day' GROUP BY ticket_id")
    assert len(events) == 6 and {n for _, n in events} == {1}
    assert rows(engine, "SELECT tickets FROM day_closes") == [(6,)]


def test_the_server_closes_ended_days_by_itself(engine: Engine, siang: Api,
                                               clock: FakeClock) -> None:
    from queue_server import create_app

    walk_in(siang)
    clock.set(datetime(2026, 11, 23, 15, 30, tzinfo=WIB))
    server = create_app({"TESTING": True, "ENGINE": engine, "DATABASE_URL": str(engine.url),
                         "CLOCK": clock, "SECRET_KEY": "test", "DAY_CLOSE_WORKER": True})
    closer = server.extensions["antrian.day_closer"]
    try:
        wait_until(lambda: closer.rounds >= 1, what="the closer's first round")
        assert rows(engine, "SELECT tickets FROM day_closes") == [(1,)]
    finally:
        closer.stop()
    assert not closer.running


def test_close_day_by_hand(app: Any, engine: Engine, siang: Api, clock: FakeClock,
                           monkeypatch: pytest.MonkeyPatch,
                           capsys: pytest.CaptureFixture[str]) -> None:
    from queue_server import cli

    walk_in(siang)
    walk_in(siang)
    monkeypatch.setenv("DATABASE_URL", engine.url.render_as_string(hide_password=False))
    monkeypatch.setattr(cli, "configure_logging", lambda: None)
    monkeypatch.setattr(cli, "_clock", lambda: clock)
    argv = ["close-day", "--facility", SIANG.code, "--date", "2026-11-23"]
    clock.set(datetime(2026, 11, 23, 15, 0, tzinfo=WIB))
    assert cli.main(argv) == 0
    assert "has not ended (it ends 23/11 15:30 WIB)" in capsys.readouterr().out
    clock.set(datetime(2026, 11, 23, 15, 30, tzinfo=WIB))
    assert cli.main(argv) == 0
    assert capsys.readouterr().out == (
        f"closed {SIANG.code}/umum 2026-11-23: 2 open tickets closed\n")
    assert cli.main(argv) == 0
    assert capsys.readouterr().out == "nothing to close\n"
    assert cli.main(["close-day", "--facility", "pkm-nowhere"]) == 2
    assert "pkm-nowhere" in capsys.readouterr().err
    assert rows(engine, "SELECT count(*) FROM ticket_events "
                        "WHERE kind = 'closed_end_of_day'") == [(2,)]


def test_a_24_hour_service_keeps_last_nights_patients_shown_with_their_date(
        app: Any, client: Any, kiosk: Api, clock: FakeClock) -> None:
    clock.set(datetime(2026, 11, 23, 23, 50, tzinfo=WIB))
    kiosk.ticket()  # Monday's A-001
    kiosk.ticket()  # Monday's A-002
    clock.set(datetime(2026, 11, 24, 0, 10, tzinfo=WIB))
    assert [c for c in close(app, clock) if c.facility == "pkm-demo"] == []
    assert kiosk.ticket()["date"] == "2026-11-24"
    staff = Api(client, login(client, "petugas"))  # the night shift
    called = staff.act("loket-1", "call-next").get_json()
    assert (called["number"], called["date"]) == ("A-001", "2026-11-23")
    board = client.get("/api/v1/facilities/pkm-demo/board").get_json()
    assert board["today"] == "2026-11-24"
    held = next(c["ticket"] for c in board["counters"] if c["code"] == "loket-1")
    assert held == {"number": "A-001", "service": "pendaftaran", "status": "called",
                    "date": "2026-11-23"}
    assert board["last_calls"][0]["date"] == "2026-11-23"
    console = staff.get("/api/v1/counters/loket-1").get_json()
    assert console["today"] == "2026-11-24"
    assert console["ticket"]["date"] == "2026-11-23"
    assert [(w["number"], w["date"]) for w in console["waiting"]] == [
        ("A-002", "2026-11-23"), ("A-001", "2026-11-24")]
    # Monday's day ends with Tuesday: then what is still open of it is closed.
    clock.set(datetime(2026, 11, 25, 0, 0, tzinfo=WIB))
    closed = [c for c in close(app, clock) if c.facility == "pkm-demo" and c.tickets]
    assert closed == [ClosedDay("pkm-demo", "pendaftaran", MONDAY, 2)]
