"""The console's snapshot says which commands its counter takes now, over the API and over
its live socket alike, so the page enables buttons without its own copy of the rules."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import Api

CALLS = ["call-next", "call-number"]


def console_actions(staff: Api) -> list[str]:
    reply = staff.get("/api/v1/counters/loket-1")
    assert reply.status_code == 200, reply.get_json()
    return reply.get_json()["actions"]


def socket_actions(app: Any, client: Any, staff: Api) -> list[str]:
    console = app.extensions["socketio"].test_client(
        app, auth={"counter": "loket-1", "token": staff.token}, flask_test_client=client)
    try:
        [snapshot] = [m["args"][0] for m in console.get_received() if m["name"] == "snapshot"]
        return snapshot["actions"]
    finally:
        console.disconnect()


def assert_actions(app: Any, client: Any, staff: Api, expected: list[str]) -> None:
    assert console_actions(staff) == expected
    assert socket_actions(app, client, staff) == expected


def test_an_empty_counter_may_call_or_pause(app: Any, client: Any, staff: Api) -> None:
    assert_actions(app, client, staff, [*CALLS, "pause"])


def test_the_actions_follow_the_current_patient_and_the_pause(
    app: Any, client: Any, kiosk: Api, staff: Api,
) -> None:
    kiosk.ticket()
    assert staff.act("loket-1", "call-next").status_code == 200
    assert_actions(app, client, staff, [*CALLS, "recall", "start", "skip", "finish",
                                        "transfer", "requeue", "pause"])
    assert staff.act("loket-1", "start").status_code == 200
    assert_actions(app, client, staff, [*CALLS, "finish", "transfer", "pause"])
    assert staff.act("loket-1", "pause").status_code == 200
    assert_actions(app, client, staff, ["finish", "transfer", "resume"])
    assert staff.act("loket-1", "finish").status_code == 200
    assert_actions(app, client, staff, ["resume"])
    assert staff.act("loket-1", "resume").status_code == 200
    assert_actions(app, client, staff, [*CALLS, "pause"])


@pytest.mark.sqlite_only("the document is the same on every database")
def test_the_actions_are_in_the_console_document(client: Any) -> None:
    document = client.get("/api/v1/openapi.json").get_json()
    console = document["components"]["schemas"]["ConsoleOut"]["properties"]["actions"]
    assert console["type"] == "array"
    assert "call-next" in console["items"]["enum"] and "resume" in console["items"]["enum"]
