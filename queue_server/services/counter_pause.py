"""Pausing a counter (it calls nobody until resumed) and resuming it: one use case each,
run through `counter_guard.at_counter` like every counter command."""

from __future__ import annotations

from .auth import Principal
from .counter_guard import AtCounter, Guard, at_counter, counter_state
from .events import queue_changed
from .ports import Clock, JsonObject, UnitOfWork
from .views import forget_pace, ticket_view


def _switch(uow: UnitOfWork, clock: Clock, principal: Principal, counter_code: str,
            paused: bool, facility_code: str | None, guard: Guard | None) -> JsonObject:
    """Set the counter's `paused` (repeating it changes nothing and tells nobody); returns
    the counter with its ticket's staff view (None when it holds nobody)."""
    def perform(at: AtCounter) -> JsonObject:
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


def pause(uow: UnitOfWork, clock: Clock, principal: Principal, counter_code: str,
          facility_code: str | None = None, guard: Guard | None = None) -> JsonObject:
    """Pause the counter: call-next and call-number are refused (CounterPaused) until it
    resumes; pausing a paused counter is harmless. Returns the counter with its ticket.
    Raises StaleView and IdempotencyKeyReused (see `at_counter`)."""
    return _switch(uow, clock, principal, counter_code, True, facility_code, guard)


def resume(uow: UnitOfWork, clock: Clock, principal: Principal, counter_code: str,
           facility_code: str | None = None, guard: Guard | None = None) -> JsonObject:
    """Resume a paused counter (an open one stays as it is). Returns the counter with its
    ticket. Raises StaleView and IdempotencyKeyReused (see `at_counter`)."""
    return _switch(uow, clock, principal, counter_code, False, facility_code, guard)
