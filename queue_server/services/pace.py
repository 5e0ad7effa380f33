"""A service's pace: minutes per patient from its recent service times, and its open
counters. Estimates need both, every ticket and event asks, and they change slowly, so
they are kept in the process's cache (services/cache.py) for PACE_TTL seconds.

A patient finished in this process updates the kept pace at once (`note_finished`: the
new service time joins the kept ones, no query); a counter paused or a day closed here
forgets it (`forget_pace`); what other processes change shows within PACE_TTL.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime, timedelta

from ..domain import estimates
from ..domain.tickets import TicketStatus
from .port_rows import ServiceRow, StoredTicket
from .ports import UnitOfWork

# How long a process reuses a service's pace (seconds).
PACE_TTL = 10.0
# The service times looked at: finished within RECENT, the newest SAMPLE of them.
RECENT = timedelta(hours=12)
SAMPLE = 20


@dataclass(frozen=True)
class KeptPace:
    """What the cache keeps per service: the service times (minutes, newest first), the
    open counters, the pace they give and when (monotonic seconds) they were read."""

    observed: tuple[float, ...]
    counters: int
    minutes: float
    read_at: float


def _key(service_id: int) -> tuple[str, int]:
    return ("pace", service_id)


def _kept(observed: tuple[float, ...], counters: int, configured: float,
          read_at: float) -> KeptPace:
    return KeptPace(observed, counters, estimates.minutes_per_patient(observed, configured),
                    read_at)


def pace(uow: UnitOfWork, service: ServiceRow, now: datetime) -> tuple[float, int]:
    """(minutes per patient, open counters) of a service (`id`, `avg_minutes`) at `now`."""
    def load() -> KeptPace:
        observed = uow.tickets.recent_service_minutes(service.id, now - RECENT, SAMPLE)
        return _kept(tuple(observed), uow.directory.open_counters(service.id),
                     service.avg_minutes, time.monotonic())

    kept = uow.cache.get(_key(service.id), load, PACE_TTL)
    assert kept is not None  # load never returns None
    return kept.minutes, kept.counters


def note_finished(uow: UnitOfWork, ticket: StoredTicket) -> None:
    """A ticket of this process was just finished (`status` done, `finished_at` set): its
    service time joins the kept pace, which keeps its age (no query; nothing kept: the
    next `pace` reads the database). Other outcomes (skipped, sent on) change nothing.
    Called before the commit: a finish rolled back afterwards stays in the kept pace
    until it expires (PACE_TTL at most), as a forgotten one was re-read before."""
    begun = ticket.started_at or ticket.called_at
    if ticket.status != TicketStatus.DONE or begun is None or ticket.finished_at is None:
        return
    key = _key(ticket.service_id)
    kept = uow.cache.peek(key, KeptPace)
    if kept is None:
        return
    minutes = (ticket.finished_at - begun).total_seconds() / 60
    observed = ((minutes, *kept.observed))[:SAMPLE]
    left = kept.read_at + PACE_TTL - time.monotonic()
    if left > 0:
        uow.cache.put(key, _kept(observed, kept.counters, ticket.service.avg_minutes,
                                 kept.read_at), left)


def forget_pace(uow: UnitOfWork, service_id: int) -> None:
    """Forget the service's kept pace (its open counters changed, its day closed)."""
    uow.cache.forget(_key(service_id))
