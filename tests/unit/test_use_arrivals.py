"""Walk-ins and check-ins on the fake unit of work: no database."""

import pytest

from queue_server.domain.errors import DomainError
from queue_server.domain.walk_ins import WalkInFull
from queue_server.services import arrivals
from queue_server.services.bookings import BookingRequest, book

from .fakes import FakeClock, FakeUnitOfWork, kiosk, seed, staff


def test_walk_in_takes_the_next_number_and_tells_the_boards():
    uow, clock = FakeUnitOfWork(), FakeClock()
    facility = seed(uow)
    first = arrivals.issue_walk_in(uow, clock, kiosk(facility), "umum")
    second = arrivals.issue_walk_in(uow, clock, kiosk(facility), "umum")
    assert (first["number"], second["number"]) == ("A-001", "A-002")
    assert second["status"] == "waiting"
    assert second["people_ahead"] == 1
    assert uow.names() == ["queue.changed", "queue.changed"]
    assert uow.published[-1].payload["services"][0]["waiting"] == 2
    assert [e.kind for e in uow.tickets.events] == ["issued", "issued"]


def test_staff_walk_in_needs_the_facility_and_priority_goes_ahead():
    uow, clock = FakeUnitOfWork(), FakeClock()
    facility = seed(uow)
    arrivals.issue_walk_in(uow, clock, staff(facility), "umum", facility_code="pkm-fake")
    elder = arrivals.issue_walk_in(uow, clock, staff(facility), "umum", "elderly",
                                   facility_code="pkm-fake")
    assert elder["priority"] == "elderly"
    assert elder["people_ahead"] == 0  # the head start puts them before the regular one


def test_walk_in_limit_refuses_and_publishes_nothing():
    uow, clock = FakeUnitOfWork(), FakeClock()
    facility = seed(uow, walkin_limit=1)
    arrivals.issue_walk_in(uow, clock, kiosk(facility), "umum")
    with pytest.raises(WalkInFull):
        arrivals.issue_walk_in(uow, clock, kiosk(facility), "umum")
    assert uow.names() == ["queue.changed"]


def test_walk_in_replays_its_idempotency_key():
    uow, clock = FakeUnitOfWork(), FakeClock()
    facility = seed(uow)
    first, made = arrivals.take_walk_in(uow, clock, kiosk(facility), "umum",
                                        idempotency_key="k1")
    again, made_again = arrivals.take_walk_in(uow, clock, kiosk(facility), "umum",
                                              idempotency_key="k1")
    assert (made, made_again) == (True, False)
    assert again["number"] == first["number"] == "A-001"
    assert len(uow.tickets.rows) == 1


def _booked(uow, clock):
    req = BookingRequest("pkm-fake", "umum", clock.now().date(), "3578010101900001",
                         "Siti Aminah", "081234567890")
    view, _ = book(uow, clock, req, window_days=7)
    return view


def test_check_in_puts_a_booked_patient_in_todays_queue():
    uow, clock = FakeUnitOfWork(), FakeClock()
    facility = seed(uow)
    booking = _booked(uow, clock)
    clock.advance(5)
    view = arrivals.check_in(uow, clock, kiosk(facility), booking["code"])
    assert view["status"] == "waiting"
    ticket = uow.tickets.rows[0]
    assert ticket.waiting_since == clock.now()
    assert "ticket.updated" in uow.names()
    assert uow.tickets.events[-1].kind == "checked_in"


def test_check_in_twice_says_why():
    uow, clock = FakeUnitOfWork(), FakeClock()
    facility = seed(uow)
    booking = _booked(uow, clock)
    arrivals.check_in(uow, clock, kiosk(facility), booking["code"])
    with pytest.raises(DomainError) as refused:
        arrivals.check_in(uow, clock, kiosk(facility), booking["code"])
    assert refused.value.code == "already_checked_in"
