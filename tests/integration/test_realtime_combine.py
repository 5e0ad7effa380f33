"""One event per call for boards that ask for it (`"combine": true`): the finished
ticket, the call and the waiting counts in one `ticket.called`; everyone else as before."""

from __future__ import annotations

from typing import Any

from queue_server.realtime import combine
from queue_server.services.ports import OutgoingEvent
from tests.conftest import Api
from tests.support.board_state import BoardState, board_parts


def sock(app: Any, client: Any, auth: dict[str, Any]) -> Any:
    return app.extensions["socketio"].test_client(app, auth=auth, flask_test_client=client)


def named(sc: Any) -> list[tuple[str, dict[str, Any]]]:
    return [(m["name"], m["args"][0]) for m in sc.get_received()]


def span(name: str, event: dict[str, Any]) -> list[int]:
    """The seqs an event stands for."""
    return list(range(event.get("seq_from", event["seq"]),
                      event.get("seq_through", event["seq"]) + 1))


def test_a_combining_board_hears_each_call_as_one_event(app: Any, client: Any, kiosk: Api,
                                                        staff: Api) -> None:
    kiosk.ticket()
    kiosk.ticket()
    classic = sock(app, client, {"facility": "pkm-demo"})
    combining = sock(app, client, {"facility": "pkm-demo", "combine": True})
    twin = BoardState()
    twin.snapshot(named(combining)[0][1])
    classic.get_received()
    staff.act("loket-1", "call-next")   # A-001 called
    staff.act("loket-1", "call-next")   # A-001 done, A-002 called
    plain, merged = named(classic), named(combining)
    assert [n for n, _ in plain] == ["ticket.called", "queue.changed",
                                     "ticket.updated", "ticket.called", "queue.changed"]
    assert [n for n, _ in merged] == ["ticket.called", "ticket.called"]
    first, second = merged[0][1], merged[1][1]
    assert first["ticket"]["number"] == "A-001" and "updated" not in first
    assert second["ticket"]["number"] == "A-002"
    assert second["updated"]["number"] == "A-001" and second["updated"]["status"] == "done"
    assert second["services"] == plain[4][1]["services"]
    # Together they stand for exactly the classic board's events, in order.
    assert [s for n, e in merged for s in span(n, e)] == [e["seq"] for _, e in plain]
    for name, event in merged:
        assert twin.apply(name, event)
    rest = client.get("/api/v1/facilities/pkm-demo/board").get_json()
    assert twin.resyncs == 0 and twin.view() == board_parts(rest)


def test_a_patient_page_still_gets_the_events_apart(app: Any, client: Any, kiosk: Api,
                                                  staff: Api) -> None:
    combining = sock(app, client, {"facility": "pkm-demo", "combine": True})
    phone = sock(app, client, {"visit": kiosk.ticket()["code"]})
    phone.get_received()
    staff.act("loket-1", "call-next")
    heard = named(phone)
    assert [n for n, _ in heard] == ["ticket.called", "queue.changed"]  # as before
    assert "seq_through" not in heard[0][1] and "services" not in heard[0][1]
    assert "seq_through" in named(combining)[-1][1]


def event(name: str, seq: int, rooms: tuple[str, ...] = ("facility:pkm-x",),
          **extra: Any) -> OutgoingEvent:
    payload = {"facility": "pkm-x", "at": "t", "seq": seq, "epoch": "e", **extra}
    return OutgoingEvent(1, name, payload, rooms)


def test_a_queue_change_that_says_more_than_counts_is_not_folded_into_the_call() -> None:
    called = event("ticket.called", 5, ("facility:pkm-x", "visit:V"), ticket={"number": "A"})
    paused = event("queue.changed", 6, services=[], counter={"code": "l", "paused": True})
    routed = list(combine.routed([called, paused]))
    assert [(e.name, rooms) for e, rooms in routed] == [
        ("ticket.called", ["facility:pkm-x", "visit:V", "facility-combined:pkm-x"]),
        ("queue.changed", ["facility:pkm-x", "facility-combined:pkm-x"])]


def test_a_call_and_its_counts_go_once_to_the_combined_room_and_as_before_elsewhere() -> None:
    done = event("ticket.updated", 4, ("facility:pkm-x", "visit:U"), ticket={"number": "A"})
    called = event("ticket.called", 5, ("facility:pkm-x", "visit:V"), ticket={"number": "B"})
    counts = event("queue.changed", 6, services=[{"code": "umum"}])
    routed = list(combine.routed([done, called, counts]))
    merged, rooms = routed[0]
    assert rooms == ["facility-combined:pkm-x"]
    assert (merged.payload["seq_from"], merged.payload["seq"],
            merged.payload["seq_through"]) == (4, 5, 6)
    assert [(e.name, r) for e, r in routed[1:]] == [
        ("ticket.updated", ["facility:pkm-x", "visit:U"]),
        ("ticket.called", ["facility:pkm-x", "visit:V"]),
        ("queue.changed", ["facility:pkm-x"])]
