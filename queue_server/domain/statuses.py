"""The words a ticket's status is stored and sent as (every status comparison names
these), and how a sentence says each one (the catalogue's `status.*`)."""

from __future__ import annotations

from enum import StrEnum

from .texts import both


class TicketStatus(StrEnum):
    # A phone booking's place, held until the phone proves itself with a one-time code
    # (services/booking_holds.py): not checked in, not on boards, not counted as waiting,
    # not counted by the one-booking rules; it takes a place of the day's quota.
    HELD = "held"
    BOOKED = "booked"
    WAITING = "waiting"
    CALLED = "called"
    SERVING = "serving"
    DONE = "done"
    NO_SHOW = "no_show"
    CANCELLED = "cancelled"


def said(status: TicketStatus | str) -> tuple[str, str]:
    """How a sentence says a status, `(id, en)`: `said("called")` is ("sedang dipanggil",
    "being called"), as in "Nomor Anda B-001, sedang dipanggil." Raises ValueError for a
    word that is not a status."""
    return both(f"status.{TicketStatus(status).value}")
