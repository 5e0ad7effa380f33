"""Counter commands that move a ticket on: recall, start, skip, finish, transfer (finish
and send on) and requeue. One use case each, all run through `counter_guard.at_counter`:
the counter locked, checked against what the console saw (`Guard.seen`: StaleView, 409)
and answered once per Idempotency-Key (another body with it: IdempotencyKeyReused, 409).
Each returns the moved ticket's staff view (`views.ticket_view`)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime

from ..domain.counters import NoSkippedTicket, require_current, require_other_service
from ..domain.dayend import DayClosed
from ..domain.tickets import Action, TicketStatus
from .auth import Principal
from .counter_guard import AtCounter, Guard, at_counter
from .days import counter_days
from .events import queue_changed, ticket_changed
from .pace import note_finished
from .port_rows import CounterRow, StoredTicket
from .ports import Clock, JsonObject, UnitOfWork
from .queue import apply_action, get_service, move_ticket, open_ticket
from .views import ticket_view

# A move's change to the counter's current ticket, the counter locked.
Move = Callable[[AtCounter, StoredTicket], None]


def close_ticket(uow: UnitOfWork, ticket: StoredTicket, action: Action, actor: str,
                 now: datetime, counter: CounterRow,
                 values: Mapping[str, object] | None = None, **data: object) -> None:
    """End `ticket` at `counter` by `action` (finish, skip, transfer), `data` on its history
    row; its row written at once, with `values` (more columns) in the same update. Raises
    InvalidTransition when its status does not allow that."""
    move_ticket(uow, ticket, action, actor, now, counter.id,
                {"finished_at": now, **(values or {})}, data=data)
    note_finished(uow, ticket)  # one more observed service time, kept at once (pace.py)
    ticket_changed(uow, ticket, now, counter=counter)


def _params(transfer_to: str | None = None, number: str | None = None) -> JsonObject:
    """What a move's Idempotency-Key is bound to besides its name: the same keys for every
    move, so a key stored before the commands were split still matches."""
    return {"transfer_to": transfer_to, "number": number}


def _on_current(uow: UnitOfWork, clock: Clock, principal: Principal, counter_code: str,
                facility_code: str | None, guard: Guard | None, action: Action,
                move: Move) -> JsonObject:
    """Apply `move` to the counter's current ticket (NoCurrentTicket, 409, when it holds
    nobody) and return that ticket's staff view."""
    def perform(at: AtCounter) -> JsonObject:
        ticket = require_current(at.current, at.counter.name)
        move(at, ticket)
        uow.flush()
        return ticket_view(uow, ticket, at.now, staff=True)

    return at_counter(uow, clock, principal, counter_code, facility_code, guard,
                      action.value, _params(), perform)


def recall(uow: UnitOfWork, clock: Clock, principal: Principal, counter_code: str,
           facility_code: str | None = None, guard: Guard | None = None) -> JsonObject:
    """Announce the counter's called patient again: `recalls` goes up by one and the boards
    get a new `ticket.called`. Raises NoCurrentTicket, InvalidTransition (e.g. already
    serving), StaleView, IdempotencyKeyReused."""
    def move(at: AtCounter, ticket: StoredTicket) -> None:
        record = apply_action(uow, ticket, Action.RECALL, principal.actor, at.now,
                              at.counter.id, recall=ticket.recalls + 1)
        ticket.recalls += 1
        ticket_changed(uow, ticket, at.now, called=True, record=record)

    return _on_current(uow, clock, principal, counter_code, facility_code, guard,
                       Action.RECALL, move)


def start(uow: UnitOfWork, clock: Clock, principal: Principal, counter_code: str,
          facility_code: str | None = None, guard: Guard | None = None) -> JsonObject:
    """The called patient has arrived: service starts (`started_at`). Raises
    NoCurrentTicket, InvalidTransition, StaleView, IdempotencyKeyReused."""
    def move(at: AtCounter, ticket: StoredTicket) -> None:
        apply_action(uow, ticket, Action.START, principal.actor, at.now, at.counter.id)
        ticket.started_at = at.now
        ticket_changed(uow, ticket, at.now)

    return _on_current(uow, clock, principal, counter_code, facility_code, guard,
                       Action.START, move)


def skip(uow: UnitOfWork, clock: Clock, principal: Principal, counter_code: str,
         facility_code: str | None = None, guard: Guard | None = None) -> JsonObject:
    """The called patient did not come: a no-show (requeue can bring them back). Raises
    NoCurrentTicket, InvalidTransition, StaleView, IdempotencyKeyReused."""
    def move(at: AtCounter, ticket: StoredTicket) -> None:
        close_ticket(uow, ticket, Action.SKIP, principal.actor, at.now, at.counter)

    return _on_current(uow, clock, principal, counter_code, facility_code, guard,
                       Action.SKIP, move)


def finish(uow: UnitOfWork, clock: Clock, principal: Principal, counter_code: str,
           facility_code: str | None = None, guard: Guard | None = None) -> JsonObject:
    """Finish the counter's current patient (`transfer` sends them on instead). Raises
    NoCurrentTicket, InvalidTransition, StaleView, IdempotencyKeyReused."""
    def move(at: AtCounter, ticket: StoredTicket) -> None:
        close_ticket(uow, ticket, Action.FINISH, principal.actor, at.now, at.counter)

    return _on_current(uow, clock, principal, counter_code, facility_code, guard,
                       Action.FINISH, move)


def transfer(uow: UnitOfWork, clock: Clock, principal: Principal, counter_code: str, to: str,
             facility_code: str | None = None, guard: Guard | None = None) -> JsonObject:
    """Finish the counter's current patient and open them a ticket in the queue of service
    `to` (a code of the same facility), keeping their visit and priority; returns the
    finished ticket with the new one as `transferred_to`. Shares finish's Idempotency-Key
    name (the API's `POST /finish` with `transfer_to`).

    Raises NoCurrentTicket, ServiceNotFound (404), InvalidTransfer (422: the same
    service), InvalidTransition, StaleView, IdempotencyKeyReused."""
    def perform(at: AtCounter) -> JsonObject:
        counter, now = at.counter, at.now
        ticket = require_current(at.current, counter.name)
        target = get_service(uow, counter.facility, to)
        require_other_service(target.id, ticket.service_id)
        new = open_ticket(uow, ticket.visit, target, now, principal.actor, "transfer")
        close_ticket(uow, ticket, Action.TRANSFER, principal.actor, now, counter,
                     {"next_ticket_id": new.id}, to=target.code, number=new.number)
        queue_changed(uow, counter.facility, now, [target])
        uow.flush()
        view = ticket_view(uow, ticket, now, staff=True)
        view["transferred_to"] = ticket_view(uow, new, now)
        return view

    return at_counter(uow, clock, principal, counter_code, facility_code, guard,
                      Action.FINISH.value, _params(transfer_to=to), perform)


def requeue(uow: UnitOfWork, clock: Clock, principal: Principal, counter_code: str,
            number: str | None = None, facility_code: str | None = None,
            guard: Guard | None = None) -> JsonObject:
    """Put a patient back in the queue with the place they already earned: the one the
    counter is calling (no `number`), else the counter's latest no-show, or the no-show
    `number` (of the counter's services, today's or last night's queue).

    Raises NoSkippedTicket (404 `ticket_not_found`), DayClosed (the number's day was
    closed), InvalidTransition, StaleView, IdempotencyKeyReused."""
    def perform(at: AtCounter) -> JsonObject:
        counter, now = at.counter, at.now
        ticket = _requeue_target(uow, counter, at.current, now, number)
        apply_action(uow, ticket, Action.REQUEUE, principal.actor, now, counter.id)
        # Staff requeue a patient who has come back to the desk, and usually call them
        # straight after: the ticket leaves the counter and waits again.
        ticket.counter = None  # type: ignore[misc]  # see port_rows.StoredTicket
        ticket.finished_at = None
        uow.flush()
        ticket_changed(uow, ticket, now, counter=counter)
        queue_changed(uow, counter.facility, now, [ticket.service])
        uow.flush()
        return ticket_view(uow, ticket, now, staff=True)

    return at_counter(uow, clock, principal, counter_code, facility_code, guard,
                      Action.REQUEUE.value, _params(number=number), perform)


def _requeue_target(uow: UnitOfWork, counter: CounterRow, current: StoredTicket | None,
                    now: datetime, number: str | None) -> StoredTicket:
    if number is None and current is not None and current.status == TicketStatus.CALLED:
        return current
    service_ids = [link.service_id for link in counter.links]
    ticket = uow.tickets.no_show(service_ids, counter_days(counter, now), number, counter.id)
    if ticket is not None and uow.day_closes.closed([(ticket.service_id, ticket.day)]):
        raise DayClosed(ticket.number, ticket.day)
    if ticket is None:
        raise NoSkippedTicket(counter.name, number)
    return ticket
