"""Which dates a booking may be for: not in the past, within the booking window, and
checked in on its own day."""

from __future__ import annotations

from datetime import date, timedelta

from .dates import long_date
from .errors import DomainError, InvalidInput, Words


class DateInPast(InvalidInput):
    """A booking, or a services list, asked for a date before the facility's today."""

    code = "date_in_past"
    text_id = "Tanggal periksa tidak boleh mundur."
    text_en = "The visit date cannot be in the past."


class DateOutOfWindow(InvalidInput):
    """A booking for a date past the booking window."""

    code = "date_out_of_window"
    text_id = "Booking hanya bisa untuk {days} hari ke depan."
    text_en = "Bookings open only {days} days ahead."

    def __init__(self, days: int):
        super().__init__(days=days)


class BookingNotToday(DomainError):
    """A booking checked in on another day than the one it is for."""

    code = "booking_not_today"
    text_id = "Booking ini untuk {day}, bukan hari ini."
    text_en = "This booking is for {day}, not today."

    def __init__(self, day: date):
        super().__init__(day=Words(long_date(day), long_date(day, "en")))


def check_not_past(on: date, today: date) -> None:
    """Raise DateInPast when `on` is before `today` (both the facility's dates)."""
    if on < today:
        raise DateInPast()


def check_booking_window(on: date, today: date, window_days: int) -> None:
    """A booking may be for `today` up to `window_days` days after it: else DateInPast
    (422) or DateOutOfWindow (422)."""
    check_not_past(on, today)
    if on > today + timedelta(days=window_days):
        raise DateOutOfWindow(window_days)


def require_booked_for(day: date, today: date) -> None:
    """A booking (its ticket's `day`) is checked in only on that day: else
    BookingNotToday (409)."""
    if day != today:
        raise BookingNotToday(day)
