"""Boards over Socket.IO: device heartbeats, what a call carries for the voice, and the
resync rules (epoch, seq) that the board page and its Python twin follow."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from queue_server.persistence.models import Device
from tests.conftest import Api
from tests.support.board_state import BoardState
from tests.support.clock import FakeClock
from tests.support.live import Listener
from tests.support.servers import wait_until


def sock(app: Any, client: Any, auth: dict[str, Any]) -> Any:
    return app.extensions["socketio"].test_client(app, auth=auth, flask_test_client=client)


def received(sc: Any) -> list[tuple[str, dict[str, Any]]]:
    return [(m["name"], m["args"][0]) for m in sc.get_received()]


def display(engine: Any) -> tuple[Any, dict[str, Any]]:
    """The demo display device's last_seen_at and status, as the database holds them."""
    with engine.connect() as conn:
        row = conn.execute(select(Device.last_seen_at, Device.status)
                           .where(Device.code == "display-1")).one()
    return row[0], row[1]


def test_a_board_with_its_device_token_heartbeats_over_its_socket(
    live_server: str, engine: Any, clock: FakeClock, listeners: list[Listener]
) -> None:
    board = Listener(live_server, {"facility": "pkm-demo", "token": "demo-display",
                                   "lang": "en", "services": ["gigi"]})
    listeners.append(board)
    assert board.wait_event("snapshot")["facility"]["code"] == "pkm-demo"
    wait_until(lambda: display(engine)[0] == clock.now(), what="the connect to be recorded")
    assert display(engine)[1] == {"connected": True, "lang": "en", "services": ["gigi"]}
    clock.advance(seconds=30)
    ack = board.sio.call("heartbeat", {"lang": "en", "services": ["gigi"], "sound": "blocked",
                                       "seq": 4, "token": "never stored"}, timeout=10)
    assert ack == {"received_at": "2026-11-23T08:00:30+07:00", "device": "display-1"}
    seen, status = display(engine)
    assert seen == clock.now()
    assert status == {"connected": True, "lang": "en", "services": ["gigi"],
                      "sound": "blocked", "seq": 4}
    clock.advance(seconds=5)
    board.close()
    wait_until(lambda: display(engine)[1]["connected"] is False,
               what="the disconnect to be recorded")
    assert display(engine)[0] == clock.now()


@pytest.mark.parametrize("token", [None, "demo-kiosk", "not-a-token", 123, ["x"], "\ud800"])
def test_a_board_without_a_display_token_still_works_but_records_nothing(
    live_server: str, engine: Any, kiosk: Api, staff: Api, listeners: list[Listener],
    token: Any,
) -> None:
    before = display(engine)
    auth = {"facility": "pkm-demo", **({"token": token} if token is not None else {})}
    board = Listener(live_server, auth)
    listeners.append(board)
    board.wait_event("snapshot")
    ack = board.sio.call("heartbeat", {"lang": "id"}, timeout=10)
    assert ack["error"]["code"] == "not_a_device"
    kiosk.ticket()
    staff.act("loket-1", "call-next")
    assert board.wait_event("ticket.called")["ticket"]["number"] == "A-001"
    assert display(engine) == before


def test_a_call_carries_both_phrases_and_the_snapshot_keeps_them_with_seq_and_time(
    app: Any, client: Any, kiosk: Api, staff: Api
) -> None:
    kiosk.ticket()
    board = sock(app, client, {"facility": "pkm-demo"})
    board.get_received()
    staff.act("loket-2", "call-next")
    called = next(d for n, d in received(board) if n == "ticket.called")
    assert called["announce"]["id"] == [
        "nomor-antrian", "huruf-a", "satu", "silakan-menuju", "loket", "dua"]
    assert called["announce_short"] == {"id": ["huruf-a", "satu", "loket", "dua"],
                                        "en": ["huruf-a", "one", "counter", "two"]}
    rest = client.get("/api/v1/facilities/pkm-demo/board").get_json()
    board.emit("snapshot", {})
    snapshot = next(d for n, d in received(board) if n == "snapshot")
    for last in (snapshot["last_calls"][0], rest["last_calls"][0]):
        assert (last["seq"], last["at"]) == (called["seq"], called["at"])
        assert last["announce"] == called["announce"]
        assert last["announce_short"] == called["announce_short"]
    assert snapshot["epoch"] == called["epoch"]


def test_ruang_kia_is_spelled_on_every_board(app: Any, client: Any, kiosk: Api,
                                             staff: Api) -> None:
    kiosk.ticket(service="kia")
    board = sock(app, client, {"facility": "pkm-demo"})
    board.get_received()
    staff.act("kia", "call-next")
    called = next(d for n, d in received(board) if n == "ticket.called")
    assert called["announce"]["id"][-4:] == ["ruang", "huruf-k", "huruf-i", "huruf-a"]
    assert called["announce"]["en"][-4:] == ["room", "huruf-k", "huruf-i", "huruf-a"]


def test_the_twin_resyncs_on_a_new_epoch_and_on_a_seq_that_went_back(
    app: Any, client: Any, kiosk: Api
) -> None:
    board = sock(app, client, {"facility": "pkm-demo"})
    twin = BoardState()
    twin.snapshot(received(board)[0][1])
    kiosk.ticket()
    event = received(board)[0][1]
    assert twin.apply("queue.changed", event) and twin.seq == event["seq"]
    assert not twin.apply("queue.changed", event)  # the same number again: went back
    assert not twin.apply("queue.changed", {**event, "seq": event["seq"] + 1,
                                            "epoch": "restored"})
    assert twin.resyncs == 2


def test_a_snapshot_answers_its_request_and_a_late_answer_is_dropped(
    app: Any, client: Any, kiosk: Api
) -> None:
    """Each snapshot request is answered on its own (python-socketio runs each handler
    apart), so answers can come out of order; an answer to an earlier request than the
    latest would take a board back, with nothing after it to say so (the soak's boards
    left short of their facility's last events). The answer names its request."""
    board = sock(app, client, {"facility": "pkm-demo"})
    twin = BoardState()
    twin.snapshot(received(board)[0][1])
    board.emit("snapshot", {"request": 1})
    early = received(board)[0][1]
    kiosk.ticket()
    board.emit("snapshot", {"request": 2})
    later = next(d for n, d in received(board) if n == "snapshot")
    assert (early["request"], later["request"]) == (1, 2) and later["seq"] > early["seq"]
    twin.resyncs = 2  # the twin asked twice; the second answer comes first
    twin.snapshot(later)
    twin.snapshot(early)
    assert twin.seq == later["seq"]
    board.emit("snapshot")  # a request without a number: an answer without one
    assert "request" not in received(board)[0][1]
    board.emit("snapshot", {"request": "1"})
    assert "request" not in received(board)[0][1]


def test_a_board_asks_where_the_events_stand_and_finds_it_missed_some(
    app: Any, client: Any, kiosk: Api, staff: Api
) -> None:
    """A board that heard nothing for a while asks `position`: the facility's epoch and
    seq, as its snapshot has them. Events lost on the way (here: never read by the twin)
    show as a later seq, and the twin asks for a snapshot."""
    board = sock(app, client, {"facility": "pkm-demo"})
    twin = BoardState()
    first = received(board)[0][1]
    twin.snapshot(first)
    here = board.emit("position", callback=True)
    assert here == {"epoch": first["epoch"], "seq": first["seq"]}
    assert not twin.behind(here) and twin.resyncs == 0
    kiosk.ticket()
    staff.act("loket-1", "call-next")
    board.get_received()  # the events, lost on their way to the twin
    later = board.emit("position", callback=True)
    assert later["epoch"] == first["epoch"] and later["seq"] > first["seq"]
    assert twin.behind(later) and twin.resyncs == 1
    board.emit("snapshot", twin.request())
    twin.snapshot(next(d for n, d in received(board) if n == "snapshot"))
    assert twin.seq == later["seq"] and not twin.behind(later)
    assert twin.behind({**later, "epoch": "restored"})  # another epoch: a snapshot too
    assert not twin.behind({"error": {"code": "not_a_board"}})


def test_a_patient_page_asks_where_its_facility_s_events_stand(
    app: Any, client: Any, kiosk: Api, staff: Api
) -> None:
    """The patient's ticket page asks `position` as a board does (ticket.js): the
    facility of its visit, `{"epoch", "seq"}` as in its snapshot."""
    phone = sock(app, client, {"visit": kiosk.ticket()["code"]})
    first = next(d for n, d in received(phone) if n == "snapshot")
    assert phone.emit("position", callback=True) == {"epoch": first["epoch"],
                                                     "seq": first["seq"]}
    staff.act("loket-1", "call-next")
    later = phone.emit("position", callback=True)
    assert later["epoch"] == first["epoch"] and later["seq"] > first["seq"]


def test_a_console_does_not_ask_where_the_events_stand(
    app: Any, client: Any, staff: Api
) -> None:
    other = sock(app, client, {"counter": "loket-1", "token": staff.token})
    assert other.is_connected()
    answer = other.emit("position", callback=True)
    assert answer["error"]["code"] == "not_a_board", answer
    assert answer["error"]["message"].startswith("Hanya papan antrean dan halaman tiket")
    assert answer["error"]["message_en"].startswith("Only a queue board or a patient's")
