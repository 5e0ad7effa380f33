"""Live events: snapshot first, calls reach the right rooms, seq rises, nothing before commit."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import Api, login
from tests.support.factories import PASSWORD, counter, device, facility, service
from tests.support.live import Listener

LIMITED = facility("pkm-kecil", services=[service("umum", "B", walkin_limit=1)],
                   counters=[counter("loket-1", ["umum"])], devices=[device("kiosk")],
                   users=["petugas-kecil"])


def sock(app: Any, client: Any, auth: dict[str, Any]) -> Any:
    return app.extensions["socketio"].test_client(app, auth=auth, flask_test_client=client)


def events(sc: Any, name: str | None = None) -> list[dict[str, Any]]:
    return [m["args"][0] for m in sc.get_received() if name is None or m["name"] == name]


def named(sc: Any) -> list[tuple[str, dict[str, Any]]]:
    return [(m["name"], m["args"][0]) for m in sc.get_received()]


def test_a_board_gets_the_board_snapshot_first(app: Any, client: Any, kiosk: Api) -> None:
    kiosk.ticket()
    board = sock(app, client, {"facility": "pkm-demo"})
    received = named(board)
    assert received[0][0] == "snapshot"
    rest = client.get("/api/v1/facilities/pkm-demo/board").get_json()
    snapshot = received[0][1]
    assert snapshot["counters"] == rest["counters"] and snapshot["services"] == rest["services"]
    assert snapshot["seq"] == rest["seq"] == 1


def test_call_next_reaches_the_board_with_number_and_counter(app: Any, client: Any,
                                                            kiosk: Api, staff: Api) -> None:
    kiosk.ticket()
    board = sock(app, client, {"facility": "pkm-demo"})
    board.get_received()
    staff.act("loket-1", "call-next")
    called = events(board, "ticket.called")
    assert len(called) == 1
    ticket = called[0]["ticket"]
    assert (ticket["number"], ticket["counter"]["code"], ticket["counter"]["name"]) == (
        "A-001", "loket-1", "Loket 1")
    assert called[0]["recall"] is False and called[0]["facility"] == "pkm-demo"


def test_seq_rises_by_one_with_every_event_of_the_facility(app: Any, client: Any, kiosk: Api,
                                                           staff: Api) -> None:
    board = sock(app, client, {"facility": "pkm-demo"})
    start = events(board, "snapshot")[0]["seq"]
    kiosk.ticket()
    kiosk.ticket(service="umum")
    staff.act("loket-1", "call-next")
    staff.act("loket-1", "recall")
    staff.act("loket-1", "finish", {"transfer_to": "lab"})
    staff.act("poli-umum", "pause")
    received = named(board)
    seqs = [data["seq"] for _, data in received]
    assert seqs == list(range(start + 1, start + 1 + len(seqs)))
    assert [n for n, _ in received] == [
        "queue.changed", "queue.changed",                 # two tickets issued
        "ticket.called", "queue.changed",                 # A-001 called
        "ticket.called",                                  # recalled
        "ticket.updated", "queue.changed",                # A-001 done, E-001 waits at lab
        "queue.changed",                                  # poli-umum paused
    ]
    transfer = received[6][1]["services"]
    assert [(s["code"], s["waiting"]) for s in transfer] == [("lab", 1)]


def test_a_patient_following_a_visit_hears_their_own_call(app: Any, client: Any, kiosk: Api,
                                                          staff: Api) -> None:
    mine = kiosk.ticket()
    phone = sock(app, client, {"visit": mine["code"]})
    snapshot = events(phone, "snapshot")[0]
    assert snapshot["ticket"]["number"] == "A-001" and snapshot["ticket"]["people_ahead"] == 0
    staff.act("loket-1", "call-next")
    called = events(phone, "ticket.called")
    assert called and called[0]["ticket"]["number"] == "A-001"
    assert called[0]["ticket"]["counter"]["name"] == "Loket 1"


def test_an_unknown_visit_code_is_refused(app: Any, client: Any) -> None:
    assert not sock(app, client, {"visit": "NOPE123456"}).is_connected()


@pytest.mark.parametrize("auth", [{"counter": "loket-1", "token": "bad"},
                                  {"counter": "loket-1"}, {"counter": "loket-1",
                                                           "token": "demo-kiosk"}, {}])
def test_a_console_without_a_valid_staff_token_is_refused(app: Any, auth: dict) -> None:
    fresh = app.test_client()  # no session cookie
    assert not sock(app, fresh, auth).is_connected()


def test_a_console_gets_its_counter_snapshot_with_staff_details(app: Any, client: Any,
                                                               kiosk: Api, staff: Api) -> None:
    kiosk.ticket(priority="elderly")
    console = sock(app, client, {"counter": "loket-1", "token": staff.token})
    snapshot = events(console, "snapshot")[0]
    assert snapshot["counter"]["code"] == "loket-1"
    assert snapshot["waiting"][0]["number"] == "A-001"
    assert snapshot["waiting"][0]["priority_label"] == "Lansia"


def test_an_operator_cannot_join_another_facilitys_counter_room(app: Any, client: Any,
                                                                engine: Any) -> None:
    LIMITED.load(engine)
    token = login(client, LIMITED.username("petugas-kecil"), PASSWORD)
    assert not sock(app, app.test_client(),
                    {"counter": "loket-1", "facility": "pkm-demo", "token": token}).is_connected()
    own = sock(app, app.test_client(), {"counter": "loket-1", "token": token})
    assert own.is_connected()
    assert events(own, "snapshot")[0]["facility"]["code"] == LIMITED.code


def test_a_failed_transaction_emits_nothing(app: Any, client: Any, engine: Any) -> None:
    LIMITED.load(engine)
    kiosk = Api(client, LIMITED.token("kiosk"))
    board = sock(app, client, {"facility": LIMITED.code})
    board.get_received()
    kiosk.ticket("umum")
    assert [e["seq"] for e in events(board)] == [1]
    refused = kiosk.post("/api/v1/kiosk/tickets", {"service": "umum"})
    assert refused.status_code == 409  # the walk-in limit: rolled back after issuing
    staff = Api(client, login(client, LIMITED.username("petugas-kecil"), PASSWORD))
    staff.act("loket-1", "call-next")
    bad = staff.act("loket-1", "finish", {"transfer_to": "bedah"})
    assert bad.status_code == 404
    received = named(board)
    assert [n for n, _ in received] == ["ticket.called", "queue.changed"]
    assert [d["seq"] for _, d in received] == [2, 3]  # no number was used by the failures


def test_a_client_that_asks_again_gets_a_fresh_snapshot(app: Any, client: Any,
                                                       kiosk: Api) -> None:
    board = sock(app, client, {"facility": "pkm-demo"})
    board.get_received()
    kiosk.ticket()
    board.get_received()
    ack = board.emit("snapshot", {}, callback=True)
    assert ack == {"seq": 1}
    snapshot = events(board, "snapshot")[0]
    assert snapshot["seq"] == 1 and snapshot["services"][0]["waiting"] == 1


def test_a_real_socketio_client_over_websocket_hears_the_call(
    live_server: str, kiosk: Api, staff: Api, listeners: list[Listener]
) -> None:
    kiosk.ticket()
    board = Listener(live_server, {"facility": "pkm-demo"})
    listeners.append(board)
    snapshot = board.wait_event("snapshot")
    assert snapshot["services"][0]["waiting"] == 1
    console = Listener(live_server, {"counter": "loket-2", "token": staff.token})
    listeners.append(console)
    assert console.wait_event("snapshot")["counter"]["code"] == "loket-2"
    staff.act("loket-2", "call-next")
    for listener in (board, console):
        called = listener.wait_event("ticket.called")
        assert called["ticket"]["number"] == "A-001"
        assert called["ticket"]["counter"]["code"] == "loket-2"
        assert called["seq"] == snapshot["seq"] + 1
