"""Letting go of booking holds: a hold whose time is up, or one given up at confirmation,
frees its place in the day's quota and its code's message is not sent.

Run lazily under a service day's booking lock (services/bookings.py, before the places
are counted), at confirmation, and by a sweep in the notification worker (notify.py), so
a place is never held for long past its time even when nobody books that day again.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from ..domain.tickets import EVENT_KINDS, Action, TicketStatus, transition
from .notifications import CODE_KIND
from .ports import Clock, UnitOfWork

EXPIRY_ACTOR = "system:hold-expiry"


def let_go(uow: UnitOfWork, ticket_ids: Sequence[int], action: Action, actor: str,
           now: datetime, **data: object) -> int:
    """Move held tickets out of `held` by `action` (EXPIRE or RELEASE: to cancelled), each
    with its history row (`data` in it), and drop their unsent code messages. Tickets no
    longer held (confirmed or let go meanwhile) are left alone. Returns how many moved."""
    status = transition(TicketStatus.HELD, action).value
    moved = uow.holds.leave_held(ticket_ids, status, now)
    for row in moved:
        uow.tickets.insert_event(ticket_id=row.id, facility_id=row.facility_id,
                                 kind=EVENT_KINDS[action], at=now, actor=actor,
                                 counter_id=None, data=data)
    uow.holds.drop_code_messages([row.id for row in moved], CODE_KIND)
    return len(moved)


def expire_on(uow: UnitOfWork, service_id: int, day: date, now: datetime) -> int:
    """Expire the holds of one service's day whose time is up (call it under that day's
    booking lock, before counting places). Returns how many; the caller commits."""
    ids = uow.holds.expired_on(service_id, day, now)
    return let_go(uow, ids, Action.EXPIRE, EXPIRY_ACTOR, now) if ids else 0


def sweep(uow: UnitOfWork, clock: Clock) -> int:
    """Expire every hold whose time is up, in one transaction (at most a few hundred a
    round; the next round takes the rest). Returns how many."""
    with uow:
        now = clock.now()
        ids = uow.holds.expired(now)
        count = let_go(uow, ids, Action.EXPIRE, EXPIRY_ACTOR, now) if ids else 0
        uow.commit()
        return count
