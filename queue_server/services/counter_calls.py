"""Calling a patient to a counter: "next" (the first waiting in call order), and the one
step every call shares (`call_ticket`), which desk.py's call-by-number uses too."""

from __future__ import annotations

from ..domain.counters import require_not_paused
from ..domain.errors import QueueEmpty
from ..domain.tickets import Action
from .auth import Principal
from .counter_guard import AtCounter, Guard, at_counter
from .counter_moves import close_ticket
from .days import counter_days
from .events import queue_changed, ticket_changed
from .notifications import notice_nearly
from .port_rows import CounterRow, StoredTicket
from .ports import Clock, JsonObject, UnitOfWork
from .queue import move_ticket
from .views import ticket_view


def require_open(counter: CounterRow) -> None:
    """Raise CounterPaused (409) while the counter is paused: it calls nobody."""
    require_not_paused(counter.paused, counter.name)


def call_ticket(uow: UnitOfWork, at: AtCounter, ticket: StoredTicket, principal: Principal,
                notify_at: int | None, by: str = "call_next") -> JsonObject:
    """Call `ticket` (waiting) to the locked counter, finishing whoever it still holds
    (the finish row names `by`, the command that did it); returns the called ticket's staff
    view. Raises InvalidTransition if it is not waiting."""
    counter, now = at.counter, at.now
    if at.current is not None:
        close_ticket(uow, at.current, Action.FINISH, principal.actor, now, counter, by=by)
    # One versioned update of the ticket's row (status, counter, call time), then the
    # queue's count; the history row goes in at the commit, with its seq.
    record = move_ticket(uow, ticket, Action.CALL, principal.actor, now, counter.id,
                         {"called_at": now}, counter=counter)
    ticket_changed(uow, ticket, now, called=True, record=record)
    queue_changed(uow, counter.facility, now, [ticket.service])
    notice_nearly(uow, ticket.service, now, notify_at)
    return ticket_view(uow, ticket, now, staff=True)


def call_next(
    uow: UnitOfWork, clock: Clock, principal: Principal, counter_code: str,
    facility_code: str | None = None, notify_at: int | None = None,
    guard: Guard | None = None,
) -> JsonObject:
    """Call the next waiting patient to this counter; returns the called ticket.

    Whoever the counter still holds is finished first, as staff at a desk expect from
    "next"; when nobody waits, nothing changes and QueueEmpty is raised. Also raises
    CounterPaused, StaleView and IdempotencyKeyReused (see `at_counter`).
    """
    def perform(at: AtCounter) -> JsonObject:
        counter = at.counter
        require_open(counter)
        ranks = {link.service_id: link.rank for link in counter.links}
        days = counter_days(counter, at.now)
        ticket = uow.calls.next_waiting(counter, ranks, days, lock=True) if ranks else None
        if ticket is None:
            raise QueueEmpty(counter.name)
        return call_ticket(uow, at, ticket, principal, notify_at)

    return at_counter(uow, clock, principal, counter_code, facility_code, guard,
                      "call-next", {}, perform, plain=True)
