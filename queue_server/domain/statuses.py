"""The words a ticket's status is stored and sent as: every status comparison names these."""

from __future__ import annotations

from enum import StrEnum


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
