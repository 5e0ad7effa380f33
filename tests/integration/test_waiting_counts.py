"""The waiting count kept next to each queue's number always equals the tickets waiting."""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any

from sqlalchemy import Engine, text

from tests.conftest import Api
from tests.support.clock import FakeClock
from tests.support.factories import booking

SERVICES = ["pendaftaran", "umum", "lab", "apotek"]
COUNTERS = {"loket-1": "pendaftaran", "loket-2": "pendaftaran", "poli-umum": "umum",
            "lab": "lab", "apotek": "apotek"}


def kept_and_counted(engine: Engine) -> tuple[dict[Any, int], dict[Any, int]]:
    with engine.connect() as conn:
        kept = {(s, str(d)): n for s, d, n in conn.execute(text(
            "SELECT service_id, day, waiting FROM daily_sequences WHERE waiting != 0"))}
        counted = {(s, str(d)): n for s, d, n in conn.execute(text(
            "SELECT service_id, day, count(*) FROM tickets WHERE status = 'waiting' "
            "GROUP BY service_id, day"))}
    return kept, counted


def test_kept_waiting_counts_match_the_tickets_through_a_busy_day(
        engine: Engine, client: Any, kiosk: Api, staff: Api, clock: FakeClock) -> None:
    rng = random.Random(11)
    codes: list[str] = []
    clock.advance(hours=15)  # late evening, so the day turns midway
    for step in range(260):
        roll = rng.random()
        counter = rng.choice(list(COUNTERS))
        if roll < 0.35:
            kiosk.ticket(rng.choice(SERVICES),
                         priority=rng.choice(["regular", "regular", "elderly"]))
        elif roll < 0.45:
            reply = client.post("/api/v1/bookings",
                                json=booking(service="umum", n=1000 + step,
                                             day=clock.now().date()))
            if reply.status_code == 201:
                codes.append(reply.get_json()["code"])
        elif roll < 0.5 and codes:
            code = codes.pop(rng.randrange(len(codes)))
            kiosk.post(f"/api/v1/bookings/{code}/check-in" if rng.random() < 0.6
                       else f"/api/v1/bookings/{code}/cancel")
        elif roll < 0.7:
            staff.act(counter, "call-next")
        elif roll < 0.78:
            staff.act(counter, "skip")
        elif roll < 0.83:
            staff.act(counter, "requeue", {})
        elif roll < 0.9:
            target = rng.choice(["lab", "apotek", None])
            staff.act(counter, "finish", {"transfer_to": target} if target else {})
        else:
            staff.act(counter, rng.choice(["recall", "start", "finish"]))
        clock.advance(minutes=rng.choice([1, 2, 5]))
        if step % 40 == 0:
            kept, counted = kept_and_counted(engine)
            assert kept == counted, f"step {step}"
    kept, counted = kept_and_counted(engine)
    assert kept == counted
    assert sum(counted.values()) > 5  # the check had something to compare
    # The board's figures come from the kept counts: they match a count of the tickets.
    board = {s["code"]: s["waiting"]
             for s in client.get("/api/v1/facilities/pkm-demo/board").get_json()["services"]}
    today = clock.now().date()
    with engine.connect() as conn:
        for code, shown in board.items():
            real = conn.execute(text(
                "SELECT count(*) FROM tickets t JOIN services s ON s.id = t.service_id "
                "WHERE s.code = :c AND t.status = 'waiting' AND t.day IN (:d1, :d2)"),
                {"c": code, "d1": today, "d2": today - timedelta(days=1)}).scalar_one()
            assert shown == real, code


def test_upgrade_recounts_the_recent_queues(engine: Engine, kiosk: Api) -> None:
    from queue_server.persistence.migrate import upgrade

    kiosk.ticket("pendaftaran")
    kiosk.ticket("pendaftaran")
    with engine.begin() as conn:  # as if an older process had served beside this schema
        conn.execute(text("UPDATE daily_sequences SET waiting = 7"))
    upgrade(engine)
    kept, counted = kept_and_counted(engine)
    assert kept == counted and sum(counted.values()) == 2
