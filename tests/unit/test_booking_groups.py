"""Bookings decided together: what a group's earlier bookings add to each one's day
(domain/booking_groups.py), and the combiner that forms the groups (services/together.py)."""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import date

from queue_server.domain.booking_groups import DayFigures, GroupTally
from queue_server.services.together import Combiner
from tests.conftest import ROOT
from tests.support.combiner import queued

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


def test_those_that_arrive_while_a_group_is_decided_form_the_next_group() -> None:
    groups: list[list[int]] = []
    gate, started = threading.Event(), threading.Event()

    def decide(items: Sequence[int]) -> list[int]:
        groups.append(list(items))
        if len(groups) == 1:
            started.set()
            assert gate.wait(5)
        return [10 * item for item in items]

    together: Combiner[int, int] = Combiner(decide, most=3)
    changed = queued(together)
    with ThreadPoolExecutor(6) as pool:
        first = pool.submit(together.submit, 1)
        assert started.wait(5) and groups == [[1]]
        rest = [pool.submit(together.submit, n) for n in (2, 3, 4, 5, 6)]
        with changed:
            assert changed.wait_for(lambda: len(together._waiting) == 5, timeout=5)
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


GEVENT_SCRIPT = r'''
from gevent import monkey
monkey.patch_all()
import sys
import gevent
from queue_server.services.together import Combiner

most = int(sys.argv[1])
groups = []

def decide(items):
    groups.append(list(items))
    gevent.sleep(0.01)  # a round trip to the database: others arrive meanwhile
    return [10 * item for item in items]

together = Combiner(decide, most=most)
if len(sys.argv) > 2:  # the leader is killed while it gives way: the others still go on
    import time
    from types import SimpleNamespace
    from queue_server.services import together as module

    def killed(_):
        module.time = time
        raise gevent.GreenletExit()

    module.time = SimpleNamespace(sleep=killed)
    try:
        together.submit(99)
    except gevent.GreenletExit:
        pass
    others = [gevent.spawn(together.submit, n) for n in range(2)]
    gevent.joinall(others, timeout=10, raise_error=True)
    assert [job.value for job in others] == [0, 10], [job.value for job in others]
    assert together.submit(7) == 70
    print(groups)
    sys.exit(0)
jobs = [gevent.spawn(together.submit, n) for n in range(5)]
gevent.joinall(jobs, timeout=10, raise_error=True)
assert [job.value for job in jobs] == [0, 10, 20, 30, 40], [job.value for job in jobs]
print(groups)
'''


def test_those_that_arrive_at_the_same_moment_join_the_new_groups_leader() -> None:
    """Under gevent (as in a server process) a new group's leader gives way once before
    deciding: greenlets ready to submit at that moment join its group, instead of the
    leader deciding alone and the rest forming the next group."""
    def groups(most: int, *kill: str) -> str:
        done = subprocess.run([sys.executable, "-c", GEVENT_SCRIPT, str(most), *kill],
                              cwd=ROOT, capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        return done.stdout.strip()

    assert groups(8) == "[[0, 1, 2, 3, 4]]"
    assert groups(3) == "[[0, 1, 2], [3, 4]]"  # still at most `most` at once
    # A leader killed while it gives way (a request's greenlet ended) leaves no group
    # stuck: those waiting form the next one, and later ones are decided as before.
    assert groups(8, "kill") == "[[0, 1], [7]]"
