"""The sender's pure rules (bpjs/sender_rules.py) and the reconciliation's figures
(bpjs/reconcile.py)."""

from __future__ import annotations

import random
from datetime import timedelta

from queue_server.eservices.bpjs.reconcile import CallFact, VisitFacts, csv_rows, poli_rows
from queue_server.eservices.bpjs.sender_rules import Outcome, backoff, outcome, rank


def test_a_visits_calls_go_add_tasks_batal_then_99() -> None:
    calls = [("task", 99), ("task", 3), ("batal", 0), ("add", 0), ("task", 1)]
    assert sorted(calls, key=lambda c: rank(*c)) == [
        ("add", 0), ("task", 1), ("task", 3), ("batal", 0), ("task", 99)]


def test_what_an_answer_makes_of_a_call() -> None:
    assert outcome("add", 0, 200, "Ok.") == Outcome("done", 200, "Ok.")
    assert outcome("task", 3, 208, "TaskId=3 sudah ada").status == "done"
    assert outcome("add", 0, 201, "Poli tidak ditemukan").status == "refused"
    assert outcome("task", 3, 401, "Unauthorized").status == "pending"
    later = outcome("task", 2, 201, "TaskId terakhir 4")
    assert (later.status, later.settled_up_to) == ("done", 4)
    # a "last task" lower than this one is no ordering refusal: refused as said
    assert outcome("task", 5, 201, "TaskId terakhir 3").status == "refused"
    assert outcome("batal", 0, 201, "TaskId terakhir 4").status == "refused"


def test_back_off_doubles_from_ten_seconds_to_half_an_hour_with_jitter() -> None:
    rng = random.Random(1)
    for attempts, base in ((1, 10), (2, 20), (3, 40), (8, 1280), (9, 1800), (30, 1800)):
        wait = backoff(attempts, rng)
        assert timedelta(seconds=base * 0.8) <= wait <= timedelta(seconds=base * 1.2)
    assert len({backoff(1, rng) for _ in range(5)}) > 1  # not in step


def visit(kodepoli: str, number: str, times: dict[int, int], done: set[int],
          refused: bool = False) -> VisitFacts:
    facts = VisitFacts(f"K{number}", number, kodepoli, "Poli " + kodepoli, "local")
    facts.calls.append(CallFact("add", 0, None, "refused" if refused else "done", 1, 201
                                if refused else 200, "Poli tidak ditemukan" if refused else ""))
    for task, minute in times.items():
        facts.calls.append(CallFact("task", task, minute * 60_000,
                                    "done" if task in done else "pending"))
    return facts


def test_stages_average_ours_and_accepted_apart() -> None:
    visits = [visit("UMU", "B-001", {1: 0, 2: 4, 3: 10}, done={1, 2, 3}),
              visit("UMU", "B-002", {1: 0, 2: 8, 3: 9}, done={1}),
              visit("GIG", "C-001", {3: 0}, done=set(), refused=True)]
    rows = poli_rows(visits, {"UMU": {"jumlah_antrean": 1, "avg_waktu_task1": 270}})
    assert [r["kodepoli"] for r in rows] == ["GIG", "UMU"]
    gigi, umum = rows
    assert (gigi["refused"], gigi["queued"], umum["queued"]) == (1, 1, 2)
    wait = umum["stages"][0]
    assert wait["ours"] == {"count": 2, "avg_minutes": 6.0}
    assert wait["accepted"] == {"count": 1, "avg_minutes": 4.0}
    assert wait["bpjs_avg_minutes"] == 4.5
    assert umum["stages"][1]["bpjs_avg_minutes"] is None
    assert len(csv_rows(rows)) == 12
