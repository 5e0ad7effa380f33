"""Counter use cases: call the next patient, and move the counter's ticket on (recall,
start, skip, finish, transfer, requeue, pause).

Each runs through `counter_guard.at_counter`: locked, checked against what the console saw
(`expected_current`), and answered once per Idempotency-Key."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ..domain.counters import (
    NoSkippedTicket,
    require_current,
    require_not_paused,
    require_other_service,
)
from ..domain.dayend import DayClosed
from ..domain.errors import QueueEmpty
from ..domain.tickets import Action
from .auth import Principal
from .counter_guard import AtCounter, Guard, at_counter, counter_state
from .days import counter_days
from .events import queue_changed, ticket_changed
from .notifications import notice_nearly
from .ports import Clock, UnitOfWork
from .queue import apply_action, get_service, open_ticket
from .views import forget_pace, ticket_view


def _current(ticket: Any, counter: Any) -> Any:
    return require_current(ticket, counter.name)


def _close(uow: UnitOfWork, ticket: Any, action: Action, actor: str, now: datetime,
           counter: Any, **data: Any) -> None:
    apply_action(uow, ticket, action, actor, now, counter.id, **data)
    ticket.finished_at = now
    forget_pace(uow, ticket.service_id)  # one more observed service time
    ticket_changed(uow, ticket, now, counter=counter)


def require_open(counter: Any) -> None:
    """Raise CounterPaused (409) while the counter is paused: it calls nobody."""
    require_not_paused(counter.paused, counter.name)


def call_ticket(uow: UnitOfWork, at: AtCounter, ticket: Any, principal: Principal,
                notify_at: int | None, by: str = "call_next") -> dict[str, Any]:
    """Call `ticket` (waiting) to the locked counter, finishing whoever it still holds;
    returns the called ticket's staff view. Raises InvalidTransition if it is not waiting."""
    counter, now = at.counter, at.now
    if at.current is not None:
        _close(uow, at.current, Action.FINISH, principal.actor, now, counter, by=by)
    record = apply_action(uow, ticket, Action.CALL, principal.actor, now, counter.id)
    ticket.counter = counter
    ticket.called_at = now
    uow.flush()
    ticket_changed(uow, ticket, now, called=True, record=record)
    queue_changed(uow, counter.facility, now, [ticket.service])
    notice_nearly(uow, ticket.service, now, notify_at)
    return ticket_view(uow, ticket, now, staff=True)


def call_next(
    uow: UnitOfWork, clock: Clock, principal: Principal, counter_code: str,
    facility_code: str | None = None, notify_at: int | None = None,
    guard: Guard | None = None,
) -> dict[str, Any]:
    """Call the next waiting patient to this counter; returns the called ticket.

    Whoever the counter still holds is finished first, as staff at a desk expect from
    "next"; when nobody waits, nothing changes and QueueEmpty is raised. Also raises
    CounterPaused, StaleView and IdempotencyKeyReused (see `at_counter`).
    """
    def perform(at: AtCounter) -> dict[str, Any]:
        counter = at.counter
        require_open(counter)
        ranks = {link.service_id: link.rank for link in counter.links}
        days = counter_days(counter, at.now)
        ticket = uow.tickets.next_waiting(ranks, days, lock=True) if ranks else None
        if ticket is None:
            raise QueueEmpty(counter.name)
        return call_ticket(uow, at, ticket, principal, notify_at)

    return at_counter(uow, clock, principal, counter_code, facility_code, guard,
                      "call-next", {}, perform)


def _transfer(uow: UnitOfWork, ticket: Any, target_code: str, principal: Principal,
              now: datetime, counter: Any) -> Any:
    facility = counter.facility
    target = get_service(uow, facility, target_code)
    require_other_service(target.id, ticket.service_id)
    new = open_ticket(uow, ticket.visit, target, now, principal.actor, "transfer")
    _close(uow, ticket, Action.TRANSFER, principal.actor, now, counter,
           to=target.code, number=new.number)
    ticket.next_ticket_id = new.id
    queue_changed(uow, facility, now, [target])
    return new


def counter_action(
    uow: UnitOfWork, clock: Clock, principal: Principal, counter_code: str, action: Action,
    facility_code: str | None = None, transfer_to: str | None = None,
    number: str | None = None, guard: Guard | None = None,
) -> dict[str, Any]:
    """Recall, start, skip, finish (optionally sending on to `transfer_to`) or requeue
    (the called patient, or the no-show `number`) the counter's ticket; returns it.

    Raises `no_current_ticket`, InvalidTransition, NotFound, StaleView and
    `idempotency_key_reused` (see `at_counter`)."""
    def perform(at: AtCounter) -> dict[str, Any]:
        counter, now = at.counter, at.now
        transferred = None
        if action is Action.REQUEUE:
            ticket = _requeue_target(uow, counter, at.current, now, number)
        else:
            ticket = _current(at.current, counter)
        if action is Action.FINISH and transfer_to:
            transferred = _transfer(uow, ticket, transfer_to, principal, now, counter)
        else:
            _move(uow, ticket, action, principal.actor, now, counter)
        uow.flush()
        view = ticket_view(uow, ticket, now, staff=True)
        if transferred is not None:
            view["transferred_to"] = ticket_view(uow, transferred, now)
        return view

    params = {"transfer_to": transfer_to, "number": number}
    return at_counter(uow, clock, principal, counter_code, facility_code, guard,
                      action.value, params, perform)


def _move(uow: UnitOfWork, ticket: Any, action: Action, actor: str, now: datetime,
          counter: Any) -> None:
    if action in (Action.SKIP, Action.FINISH):
        _close(uow, ticket, action, actor, now, counter)
        return
    if action is Action.RECALL:
        record = apply_action(uow, ticket, action, actor, now, counter.id,
                              recall=ticket.recalls + 1)
        ticket.recalls += 1
        ticket_changed(uow, ticket, now, called=True, record=record)
        return
    apply_action(uow, ticket, action, actor, now, counter.id)
    if action is Action.START:
        ticket.started_at = now
    elif action is Action.REQUEUE:
        # Back in line with the place they already earned: staff requeue a patient who has
        # come back to the desk, and usually call them straight after.
        ticket.counter = None
        ticket.finished_at = None
        uow.flush()
        ticket_changed(uow, ticket, now, counter=counter)
        queue_changed(uow, counter.facility, now, [ticket.service])
        return
    else:
        raise ValueError(f"not a counter action: {action}")
    ticket_changed(uow, ticket, now)


def _requeue_target(uow: UnitOfWork, counter: Any, current: Any, now: datetime,
                    number: str | None) -> Any:
    if number is None and current is not None and current.status == "called":
        return current
    service_ids = [link.service_id for link in counter.links]
    ticket = uow.tickets.no_show(service_ids, counter_days(counter, now), number, counter.id)
    if ticket is not None and uow.day_closes.closed([(ticket.service_id, ticket.day)]):
        raise DayClosed(ticket.number, ticket.day)
    if ticket is None:
        raise NoSkippedTicket(counter.name, number)
    return ticket


def set_paused(
    uow: UnitOfWork, clock: Clock, principal: Principal, counter_code: str, paused: bool,
    facility_code: str | None = None, guard: Guard | None = None,
) -> dict[str, Any]:
    """Pause a counter (no calls until resumed) or resume it; repeating either is harmless.

    Returns the counter with its ticket; raises StaleView and `idempotency_key_reused`
    (see `at_counter`)."""
    def perform(at: AtCounter) -> dict[str, Any]:
        counter, now = at.counter, at.now
        if counter.paused != paused:
            counter.paused = paused
            uow.flush()
            for link in counter.links:
                forget_pace(uow, link.service_id)  # open counters changed
            queue_changed(uow, counter.facility, now, [link.service for link in counter.links],
                          counter=counter)
        view = counter_state(counter, None)
        current = at.current
        view["ticket"] = ticket_view(uow, current, now, staff=True) if current else None
        return view

    return at_counter(uow, clock, principal, counter_code, facility_code, guard,
                      "pause" if paused else "resume", {}, perform)
