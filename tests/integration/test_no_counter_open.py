"""No counter open, no estimate (issue 12, point 4): with every counter of a service
paused, every answer that gives an estimate says `no_counter_open` instead."""

from __future__ import annotations

from typing import Any

from tests.conftest import Api
from tests.support import factories
from tests.support.factories import TODAY, booking

NO_ESTIMATE = {"estimated_wait_minutes": None, "estimate_note": "no_counter_open"}


def figures(entries: list[dict[str, Any]], code: str) -> dict[str, Any]:
    entry = next(e for e in entries if e["code"] == code)
    return {k: entry[k] for k in NO_ESTIMATE}


def test_with_every_counter_paused_no_answer_pretends_one_is_open(
        app: Any, client: Any, kiosk: Api, staff: Api) -> None:
    board = app.extensions["socketio"].test_client(app, auth={"facility": "pkm-demo"},
                                                   flask_test_client=client)
    kiosk.ticket()
    reply = client.post("/api/v1/bookings", json=booking(TODAY, service="pendaftaran", n=51))
    assert reply.status_code == 201, reply.get_json()
    code = reply.get_json()["code"]
    assert reply.get_json()["estimate_note"] is None  # both desks open: an estimate
    board.get_received()
    for counter in ("loket-1", "loket-2"):
        assert staff.act(counter, "pause").status_code == 200

    changed = [m["args"][0] for m in board.get_received() if m["name"] == "queue.changed"]
    assert figures(changed[-1]["services"], "pendaftaran") == NO_ESTIMATE
    listed = client.get("/api/v1/facilities/pkm-demo/services").get_json()
    assert figures(listed, "pendaftaran") == NO_ESTIMATE
    assert figures(listed, "umum") == {"estimated_wait_minutes": 0, "estimate_note": None}
    home = kiosk.get("/api/v1/kiosk/services").get_json()
    assert figures(home["services"], "pendaftaran") == NO_ESTIMATE
    snapshot = client.get("/api/v1/facilities/pkm-demo/board").get_json()
    assert figures(snapshot["services"], "pendaftaran") == NO_ESTIMATE

    walk_in = kiosk.ticket()
    assert (walk_in["estimated_call_at"], walk_in["estimate_note"]) == (None, "no_counter_open")
    held = client.get(f"/api/v1/bookings/{code}").get_json()
    assert (held["estimated_call_at"], held["estimate_note"]) == (None, "no_counter_open")

    staff.act("loket-2", "resume")  # one desk back: estimates again
    listed = client.get("/api/v1/facilities/pkm-demo/services").get_json()
    assert figures(listed, "pendaftaran") == {"estimated_wait_minutes": 4,
                                              "estimate_note": None}
    mine = client.get(f"/api/v1/bookings/{walk_in['code']}").get_json()
    assert mine["estimated_call_at"] is not None and mine["estimate_note"] is None


def test_a_service_no_counter_serves_has_no_estimate(engine: Any, client: Any) -> None:
    baru = factories.fresh("pkm-baru")
    factories.load(engine, {"facilities": [{
        "code": baru, "name": "Puskesmas Baru",
        "services": [{"code": "umum", "name": "Poli Umum", "prefix": "B"}],
    }]})
    listed = client.get(f"/api/v1/facilities/{baru}/services").get_json()
    assert figures(listed, "umum") == NO_ESTIMATE
