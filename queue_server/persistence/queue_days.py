"""Queue days in SQL: which days' tickets a query over several services looks at, the same
days for all of them or each service's own (a day-time service only today, a 24-hour one
yesterday too; see domain/dayend.py)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from sqlalchemy import and_, or_

from .models import Ticket

# The same days for every service asked about, or service id → its own days.
QueueDays = Sequence[date] | Mapping[int, Sequence[date]]


def on_queue_days(days: QueueDays) -> Any:
    """The condition "a ticket of the queue days": `Ticket.day IN days`, or per service."""
    if not isinstance(days, Mapping):
        return Ticket.day.in_(list(days))
    groups: dict[tuple[date, ...], list[int]] = {}
    for service_id, own in days.items():
        groups.setdefault(tuple(sorted(own)), []).append(service_id)
    return or_(*(and_(Ticket.service_id.in_(ids), Ticket.day.in_(list(own)))
                 for own, ids in sorted(groups.items())))


def every_day(days: QueueDays) -> list[date]:
    """All the days named, sorted."""
    named = {d for own in days.values() for d in own} if isinstance(days, Mapping) else days
    return sorted(set(named))


def summed(rows: Iterable[tuple[int, date, int]], days: QueueDays) -> dict[int, int]:
    """(service id, day, count) rows added up per service, each over its own days."""
    totals: dict[int, int] = {}
    for service_id, day, count in rows:
        if not isinstance(days, Mapping) or day in days.get(service_id, ()):
            totals[service_id] = totals.get(service_id, 0) + int(count)
    return totals
