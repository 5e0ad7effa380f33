"""BPJS task times from a visit's ticket history (bpjs/tasks.py): each path of a visit."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from queue_server.eservices.bpjs.tasks import (
    HistoryOutOfOrder,
    TicketEvent,
    TicketHistory,
    UnknownTaskRole,
    derive_tasks,
    epoch_ms,
)

T0 = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)  # 08:00 WIB
REG, POLI, LAB, PHARMACY = 1, 2, 5, 6
ROLES = {REG: "registration", POLI: "poli", PHARMACY: "pharmacy"}


def at(minute: float) -> datetime:
    return T0 + timedelta(minutes=minute)


def ticket(tid: int, service: int, source: str, *events: tuple[str, float]) -> TicketHistory:
    return TicketHistory(tid, service, source, tuple(TicketEvent(k, at(m)) for k, m in events))


def minutes(tasks: dict[int, datetime]) -> dict[int, float]:
    return {task: (when - T0).total_seconds() / 60 for task, when in tasks.items()}


def test_walk_in_through_registration_poli_and_pharmacy() -> None:
    history = [
        ticket(1, REG, "walk_in", ("issued", 0), ("called", 5), ("transferred", 8)),
        ticket(2, POLI, "transfer", ("issued", 8), ("called", 20), ("started", 21),
               ("transferred", 35)),
        ticket(3, PHARMACY, "transfer", ("issued", 35), ("called", 40), ("finished", 46)),
    ]
    assert minutes(derive_tasks(history, ROLES)) == {
        1: 0, 2: 5, 3: 8, 4: 21, 5: 35, 6: 40, 7: 46}


def test_booking_checked_in_straight_at_the_poli_has_no_admission_tasks() -> None:
    history = [ticket(1, POLI, "booking", ("issued", -600), ("checked_in", 3),
                      ("called", 10), ("finished", 25))]
    assert minutes(derive_tasks(history, ROLES)) == {3: 3, 4: 10, 5: 25}


def test_a_booking_not_yet_checked_in_has_no_task() -> None:
    history = [ticket(1, POLI, "booking", ("issued", -600))]
    assert derive_tasks(history, ROLES) == {}


def test_recall_and_requeue_do_not_move_a_task() -> None:
    history = [ticket(1, POLI, "walk_in", ("issued", 0), ("called", 4), ("recalled", 6),
                      ("requeued", 7), ("called", 12), ("started", 13), ("finished", 20))]
    # started wins over the call; the second call and the recall move nothing
    assert minutes(derive_tasks(history, ROLES)) == {3: 0, 4: 13, 5: 20}
    no_start = [ticket(1, POLI, "walk_in", ("issued", 0), ("called", 4), ("requeued", 7),
                       ("called", 12), ("finished", 20))]
    assert minutes(derive_tasks(no_start, ROLES))[4] == 4


def test_transfer_poli_to_lab_and_back_is_one_poli_stay() -> None:
    history = [
        ticket(1, POLI, "walk_in", ("issued", 0), ("called", 5), ("transferred", 10)),
        ticket(2, LAB, "transfer", ("issued", 10), ("called", 15), ("transferred", 30)),
        ticket(3, POLI, "transfer", ("issued", 30), ("called", 31), ("transferred", 40)),
        ticket(4, PHARMACY, "transfer", ("issued", 40), ("called", 41), ("finished", 45)),
    ]
    assert minutes(derive_tasks(history, ROLES)) == {3: 0, 4: 5, 5: 40, 6: 41, 7: 45}
    # while the patient is still at the lab the poli stay has not ended
    assert 5 not in derive_tasks(history[:2], ROLES)


def test_cancel_before_check_in_is_task_99_alone() -> None:
    history = [ticket(1, POLI, "booking", ("issued", -600), ("cancelled", -30))]
    assert minutes(derive_tasks(history, ROLES)) == {99: -30}


def test_cancel_after_check_in_keeps_the_arrival() -> None:
    history = [ticket(1, REG, "booking", ("issued", -600), ("checked_in", 0),
                      ("called", 3), ("transferred", 5)),
               ticket(2, POLI, "transfer", ("issued", 5), ("cancelled", 9))]
    assert minutes(derive_tasks(history, ROLES)) == {1: 0, 2: 3, 3: 5, 99: 9}


def test_no_show_closed_at_the_end_of_the_day() -> None:
    history = [ticket(1, POLI, "walk_in", ("issued", 0), ("called", 30), ("skipped", 32),
                      ("requeued", 60), ("closed_end_of_day", 600))]
    # called, nobody came, requeued, never called again: not served
    assert minutes(derive_tasks(history, ROLES)) == {3: 0, 99: 600}
    never_called = [ticket(1, POLI, "walk_in", ("issued", 0), ("closed_end_of_day", 600))]
    assert minutes(derive_tasks(never_called, ROLES)) == {3: 0, 99: 600}


def test_equal_times_are_moved_one_millisecond_apart() -> None:
    history = [ticket(1, REG, "walk_in", ("issued", 0), ("called", 0), ("transferred", 0)),
               ticket(2, POLI, "transfer", ("issued", 0), ("called", 0), ("finished", 0))]
    tasks = derive_tasks(history, ROLES)
    assert [epoch_ms(tasks[t]) - epoch_ms(T0) for t in (1, 2, 3, 4, 5)] == [0, 1, 2, 3, 4]


def test_a_served_visit_closed_later_gets_no_99() -> None:
    history = [ticket(1, POLI, "walk_in", ("issued", 0), ("called", 5), ("transferred", 9)),
               ticket(2, PHARMACY, "transfer", ("issued", 9), ("called", 12),
                      ("closed_end_of_day", 600))]
    assert minutes(derive_tasks(history, ROLES)) == {3: 0, 4: 5, 5: 9}


def test_refusals_are_named() -> None:
    with pytest.raises(UnknownTaskRole):
        derive_tasks([], {1: "kasir"})
    with pytest.raises(HistoryOutOfOrder):
        derive_tasks([ticket(1, POLI, "walk_in", ("issued", 5), ("called", 1))], ROLES)


def test_epoch_ms_is_bpjs_waktu() -> None:
    assert epoch_ms(datetime(1970, 1, 1, 0, 0, 1, 2500, tzinfo=UTC)) == 1002
