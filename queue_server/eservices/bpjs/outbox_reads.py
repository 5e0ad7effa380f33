"""What the outbox reads (bpjs/outbox.py): the ticket history after its cursor, the
visits it touched at facilities that report to BPJS, and one visit's tickets with their
events as the pure task rules take them (bpjs/tasks.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from queue_server.persistence.models import Ticket, TicketEvent, Visit

from .models import BpjsCursor, BpjsFacility
from .tasks import TicketEvent as Event
from .tasks import TicketHistory

CURSOR_ID = 1
# Events read per round: a busy day's hour at a large puskesmas is a few thousand.
BATCH = 2000
HOLD_ENDS = ("hold_expired", "hold_released")


@dataclass(frozen=True)
class VisitHistory:
    """One visit as the outbox needs it: the row (code, day, channel, card number, and
    the personal fields read only to build a body), its tickets with statuses, and its
    history for the task rules."""

    visit: Visit
    statuses: dict[int, str]
    tickets: tuple[TicketHistory, ...]


def locked_cursor(uow: Any) -> BpjsCursor:
    """The outbox cursor, locked for this transaction (`SELECT … FOR UPDATE` on
    PostgreSQL; SQLite's writers are serialised already): a second process reading at
    the same time waits, then reads after the first one's batch. Made when missing."""
    cursor = uow.session.scalars(
        select(BpjsCursor).where(BpjsCursor.id == CURSOR_ID).with_for_update()).first()
    if cursor is None:
        cursor = BpjsCursor(id=CURSOR_ID, last_event_id=0)
        uow.session.add(cursor)
        uow.session.flush()
    return cursor


def touched_visits(uow: Any, after: int, batch: int = BATCH) -> tuple[list[int], int]:
    """The visits whose tickets have history rows after event id `after` (the next
    `batch` rows of any facility), at facilities reporting to BPJS, in first-touched
    order; and the last event id read (`after` when none)."""
    rows = uow.session.execute(
        select(TicketEvent.id, Ticket.visit_id, BpjsFacility.reporting)
        .join(Ticket, Ticket.id == TicketEvent.ticket_id)
        .outerjoin(BpjsFacility, BpjsFacility.facility_id == TicketEvent.facility_id)
        .where(TicketEvent.id > after)
        .order_by(TicketEvent.id).limit(batch)).all()
    seen: dict[int, None] = {}
    for _, visit_id, reporting in rows:
        if reporting:
            seen.setdefault(visit_id, None)
    return list(seen), int(rows[-1][0]) if rows else after


def visit_history(uow: Any, visit_id: int) -> VisitHistory | None:
    """Visit `visit_id` with its tickets (by id) and their events (by time, then id)."""
    visit = uow.session.get(Visit, visit_id)
    if visit is None:
        return None
    tickets = list(uow.session.scalars(
        select(Ticket).where(Ticket.visit_id == visit_id).order_by(Ticket.id)))
    events = uow.session.execute(
        select(TicketEvent.ticket_id, TicketEvent.kind, TicketEvent.at)
        .where(TicketEvent.ticket_id.in_([t.id for t in tickets]))
        .order_by(TicketEvent.at, TicketEvent.id)).all() if tickets else []
    per: dict[int, list[Event]] = {t.id: [] for t in tickets}
    for ticket_id, kind, at in events:
        per[ticket_id].append(Event(kind, at))
    history = tuple(TicketHistory(t.id, t.service_id, t.source, tuple(per[t.id]))
                    for t in tickets)
    return VisitHistory(visit, {t.id: t.status for t in tickets}, history)


def first_booked_poli(found: VisitHistory, polis: dict[int, Any]) -> int | None:
    """The service id of the visit's first ticket in a mapped poli (`polis`: service id
    → its role) that is a real visit (not a booking hold waiting for its phone code,
    nor one that expired or was released), or None."""
    for ticket in found.tickets:
        if ticket.service_id not in polis or found.statuses[ticket.ticket_id] == "held":
            continue
        if any(e.kind in HOLD_ENDS for e in ticket.events):
            continue
        return ticket.service_id
    return None
