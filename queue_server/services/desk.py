"""Desk use cases beyond "next": call a given number to the counter, and change a ticket's
priority with who and why on record."""

from __future__ import annotations

from ..domain.counters import (
    NumberNotInQueue,
    parse_reason,
    parse_ticket_number,
    priority_change,
)
from ..domain.priority import queue_key
from ..domain.tickets import TicketStatus
from .auth import Principal
from .counter_calls import call_ticket, require_open
from .counter_guard import AtCounter, Guard, at_counter
from .days import counter_days
from .events import queue_changed, ticket_changed
from .port_rows import StoredTicket
from .ports import Clock, JsonObject, UnitOfWork
from .views import ticket_view

PRIORITY_CHANGED = "priority_changed"  # the history row's kind


def _ticket_at(uow: UnitOfWork, at: AtCounter, typed: str) -> StoredTicket:
    """A ticket of the counter's services in today's (and last night's) queue, by the
    number staff typed; NumberNotInQueue (404 `ticket_not_found`) says which counter
    looked."""
    counter = at.counter
    number = parse_ticket_number(typed, [link.service.prefix for link in counter.links])
    service_ids = [link.service_id for link in counter.links]
    ticket = uow.tickets.ticket_by_number(service_ids, counter_days(counter, at.now), number,
                                          lock=True)
    if ticket is None:
        raise NumberNotInQueue(number, counter.name)
    return ticket


def call_number(
    uow: UnitOfWork, clock: Clock, principal: Principal, counter_code: str, number: str,
    facility_code: str | None = None, notify_at: int | None = None,
    guard: Guard | None = None,
) -> JsonObject:
    """Call the waiting ticket `number` (as staff type it: `A-012`, `a12`) to this counter,
    finishing whoever it still holds, as "next" does; returns the called ticket.

    Raises `invalid_number` (422), `ticket_not_found` (404), InvalidTransition (409, e.g.
    the number is being called elsewhere or is done), `counter_paused`, StaleView and
    `idempotency_key_reused`.
    """
    def perform(at: AtCounter) -> JsonObject:
        require_open(at.counter)
        ticket = _ticket_at(uow, at, number)
        return call_ticket(uow, at, ticket, principal, notify_at, by="call_number")

    return at_counter(uow, clock, principal, counter_code, facility_code, guard,
                      "call-number", {"number": number}, perform)


def change_priority(
    uow: UnitOfWork, clock: Clock, principal: Principal, counter_code: str, number: str,
    priority: str, reason: str, facility_code: str | None = None,
    guard: Guard | None = None,
) -> JsonObject:
    """Give ticket `number` (of the counter's services) another priority class, recorded
    as a `priority_changed` history row with the actor, `from`, `to` and `reason`.

    A waiting ticket takes its new place in line at once (its queue key is worked out again
    from when it started waiting); the visit keeps the class for its next stations.
    Returns the ticket. Raises `invalid_number`, `invalid_priority`, `reason_required`
    (422), `ticket_not_found` (404), `ticket_closed`, `priority_unchanged`, StaleView and
    `idempotency_key_reused` (409).
    """
    why = parse_reason(reason)

    def perform(at: AtCounter) -> JsonObject:
        ticket = _ticket_at(uow, at, number)
        before = ticket.priority
        new = priority_change(ticket.status, ticket.number, before, priority)
        ticket.priority = new.value
        ticket.visit.priority = new.value
        if ticket.status == TicketStatus.WAITING and ticket.waiting_since is not None:
            ticket.queue_key = queue_key(new, ticket.waiting_since)
        uow.tickets.add_event(
            ticket_id=ticket.id, facility_id=ticket.facility_id, kind=PRIORITY_CHANGED,
            at=at.now, actor=principal.actor, counter_id=at.counter.id,
            data={"number": ticket.number, "from": before, "to": new.value, "reason": why},
        )
        uow.flush()
        ticket_changed(uow, ticket, at.now)
        queue_changed(uow, at.counter.facility, at.now, [ticket.service])
        return ticket_view(uow, ticket, at.now, staff=True)

    return at_counter(uow, clock, principal, counter_code, facility_code, guard, "priority",
                      {"number": number, "priority": priority, "reason": why}, perform)
