"""Every counter command has a route and a view function of its own (issue 14, point 3),
and `finish` with `transfer_to` stays one request to the Idempotency-Key."""

from __future__ import annotations

import inspect
from typing import Any

import pytest
from sqlalchemy import text

from tests.conftest import Api

COMMANDS = ["call-next", "recall", "start", "skip", "finish", "transfer", "requeue", "pause",
            "resume", "call-number", "priority"]


@pytest.mark.sqlite_only("the routing table does not depend on the database")
def test_every_counter_command_has_a_view_function_named_after_it(app: Any) -> None:
    views = []
    for command in COMMANDS:
        rules = [rule for rule in app.url_map.iter_rules()
                 if rule.rule == f"/api/v1/counters/<counter>/{command}"]
        assert len(rules) == 1 and rules[0].methods is not None
        assert "POST" in rules[0].methods
        name = command.replace("-", "_")
        assert rules[0].endpoint == f"counters.{name}"
        view = inspect.unwrap(app.view_functions[rules[0].endpoint])
        # written out at module level, not a closure a loop renamed
        assert view.__qualname__ == view.__code__.co_name == name
        assert view.__module__ == "mobile_api.counters"
        views.append(view)
    assert len({id(view) for view in views}) == len(COMMANDS)


def keyed(staff: Api, action: str, key: str, body: dict[str, Any]) -> Any:
    return staff.client.post(f"/api/v1/counters/loket-1/{action}", json=body,
                             headers={**staff.headers(), "Idempotency-Key": key})


def tickets(engine: Any) -> int:
    with engine.connect() as conn:
        return conn.execute(text("SELECT count(*) FROM tickets")).scalar_one()


def test_a_retried_transfer_opens_one_ticket_and_a_plain_finish_may_not_reuse_its_key(
    kiosk: Api, staff: Api, engine: Any
) -> None:
    kiosk.ticket()
    assert staff.act("loket-1", "call-next").get_json()["number"] == "A-001"
    before = tickets(engine)
    first = keyed(staff, "finish", "transfer-0001", {"transfer_to": "umum"})
    again = keyed(staff, "finish", "transfer-0001", {"transfer_to": "umum"})
    assert first.status_code == again.status_code == 200
    assert again.get_json() == first.get_json()
    assert first.get_json()["transferred_to"]["number"].startswith("B-")
    assert tickets(engine) == before + 1
    plain = keyed(staff, "finish", "transfer-0001", {})
    assert plain.status_code == 409
    assert plain.get_json()["error"]["code"] == "idempotency_key_reused"


def test_transfer_is_a_route_of_its_own_and_finish_with_transfer_to_still_does_it(
    kiosk: Api, staff: Api,
) -> None:
    kiosk.ticket()
    kiosk.ticket()
    assert staff.act("loket-1", "call-next").get_json()["number"] == "A-001"
    sent = staff.act("loket-1", "transfer", {"transfer_to": "umum"})
    assert sent.status_code == 200
    assert sent.get_json()["status"] == "done"
    assert sent.get_json()["transferred_to"]["number"].startswith("B-")
    assert staff.act("loket-1", "call-next").get_json()["number"] == "A-002"
    old = staff.act("loket-1", "finish", {"transfer_to": "umum"})  # the older way, same use case
    assert old.status_code == 200
    assert old.get_json()["transferred_to"]["number"].startswith("B-")


def test_a_transfer_without_a_service_is_refused_and_changes_nothing(
    kiosk: Api, staff: Api,
) -> None:
    kiosk.ticket()
    called = staff.act("loket-1", "call-next").get_json()["number"]
    refused = staff.act("loket-1", "transfer")
    assert refused.status_code == 422
    assert "transfer_to" in str(refused.get_json())
    console = staff.get("/api/v1/counters/loket-1").get_json()
    assert console["ticket"]["number"] == called
