"""What every counter action shares: the counter's lock, the console's view check and the
client's Idempotency-Key, so a double press or a retried request never acts twice."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from ..domain.counters import SeenCurrent, require_seen
from . import idempotency
from .auth import Principal
from .port_rows import CounterRow, StoredTicket, TicketFacts
from .ports import Clock, JsonObject, UnitOfWork
from .queue import resolve_counter
from .views import counter_view


@dataclass(frozen=True)
class Guard:
    """What the caller saw (`seen`: None when not sent) and its Idempotency-Key (or None)."""

    seen: SeenCurrent | None = None
    key: str | None = None


@dataclass(frozen=True)
class AtCounter:
    """The locked counter, the ticket it holds now (or None) and the action's moment."""

    counter: CounterRow
    current: StoredTicket | None
    now: datetime


def counter_state(counter: CounterRow, current: TicketFacts | None) -> JsonObject:
    """The counter as a stale console needs it: code, name, paused, services and its
    ticket's number and status (None when it holds nobody)."""
    state = counter_view(counter)
    state["ticket"] = ({"number": current.number, "status": current.status}
                       if current is not None else None)
    return state


def _fingerprint(action: str, params: JsonObject, seen: SeenCurrent | None) -> str:
    return idempotency.fingerprint({"action": action, "params": params,
                                    "seen": None if seen is None else {"number": seen.number}})


def at_counter(
    uow: UnitOfWork, clock: Clock, principal: Principal, counter_code: str,
    facility_code: str | None, guard: Guard | None, action: str, params: JsonObject,
    perform: Callable[[AtCounter], JsonObject], plain: bool = False,
) -> JsonObject:
    """Run `perform` on the counter, locked, in one transaction, and commit its changes.

    In order, under the counter's lock (so two consoles are served one after the other):
    a key already used with the same `action` and `params` returns the reply first given
    (with another body: `idempotency_key_reused`, 409); a `guard.seen` that no longer
    matches the counter's ticket raises StaleView (409 `stale_view`, nothing changes).
    The reply of a keyed request is stored with the key, scoped to this counter.
    `plain`: the counter and its ticket are read without the ORM (`uow.calls`, for
    call-next, the busiest command); `perform` then reads through `uow.calls` too.
    """
    guard = guard or Guard()
    with uow:
        counter = resolve_counter(uow, principal, counter_code, facility_code, plain)
        (uow.calls if plain else uow.directory).lock_counter(counter)
        key = f"counter:{counter.id}:{guard.key}" if guard.key else None
        fingerprint = _fingerprint(action, params, guard.seen)
        if key is not None:
            replay = idempotency.replayed(uow, key, fingerprint)
            if replay is not None:
                return replay
        current = (uow.calls.current_at(counter) if plain
                   else uow.tickets.current_at(counter.id))
        require_seen(guard.seen, current.number if current is not None else None,
                     counter_state(counter, current))
        now = clock.now()
        view = perform(AtCounter(counter, current, now))
        if key is not None:
            code = view.get("code")  # the visit's (a ticket's view) or the counter's
            uow.idempotency.remember(key, fingerprint, code if isinstance(code, str) else "",
                                     now, response=view)
        uow.commit()
        return view
