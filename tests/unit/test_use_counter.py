"""The counter commands on the fake unit of work: no database."""

import pytest

from queue_server.domain.counters import CounterPaused, NoCurrentTicket, NoSkippedTicket
from queue_server.domain.errors import InvalidTransition, QueueEmpty
from queue_server.services import arrivals
from queue_server.services import counter_actions as desk

from .fakes import FakeClock, FakeUnitOfWork, kiosk, seed, staff

LOKET = "loket-umum"


def _queue(n=2, **seed_args):
    uow, clock = FakeUnitOfWork(), FakeClock()
    facility = seed(uow, **seed_args)
    for _ in range(n):
        arrivals.issue_walk_in(uow, clock, kiosk(facility), "umum")
        clock.advance(1)
    uow.published.clear()
    return uow, clock, staff(facility)


def test_call_next_calls_the_first_in_line_to_this_counter():
    uow, clock, ani = _queue()
    view = desk.call_next(uow, clock, ani, LOKET)
    assert (view["number"], view["status"]) == ("A-001", "called")
    assert view["counter"] == {"code": LOKET, "name": "Loket-Umum"}
    assert uow.names() == ["ticket.called", "queue.changed"]
    assert uow.published[1].payload["services"][0]["waiting"] == 1
    assert uow.directory.locked == [1]


def test_call_next_finishes_whoever_the_counter_still_holds():
    uow, clock, ani = _queue()
    desk.call_next(uow, clock, ani, LOKET)
    view = desk.call_next(uow, clock, ani, LOKET)
    assert view["number"] == "A-002"
    assert [t.status for t in uow.tickets.rows] == ["done", "called"]


def test_call_next_on_an_empty_queue_changes_nothing():
    uow, clock, ani = _queue(n=0)
    with pytest.raises(QueueEmpty):
        desk.call_next(uow, clock, ani, LOKET)
    assert uow.published == []


def test_a_paused_counter_calls_nobody_until_resumed():
    uow, clock, ani = _queue()
    paused = desk.pause(uow, clock, ani, LOKET)
    assert paused["paused"] is True
    assert uow.names() == ["queue.changed"]
    assert uow.published[0].payload["services"][0]["open_counters"] == 0
    with pytest.raises(CounterPaused):
        desk.call_next(uow, clock, ani, LOKET)
    assert desk.resume(uow, clock, ani, LOKET)["paused"] is False
    assert desk.call_next(uow, clock, ani, LOKET)["number"] == "A-001"


def test_recall_counts_and_announces_again():
    uow, clock, ani = _queue()
    desk.call_next(uow, clock, ani, LOKET)
    uow.published.clear()
    view = desk.recall(uow, clock, ani, LOKET)
    assert view["recalls"] == 1
    assert uow.names() == ["ticket.called"]
    assert uow.published[0].payload["recall"] is True


def test_start_then_finish():
    uow, clock, ani = _queue()
    desk.call_next(uow, clock, ani, LOKET)
    clock.advance(2)
    assert desk.start(uow, clock, ani, LOKET)["status"] == "serving"
    assert uow.tickets.rows[0].started_at == clock.now()
    clock.advance(5)
    assert desk.finish(uow, clock, ani, LOKET)["status"] == "done"
    assert uow.tickets.rows[0].finished_at == clock.now()
    with pytest.raises(NoCurrentTicket):
        desk.finish(uow, clock, ani, LOKET)


def test_skip_then_requeue_by_number():
    uow, clock, ani = _queue()
    desk.call_next(uow, clock, ani, LOKET)
    assert desk.skip(uow, clock, ani, LOKET)["status"] == "no_show"
    back = desk.requeue(uow, clock, ani, LOKET, number="A-001")
    assert back["status"] == "waiting"
    assert back["counter"] is None
    # Back with the place already earned: called before A-002.
    assert desk.call_next(uow, clock, ani, LOKET)["number"] == "A-001"


def test_requeue_without_a_skipped_ticket():
    uow, clock, ani = _queue()
    with pytest.raises(NoSkippedTicket):
        desk.requeue(uow, clock, ani, LOKET, number="A-009")


def test_start_needs_a_called_ticket():
    uow, clock, ani = _queue()
    desk.call_next(uow, clock, ani, LOKET)
    desk.start(uow, clock, ani, LOKET)
    with pytest.raises(InvalidTransition):
        desk.start(uow, clock, ani, LOKET)


def test_transfer_finishes_here_and_queues_at_the_other_service():
    uow, clock, ani = _queue(services=("umum", "gigi"))
    desk.call_next(uow, clock, ani, LOKET)
    view = desk.transfer(uow, clock, ani, LOKET, to="gigi")
    assert view["status"] == "done"
    assert view["transferred_to"]["number"] == "B-001"
    assert view["transferred_to"]["status"] == "waiting"
    first, new = uow.tickets.rows[0], uow.tickets.rows[-1]
    assert first.next_ticket_id == new.id
    assert new.visit is first.visit
    assert [e.kind for e in uow.tickets.events][-2:] == ["issued", "transferred"]
    assert desk.call_next(uow, clock, ani, "loket-gigi")["number"] == "B-001"
