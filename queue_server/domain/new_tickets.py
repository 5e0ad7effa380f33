"""What a new visit and a new ticket are made of: the one description every way of writing
them (Core inserts on the walk-in path, the ORM for a transfer) takes its columns from."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, datetime
from typing import Any

from .numbering import format_number
from .priority import Priority, queue_key
from .tickets import TicketStatus


@dataclass(frozen=True)
class NewVisit:
    """A patient's visit as it is first written; `nik`…`bpjs_number` only for bookings."""

    facility_id: int
    code: str
    day: date
    # kiosk, staff or mobile: where the visit began.
    channel: str
    priority: str
    created_at: datetime
    nik: str | None
    name: str | None
    phone: str | None
    bpjs_number: str | None

    def row(self) -> dict[str, Any]:
        """The visit's columns by name (the description's fields, nothing else)."""
        values = self.__dict__  # read directly: this runs for every walk-in
        return {name: values[name] for name in VISIT_FIELDS}


@dataclass(frozen=True)
class NewTicket:
    """A numbered ticket as it is first written; its visit's id is added by the writer.

    Columns left out (counter, call and service times, recalls, version, the transfer
    link) start empty or at their defaults."""

    facility_id: int
    service_id: int
    day: date
    seq: int
    number: str
    priority: str
    status: TicketStatus
    # walk_in, booking or transfer: how the ticket entered this queue.
    source: str
    issued_at: datetime
    waiting_since: datetime | None
    queue_key: datetime | None

    def row(self) -> dict[str, Any]:
        """The ticket's columns by name (the description's fields, nothing else)."""
        values = self.__dict__  # read directly: this runs for every walk-in
        return {name: values[name] for name in TICKET_FIELDS}


VISIT_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(NewVisit))
TICKET_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(NewTicket))


def new_ticket(facility_id: int, service_id: int, prefix: str, day: date, seq: int,
               priority: str, status: TicketStatus, source: str,
               now: datetime) -> NewTicket:
    """The `seq`-th ticket of a service's `day`, issued at `now` (aware).

    A ticket that joins the queue at once (WAITING) waits from `now` with its priority's
    head start; a booking or a held place waits for nothing yet. Raises ValueError for
    a `seq` below 1 and for an unknown `priority`."""
    waiting = status is TicketStatus.WAITING
    return NewTicket(
        facility_id=facility_id, service_id=service_id, day=day, seq=seq,
        number=format_number(prefix, seq), priority=priority, status=status, source=source,
        issued_at=now, waiting_since=now if waiting else None,
        queue_key=queue_key(Priority(priority), now) if waiting else None,
    )
