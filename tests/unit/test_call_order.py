"""The call order (domain/call_order.py): the counter's own services first, then the
queue key (waited time plus the priority's head start), then the day, then the number."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pytest

from queue_server.domain.call_order import CALL_ORDER, call_key, in_call_order, is_ahead
from queue_server.domain.priority import Priority, queue_key

NOON = datetime(2026, 11, 23, 5, 0, tzinfo=UTC)
TODAY, YESTERDAY = date(2026, 11, 23), date(2026, 11, 22)


@dataclass(frozen=True)
class T:
    name: str
    service_id: int
    queue_key: datetime | None
    day: date = TODAY
    seq: int = 1


def names(tickets: list[T]) -> list[str]:
    return [t.name for t in tickets]


def test_the_order_is_rank_then_queue_key_then_day_then_number() -> None:
    assert CALL_ORDER == ("rank", "queue_key", "day", "seq", "service_id")


def test_two_services_tied_on_everything_else_go_by_the_service() -> None:
    tied = NOON - timedelta(minutes=3)
    second, first = T("service 8", 8, tied, TODAY, 4), T("service 7", 7, tied, TODAY, 4)
    assert names(in_call_order([second, first], {7: 0, 8: 0})) == ["service 7", "service 8"]


def test_own_service_first_then_the_one_it_helps_whatever_the_wait() -> None:
    ranks = {1: 0, 2: 1}
    helped = T("helped, waiting long", 2, NOON - timedelta(hours=3), seq=1)
    own = T("own, just arrived", 1, NOON, seq=9)
    assert names(in_call_order([helped, own], ranks)) == ["own, just arrived",
                                                         "helped, waiting long"]


def test_equal_ranks_leave_the_order_to_the_queue_key() -> None:
    ranks = {1: 0, 2: 0}
    early = T("early", 2, NOON - timedelta(minutes=5))
    late = T("late", 1, NOON)
    assert names(in_call_order([late, early], ranks)) == ["early", "late"]


def test_a_priority_patient_goes_ahead_by_the_head_start_only() -> None:
    elderly = T("elderly now", 1, queue_key(Priority.ELDERLY, NOON), seq=5)
    waited_10 = T("regular, 10 min", 1, queue_key(Priority.REGULAR,
                                                    NOON - timedelta(minutes=10)), seq=3)
    waited_30 = T("regular, 30 min", 1, queue_key(Priority.REGULAR,
                                                    NOON - timedelta(minutes=30)), seq=1)
    emergency = T("emergency", 1, queue_key(Priority.EMERGENCY, NOON), seq=6)
    assert names(in_call_order([waited_10, elderly, waited_30, emergency], {1: 0})) == [
        "emergency", "regular, 30 min", "elderly now", "regular, 10 min"]


def test_same_queue_key_yesterday_first_then_the_lower_number() -> None:
    tied = NOON - timedelta(minutes=1)
    a = T("today 2", 1, tied, TODAY, 2)
    b = T("today 1", 1, tied, TODAY, 1)
    c = T("yesterday 7", 1, tied, YESTERDAY, 7)
    assert names(in_call_order([a, b, c], {1: 0})) == ["yesterday 7", "today 1", "today 2"]
    assert is_ahead(c, b) and is_ahead(b, a) and not is_ahead(a, b) and not is_ahead(a, a)


def test_a_ticket_that_does_not_wait_has_no_place() -> None:
    with pytest.raises(ValueError):
        call_key(T("called", 1, None), {1: 0})
