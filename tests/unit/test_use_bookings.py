"""Booking and cancelling on the fake unit of work: no database."""

from datetime import timedelta

import pytest

from queue_server.domain.booking_limits import AlreadyBooked, QuotaFull
from queue_server.services import arrivals
from queue_server.services.bookings import BookingRequest, book, cancel

from .fakes import FakeClock, FakeUnitOfWork, kiosk, seed

NIKS = ("3578010101900001", "3578014202900002")


def _request(clock, nik=NIKS[0], days=1):
    return BookingRequest("pkm-fake", "umum", clock.now().date() + timedelta(days=days), nik,
                          "Siti Aminah", "081234567890")


def test_book_takes_a_number_of_that_day_and_masks_the_patient():
    uow, clock = FakeUnitOfWork(), FakeClock()
    seed(uow)
    view, created = book(uow, clock, _request(clock), window_days=7)
    assert created
    assert (view["number"], view["status"]) == ("A-001", "booked")
    assert view["date"] == (clock.now().date() + timedelta(days=1)).isoformat()
    assert view["patient"]["nik"] != NIKS[0]  # masked
    assert uow.tickets.rows[0].source == "booking"
    assert uow.published == []  # a booked number is not in any queue yet


def test_one_booking_per_nik_and_service_and_day():
    uow, clock = FakeUnitOfWork(), FakeClock()
    seed(uow)
    book(uow, clock, _request(clock), window_days=7)
    with pytest.raises(AlreadyBooked):
        book(uow, clock, _request(clock), window_days=7)


def test_quota_full_refuses_the_next_patient():
    uow, clock = FakeUnitOfWork(), FakeClock()
    seed(uow, booking_quota=1)
    book(uow, clock, _request(clock), window_days=7)
    with pytest.raises(QuotaFull) as refused:
        book(uow, clock, _request(clock, NIKS[1]), window_days=7)
    assert refused.value.code == "quota_full"


def test_book_replays_its_idempotency_key():
    uow, clock = FakeUnitOfWork(), FakeClock()
    seed(uow)
    first, _ = book(uow, clock, _request(clock), window_days=7, idempotency_key="b1")
    again, created = book(uow, clock, _request(clock), window_days=7, idempotency_key="b1")
    assert not created
    assert again["code"] == first["code"]
    assert len(uow.tickets.rows) == 1


def test_cancel_gives_the_place_back():
    uow, clock = FakeUnitOfWork(), FakeClock()
    seed(uow, booking_quota=1)
    view, _ = book(uow, clock, _request(clock), window_days=7)
    cancelled = cancel(uow, clock, view["code"])
    assert cancelled["status"] == "cancelled"
    assert uow.tickets.rows[0].finished_at == clock.now()
    again, created = book(uow, clock, _request(clock, NIKS[1]), window_days=7)
    assert created and again["number"] == "A-002"


def test_cancel_of_a_waiting_patient_tells_the_boards():
    uow, clock = FakeUnitOfWork(), FakeClock()
    facility = seed(uow)
    view, _ = book(uow, clock, _request(clock, days=0), window_days=7)
    arrivals.check_in(uow, clock, kiosk(facility), view["code"])
    uow.published.clear()
    cancel(uow, clock, view["code"])
    assert uow.names() == ["ticket.updated", "queue.changed"]
    assert uow.published[-1].payload["services"][0]["waiting"] == 0
