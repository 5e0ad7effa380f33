"""The kiosk's API: one number per Idempotency-Key, and the home payload (QR address,
when a closed service opens). Runs on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import threading
import urllib.request
from datetime import datetime
from typing import Any

import pytest
from sqlalchemy import text

from queue_server import create_app
from tests.conftest import Api
from tests.support import sites
from tests.support.clock import WIB, FakeClock

HOURLY = sites.hourly()


def walk_in(api: Api, key: str | None, query: str = "", **body: Any) -> Any:
    headers = {**api.headers(), **({"Idempotency-Key": key} if key else {})}
    return api.client.post(f"/api/v1/kiosk/tickets{query}",
                           json={"service": "pendaftaran", **body}, headers=headers)


def test_the_same_key_gives_the_same_ticket_once(kiosk: Api) -> None:
    first = walk_in(kiosk, "tap-0001-aaaa", priority="elderly")
    again = walk_in(kiosk, "tap-0001-aaaa", priority="elderly")
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.get_json()["number"] == first.get_json()["number"] == "A-001"
    assert again.get_json()["code"] == first.get_json()["code"]
    # Only one number was used: the next tap gets A-002.
    assert walk_in(kiosk, "tap-0002-bbbb").get_json()["number"] == "A-002"
    home = kiosk.get("/api/v1/kiosk/services").get_json()
    assert next(s for s in home["services"] if s["code"] == "pendaftaran")["waiting"] == 2


def test_the_same_key_with_another_body_is_refused(kiosk: Api) -> None:
    assert walk_in(kiosk, "tap-0003-cccc").status_code == 201
    reused = walk_in(kiosk, "tap-0003-cccc", priority="pregnant")
    assert reused.status_code == 409
    assert reused.get_json()["error"]["code"] == "idempotency_key_reused"
    other_service = walk_in(kiosk, "tap-0003-cccc", service="gigi")
    assert other_service.get_json()["error"]["code"] == "idempotency_key_reused"


def test_keys_are_scoped_to_who_sends_them(kiosk: Api, staff: Api) -> None:
    mine = walk_in(kiosk, "shared-key-1234")
    desk = walk_in(staff, "shared-key-1234", query="?facility=pkm-demo")
    assert desk.status_code == 201, desk.get_json()
    assert (mine.get_json()["number"], desk.get_json()["number"]) == ("A-001", "A-002")
    assert walk_in(staff, "shared-key-1234", query="?facility=pkm-demo").status_code == 200


def test_a_too_short_key_is_a_validation_error(kiosk: Api) -> None:
    assert walk_in(kiosk, "short").status_code == 422


def test_two_requests_with_one_key_at_once_issue_one_number(live_server: str) -> None:
    """The retry of a timed-out tap may reach the server while the first is still running."""
    start = threading.Barrier(6)
    replies: list[tuple[int, dict[str, Any]]] = []

    def tap() -> None:
        request = urllib.request.Request(
            f"{live_server}/api/v1/kiosk/tickets", method="POST",
            data=json.dumps({"service": "umum"}).encode(),
            headers={"Authorization": "Bearer demo-kiosk", "Content-Type": "application/json",
                     "Idempotency-Key": "race-key-0001"})
        start.wait(timeout=10)
        with urllib.request.urlopen(request, timeout=30) as reply:
            replies.append((reply.status, json.loads(reply.read())))

    threads = [threading.Thread(target=tap) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert len(replies) == 6
    assert {body["number"] for _, body in replies} == {"B-001"}
    assert sorted(status for status, _ in replies) == [200] * 5 + [201]


def test_the_home_payload_gives_the_qr_address_and_the_server_time(kiosk: Api) -> None:
    home = kiosk.get("/api/v1/kiosk/services").get_json()
    assert home["public_url"] == "http://localhost"  # the request's host, when not set
    assert home["generated_at"] == "2026-11-23T08:00:00+07:00"
    assert all(s["open_now"] and s["opens_at"] is None for s in home["services"])


def test_the_public_url_setting_is_what_kiosks_print(engine: Any, clock: FakeClock) -> None:
    app = create_app({"TESTING": True, "ENGINE": engine, "DATABASE_URL": str(engine.url),
                      "CLOCK": clock, "SECRET_KEY": "test",
                      "PUBLIC_URL": "https://antrian.surabaya.example/"})
    home = Api(app.test_client(), "demo-kiosk").get("/api/v1/kiosk/services").get_json()
    assert home["public_url"] == "https://antrian.surabaya.example"


@pytest.fixture
def hourly(engine: Any, client: Any) -> Api:
    HOURLY.load(engine)
    return Api(client, HOURLY.token("kiosk-jam"))


@pytest.mark.parametrize(("now", "umum", "open_now"), [
    (datetime(2026, 11, 23, 8, 0), None, True),  # Monday, open
    (datetime(2026, 11, 23, 6, 15), "2026-11-23T07:30:00+07:00", False),  # before opening
    (datetime(2026, 11, 23, 15, 0), "2026-11-24T07:30:00+07:00", False),  # after closing
    (datetime(2026, 11, 28, 12, 30), "2026-11-30T07:30:00+07:00", False),  # Sat → Monday
])
def test_a_closed_service_says_when_it_opens(hourly: Api, clock: FakeClock, now: datetime,
                                            umum: str | None, open_now: bool) -> None:
    clock.set(now.replace(tzinfo=WIB))
    services = {s["code"]: s for s in hourly.get("/api/v1/kiosk/services").get_json()["services"]}
    assert (services["umum"]["opens_at"], services["umum"]["open_now"]) == (umum, open_now)
    assert services["ugd"]["opens_at"] is None and services["ugd"]["open_now"]
    assert services["tutup"]["opens_at"] is None and not services["tutup"]["open_now"]


def test_only_a_kiosk_token_may_send_the_kiosk_heartbeat(client: Any, engine: Any,
                                                         staff: Api) -> None:
    """A display's token is refused with plain words (boards heartbeat over their socket)
    and the TV is not marked online by it."""
    with engine.begin() as conn:
        conn.execute(text("UPDATE devices SET last_seen_at = NULL, status = :s"), {"s": "{}"})
    display = Api(client, "demo-display")
    refused = display.post("/api/v1/kiosk/heartbeat", {"printer": "online"})
    assert refused.status_code == 403
    error = refused.get_json()["error"]
    assert error["code"] == "forbidden"
    assert error["message"].startswith("Hanya kiosk yang mengirim heartbeat")
    english = client.post("/api/v1/kiosk/heartbeat", json={}, headers={
        **display.headers(), "Accept-Language": "en"})
    assert english.get_json()["error"]["message"].startswith("Only a kiosk sends heartbeats")
    devices = {d["code"]: d for d in staff.get("/api/v1/devices").get_json()["devices"]}
    assert devices["display-1"]["online"] is False
    assert devices["display-1"]["last_seen"] is None
    assert Api(client, "demo-kiosk").post("/api/v1/kiosk/heartbeat",
                                          {"printer": "online"}).status_code == 200
    devices = {d["code"]: d for d in staff.get("/api/v1/devices").get_json()["devices"]}
    assert devices["kiosk-1"]["online"] is True and devices["display-1"]["online"] is False
