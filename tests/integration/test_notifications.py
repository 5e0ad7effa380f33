"""“Nearly your turn”: posted once to the webhook when a booked patient has N ahead."""

from __future__ import annotations

from typing import Any

import pytest

from queue_server.notify import deliver_due
from tests.conftest import Api, login, make_app
from tests.support.clock import FakeClock
from tests.support.factories import TODAY, booking
from tests.support.receiver import Receiver


@pytest.fixture
def app(engine: Any, clock: FakeClock, receiver: Receiver) -> Any:
    return make_app(engine, clock, NOTIFY_WEBHOOK_URL=receiver.url, NOTIFY_POSITION=2,
                    NOTIFY_WORKER=False,
                    # Bookings here are made at once (test_phone_bookings.py: held).
                    BOOKING_PHONE_CHECK=False, PUBLIC_URL="https://antrian.example")


def book(client: Any, n: int) -> str:
    reply = client.post("/api/v1/bookings",
                        json=booking(TODAY, "pendaftaran", n=n, name="Budi"))
    assert reply.status_code == 201, reply.get_json()
    return reply.get_json()["code"]


def test_the_webhook_fires_once_when_the_position_reaches_n(app: Any, client: Any, kiosk: Api,
                                                            receiver: Receiver) -> None:
    for _ in range(4):
        kiosk.ticket()                                  # A-001..A-004, walk-ins, no phone
    code = book(client, 1)
    kiosk.post(f"/api/v1/bookings/{code}/check-in")     # 4 people ahead
    staff = Api(client, login(client, "petugas"))
    runtime = app.extensions["antrian"]
    staff.act("loket-1", "call-next")                   # 3 ahead: not yet
    assert deliver_due(runtime, receiver.url) == 0
    staff.act("loket-1", "call-next")                   # 2 ahead: now
    assert deliver_due(runtime, receiver.url, "https://antrian.example") == 1
    staff.act("loket-1", "call-next")                   # 1 ahead: already told
    staff.act("loket-1", "call-next")
    assert deliver_due(runtime, receiver.url) == 0
    [body] = receiver.bodies
    assert body["kind"] == "nearly_your_turn" and body["number"] == "A-005"
    assert body["people_ahead"] == 2 and body["phone"] == "+6281234567890"
    assert body["ticket_url"] == f"https://antrian.example/t/{code}"
    assert body["message"].startswith("Antrean A-005 di Puskesmas Demo: tinggal 2 orang lagi.")


def test_a_failing_webhook_is_retried_with_back_off_and_sent_once(
    app: Any, client: Any, kiosk: Api, receiver: Receiver, clock: FakeClock, engine: Any
) -> None:
    receiver.failures = 2
    code = book(client, 2)
    kiosk.post(f"/api/v1/bookings/{code}/check-in")     # 0 ahead at check-in: due at once
    runtime = app.extensions["antrian"]
    assert deliver_due(runtime, receiver.url) == 0      # 500
    assert deliver_due(runtime, receiver.url) == 0      # not due yet: waits 1 s
    clock.advance(seconds=1)
    assert deliver_due(runtime, receiver.url) == 0      # 500 again, now waits 2 s
    clock.advance(seconds=2)
    assert deliver_due(runtime, receiver.url) == 1
    clock.advance(seconds=60)
    assert deliver_due(runtime, receiver.url) == 0
    assert len(receiver.bodies) == 1
    from sqlalchemy import text

    with engine.connect() as conn:
        row = conn.execute(text("SELECT status, attempts FROM notifications")).one()
    assert tuple(row) == ("sent", 3)


def test_the_background_worker_delivers_by_itself(app: Any, client: Any, kiosk: Api,
                                                  receiver: Receiver) -> None:
    from queue_server.notify import start_worker
    from tests.support.servers import wait_until

    stop = start_worker(app.extensions["antrian"], receiver.url, interval=0.05)
    try:
        kiosk.post(f"/api/v1/bookings/{book(client, 3)}/check-in")
        wait_until(lambda: len(receiver.bodies) == 1, timeout=10, what="the webhook call")
    finally:
        stop.set()
