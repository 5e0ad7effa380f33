"""A poli's day in the figures Mobile JKN shows: how many numbers, how many still to be
served, the number last called, and the day's places (JKN and non-JKN quota)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select

from queue_server.domain.booking_limits import QuotaLeft
from queue_server.domain.statuses import TicketStatus
from queue_server.persistence.models import Ticket
from queue_server.services import bookings

# Numbers not yet served: booked (not arrived), waiting; a held booking awaits its code.
_LEFT = (TicketStatus.BOOKED.value, TicketStatus.WAITING.value)


@dataclass(frozen=True)
class DayFigures:
    """`total` numbers of the day (cancelled ones not counted), `left` still to be
    called, `called` the number last called ("" before the first call)."""

    total: int
    left: int
    called: str


def day_figures(uow: Any, service_id: int, day: date) -> DayFigures:
    """The figures of service `service_id` on `day` (read in the caller's transaction)."""
    session = uow.session
    of_day = (Ticket.service_id == service_id, Ticket.day == day)
    total = session.scalar(select(func.count()).where(
        *of_day, Ticket.status.notin_((TicketStatus.CANCELLED.value,
                                       TicketStatus.HELD.value))))
    left = session.scalar(select(func.count()).where(*of_day, Ticket.status.in_(_LEFT)))
    called = session.scalar(select(Ticket.number).where(
        *of_day, Ticket.called_at.is_not(None)).order_by(Ticket.called_at.desc()).limit(1))
    return DayFigures(int(total or 0), int(left or 0), called or "")


def places(uow: Any, service_id: int, day: date) -> QuotaLeft:
    """The day's places of a service, JKN members' and others' (the core's split,
    services.bookings.quota_left: both sides the whole quota when it is not split)."""
    return bookings.quota_left(uow, service_id, day)
