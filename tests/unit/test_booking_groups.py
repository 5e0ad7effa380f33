"""Bookings decided together: what a group's earlier bookings add to each one's day
(domain/booking_groups.py), and the combiner that forms the groups (services/together.py)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import date

from queue_server.domain.booking_groups import DayFigures, GroupTally
from queue_server.services.together import Combiner

DAY, OTHER_DAY = date(2026, 12, 2), date(2026, 12, 3)


def test_each_booking_sees_what_the_groups_earlier_bookings_took() -> None:
    tally = GroupTally.empty()
    read = DayFigures(booked=3, jkn_booked=1, mine=0, ahead=2, active=0)
    tally.take("A", 7, DAY, jkn=True)
    tally.take("B", 7, DAY, jkn=False)
    tally.take("A", 8, DAY, jkn=False)
    assert tally.seen(read, "A", 7, DAY) == DayFigures(5, 2, 1, 4, 2)
    assert tally.seen(read, "C", 7, DAY) == DayFigures(5, 2, 0, 4, 0)
    assert tally.seen(read, "A", 7, OTHER_DAY) == read  # another day: nothing taken


def wait_for(condition: Callable[[], bool], seconds: float = 5.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.001)


def test_those_that_arrive_while_a_group_is_decided_form_the_next_group() -> None:
    groups: list[list[int]] = []
    gate = threading.Event()

    def decide(items: Sequence[int]) -> list[int]:
        groups.append(list(items))
        if len(groups) == 1:
            assert gate.wait(5)
        return [10 * item for item in items]

    together: Combiner[int, int] = Combiner(decide, most=3)
    with ThreadPoolExecutor(6) as pool:
        first = pool.submit(together.submit, 1)
        wait_for(lambda: groups == [[1]])
        rest = [pool.submit(together.submit, n) for n in (2, 3, 4, 5, 6)]
        wait_for(lambda: len(together._waiting) == 5)
        gate.set()
        assert first.result(5) == 10
        assert sorted(f.result(5) for f in rest) == [20, 30, 40, 50, 60]
    assert [len(g) for g in groups] == [1, 3, 2]  # at most `most` at once, none twice
    assert sorted(n for g in groups for n in g) == [1, 2, 3, 4, 5, 6]


def test_a_group_that_fails_leaves_each_to_its_caller_and_the_next_group_goes_on() -> None:
    calls: list[list[str]] = []

    def decide(items: Sequence[str]) -> list[str]:
        calls.append(list(items))
        if "bad" in items:
            raise RuntimeError("the database went away")
        return [item.upper() for item in items]

    together: Combiner[str, str] = Combiner(decide)
    assert together.submit("bad") is None
    assert together.submit("good") == "GOOD"
    assert calls == [["bad"], ["good"]]
