"""A counter acts only on what the console saw, and once per Idempotency-Key: a double
press, two consoles or a retried request never finish a patient who was just called."""

from __future__ import annotations

import http.client
import json
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any
from urllib.parse import urlsplit

import pytest
from sqlalchemy import text

from tests.conftest import Api, login


def events(engine: Any, kind: str) -> list[str]:
    with engine.connect() as conn:
        return conn.execute(text(
            "SELECT t.number FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id "
            "WHERE e.kind = :kind ORDER BY e.id"), {"kind": kind}).scalars().all()


def with_a_called_patient(kiosk: Api, staff: Api, waiting: int = 2) -> None:
    for _ in range(waiting + 1):
        kiosk.ticket()
    assert staff.act("loket-1", "call-next").get_json()["number"] == "A-001"


def test_call_next_with_the_view_the_console_showed_calls_the_next_patient(
    kiosk: Api, staff: Api, engine: Any
) -> None:
    with_a_called_patient(kiosk, staff)
    reply = staff.act("loket-1", "call-next", {"expected_current": "A-001"})
    assert reply.status_code == 200 and reply.get_json()["number"] == "A-002"
    assert events(engine, "finished") == ["A-001"]


def test_call_next_from_a_stale_view_is_409_with_the_counter_and_changes_nothing(
    kiosk: Api, staff: Api, engine: Any
) -> None:
    with_a_called_patient(kiosk, staff)
    # The console still shows an empty counter (a second press of "next").
    reply = staff.act("loket-1", "call-next", {"expected_current": None})
    assert reply.status_code == 409
    error = reply.get_json()["error"]
    assert error["code"] == "stale_view" and "A-001" in error["message"]
    assert error["counter"] == {"code": "loket-1", "name": "Loket 1", "paused": False,
                                "services": ["pendaftaran"],
                                "ticket": {"number": "A-001", "status": "called"}}
    assert events(engine, "called") == ["A-001"] and events(engine, "finished") == []
    assert staff.get("/api/v1/counters/loket-1").get_json()["ticket"]["number"] == "A-001"


@pytest.mark.parametrize(("action", "body"), [
    ("recall", {}), ("start", {}), ("skip", {}), ("finish", {}),
    ("finish", {"transfer_to": "apotek"}), ("requeue", {}), ("pause", {}), ("resume", {}),
    ("call-number", {"number": "A-003"}),
    ("priority", {"number": "A-003", "priority": "elderly", "reason": "lansia 72 tahun"}),
])
def test_every_counter_action_refuses_a_stale_view(kiosk: Api, staff: Api, engine: Any,
                                                   action: str, body: dict) -> None:
    with_a_called_patient(kiosk, staff)
    with engine.connect() as conn:
        before = conn.execute(text("SELECT count(*) FROM ticket_events")).scalar()
    stale = staff.act("loket-1", action, {**body, "expected_current": "A-009"})
    assert stale.status_code == 409 and stale.get_json()["error"]["code"] == "stale_view"
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM ticket_events")).scalar() == before
    fresh = staff.act("loket-1", action, {**body, "expected_current": "A-001"})
    assert fresh.status_code == 200, fresh.get_json()


def test_a_bad_expected_current_is_422(staff: Api) -> None:
    reply = staff.act("loket-1", "call-next", {"expected_current": 5})
    assert reply.status_code == 422 and reply.get_json()["error"]["code"] == "invalid_body"
    typo = staff.act("loket-1", "call-next", {"expected_curent": None})
    assert typo.status_code == 422 and "expected_curent" in typo.get_json()["error"]["fields"]


def keyed(staff: Api, action: str, key: str, body: Any = None) -> Any:
    return staff.client.post(f"/api/v1/counters/loket-1/{action}", json=body,
                             headers={**staff.headers(), "Idempotency-Key": key})


def test_the_same_idempotency_key_twice_calls_one_patient_and_answers_alike(
    kiosk: Api, staff: Api, engine: Any
) -> None:
    for _ in range(3):
        kiosk.ticket()
    first = keyed(staff, "call-next", "press-0001", {"expected_current": None})
    again = keyed(staff, "call-next", "press-0001", {"expected_current": None})
    assert first.status_code == again.status_code == 200
    assert again.get_json() == first.get_json() and first.get_json()["number"] == "A-001"
    assert events(engine, "called") == ["A-001"]
    other_body = keyed(staff, "call-next", "press-0001", {"expected_current": "A-001"})
    assert other_body.status_code == 409
    assert other_body.get_json()["error"]["code"] == "idempotency_key_reused"
    other_action = keyed(staff, "recall", "press-0001", {"expected_current": "A-001"})
    assert other_action.get_json()["error"]["code"] == "idempotency_key_reused"
    assert keyed(staff, "call-next", "press-0002").get_json()["number"] == "A-002"


def test_keys_are_kept_per_counter(kiosk: Api, staff: Api, engine: Any) -> None:
    kiosk.ticket()
    kiosk.ticket()
    assert keyed(staff, "call-next", "same-key-1").get_json()["number"] == "A-001"
    at_loket_2 = staff.client.post("/api/v1/counters/loket-2/call-next",
                                   headers={**staff.headers(), "Idempotency-Key": "same-key-1"})
    assert at_loket_2.get_json()["number"] == "A-002"
    with engine.connect() as conn:
        keys = conn.execute(text("SELECT key FROM idempotency_keys ORDER BY key")).scalars().all()
    assert len(keys) == 2 and all(k.startswith("counter:") and k.endswith(":same-key-1")
                                  for k in keys)


def test_a_failed_keyed_action_is_not_remembered(kiosk: Api, staff: Api) -> None:
    assert keyed(staff, "call-next", "early-press").get_json()["error"]["code"] == "queue_empty"
    kiosk.ticket()
    assert keyed(staff, "call-next", "early-press").get_json()["number"] == "A-001"


def post(base: str, path: str, token: str, body: Any, key: str | None = None) -> tuple[int, Any]:
    parts = urlsplit(base)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    headers = {"Content-Type": "application/json", "Authorization": f"Bearer {token}"}
    if key:
        headers["Idempotency-Key"] = key
    try:
        conn.request("POST", path, body=json.dumps(body), headers=headers)
        response = conn.getresponse()
        return response.status, json.loads(response.read())
    finally:
        conn.close()


def race(base: str, tokens: list[str], body: Any, key: str | None = None) -> list[tuple]:
    """Both consoles press at once (a barrier releases the two requests together)."""
    start = threading.Barrier(len(tokens))

    def press(token: str) -> tuple[int, Any]:
        start.wait()
        return post(base, "/api/v1/counters/loket-1/call-next", token, body, key)

    with ThreadPoolExecutor(len(tokens)) as pool:
        return list(pool.map(press, tokens))


def test_two_consoles_pressing_next_on_the_same_view_call_one_patient(
    live_server: str, client: Any, kiosk: Api, engine: Any
) -> None:
    tokens = [login(client, "petugas"), login(client, "petugas")]
    for _ in range(12):
        kiosk.ticket()
    shown = None
    for round_ in range(5):
        replies = race(live_server, tokens, {"expected_current": shown})
        statuses = sorted(status for status, _ in replies)
        assert statuses == [200, 409], replies
        called = next(body for status, body in replies if status == 200)
        refused = next(body for status, body in replies if status == 409)
        assert called["number"] == f"A-{round_ + 1:03d}"
        assert refused["error"]["code"] == "stale_view"
        assert refused["error"]["counter"]["ticket"]["number"] == called["number"]
        shown = called["number"]
    assert events(engine, "called") == [f"A-{i:03d}" for i in range(1, 6)]
    assert events(engine, "finished") == [f"A-{i:03d}" for i in range(1, 5)]


def test_the_same_key_sent_twice_at_once_calls_one_patient(
    live_server: str, client: Any, kiosk: Api, engine: Any
) -> None:
    token = login(client, "petugas")
    for _ in range(3):
        kiosk.ticket()
    replies = race(live_server, [token, token], {}, key="retry-after-timeout")
    assert [status for status, _ in replies] == [200, 200]
    assert replies[0][1] == replies[1][1] and replies[0][1]["number"] == "A-001"
    assert events(engine, "called") == ["A-001"]
