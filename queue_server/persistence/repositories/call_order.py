"""The call order (domain/call_order.py) in SQL: ORDER BY columns and the "ahead of"
condition, built from `CALL_ORDER` so the database sorts as `in_call_order` does."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from functools import lru_cache
from typing import Any

from sqlalchemy import Select, and_, case, or_, select
from sqlalchemy.orm import joinedload

from ...domain.call_order import CALL_ORDER, UNRANKED, ranks_matter
from ...domain.tickets import TicketStatus
from ..models import Ticket, Visit
from ..queue_days import QueueDays, on_queue_days
from .plain import prefixed


def _column(name: str, ranks: Mapping[int, int]) -> Any | None:
    """The SQL expression of one field of the call order (None: the same for all)."""
    if name == "rank":
        if not ranks_matter(ranks):
            return None
        return case(dict(ranks), value=Ticket.service_id, else_=UNRANKED)
    return {"queue_key": Ticket.queue_key, "day": Ticket.day, "seq": Ticket.seq,
            "service_id": Ticket.service_id}[name]


def order_by(ranks: Mapping[int, int] | None = None) -> list[Any]:
    """ORDER BY columns for waiting tickets at a counter with `ranks` (service id → rank;
    none: one service)."""
    columns = (_column(name, ranks or {}) for name in CALL_ORDER)
    return [column for column in columns if column is not None]


def ahead_of(ticket: Any) -> Any:
    """The condition "called before `ticket`" among the tickets of its service: the call
    order's fields compared one after the other (a row-value comparison, spelt out)."""
    fields = [name for name in CALL_ORDER if name not in ("rank", "service_id")]
    condition: Any = None
    for name in reversed(fields):
        column, value = _column(name, {}), getattr(ticket, name)
        here = column < value
        condition = here if condition is None else or_(here, and_(column == value, condition))
    return condition


# Queue days as a hashable value: per service (id, its days), or one list for all.
DaysKey = tuple[tuple[int, tuple[date, ...]], ...] | tuple[date, ...]


def _days_key(days: QueueDays) -> tuple[bool, DaysKey]:
    if isinstance(days, Mapping):
        return True, tuple((service_id, tuple(own)) for service_id, own in days.items())
    return False, tuple(days)


def _days(key: tuple[bool, DaysKey]) -> QueueDays:
    per_service, days = key
    if per_service:
        return {service_id: list(own) for service_id, own in days}  # type: ignore[misc]
    return list(days)  # type: ignore[arg-type]


@lru_cache(maxsize=512)
def _built_for(ranks: tuple[tuple[int, int], ...], days: tuple[bool, DaysKey],
               lock: bool) -> Select[tuple[Ticket]]:
    """next_waiting's statement for one shape (ranks, queue days, lock): a pure function
    of it, memoised because the same few shapes come all day and building one cost as
    much as running it."""
    return _built(dict(ranks), _days(days), lock)


def _one_queue(days: QueueDays) -> bool:
    """Whether `days` name one service's one day (a Mapping of one entry with one day)."""
    if not isinstance(days, Mapping) or len(days) != 1:
        return False
    return len(next(iter(days.values()))) == 1


def _built(ranks: Mapping[int, int], days: QueueDays, lock: bool) -> Select[tuple[Ticket]]:
    waiting = (Ticket.service_id.in_(list(ranks)), on_queue_days(days),
               Ticket.status == TicketStatus.WAITING)
    with_visit = joinedload(Ticket.visit, innerjoin=True)
    if lock:  # PostgreSQL: two counters calling at once each take a different row
        query = (select(Ticket).where(*waiting).order_by(*order_by(ranks)).limit(1)
                 .with_for_update(skip_locked=True, of=Ticket))
        # One queue: the index gives the order and the visit is joined to one row;
        # several: the visit is read afterwards by its key rather than joined to all.
        return query.options(with_visit) if _one_queue(days) else query
    # Without a lock: the first ticket's id is picked (the database sorts ids only), and
    # that one ticket is read with its visit.
    first = (select(Ticket.id).where(*waiting).order_by(*order_by(ranks)).limit(1)
             .scalar_subquery())
    return select(Ticket).where(Ticket.id == first).options(with_visit)


@lru_cache(maxsize=512)
def _row_built_for(ranks: tuple[tuple[int, int], ...], days: tuple[bool, DaysKey],
                   lock: bool) -> Select[Any]:
    ranked, on_days = dict(ranks), _days(days)
    waiting = (Ticket.service_id.in_(list(ranked)), on_queue_days(on_days),
               Ticket.status == TicketStatus.WAITING)
    tickets, visits = Ticket.__table__, Visit.__table__
    if lock:
        return (select(*prefixed(tickets, "t_")).where(*waiting).order_by(*order_by(ranked))
                .limit(1).with_for_update(skip_locked=True, of=tickets))
    first = (select(Ticket.id).where(*waiting).order_by(*order_by(ranked)).limit(1)
             .scalar_subquery())
    return (select(*prefixed(tickets, "t_"), *prefixed(visits, "v_"))
            .select_from(tickets.join(visits, visits.c.id == tickets.c.visit_id))
            .where(tickets.c.id == first))


def next_waiting_row(ranks: Mapping[int, int], days: QueueDays, lock: bool) -> Select[Any]:
    """next_waiting's query as labelled Core columns (`t_` ticket, `v_` visit; plain.py):
    with `lock` (PostgreSQL) the ticket's row alone, FOR UPDATE SKIP LOCKED, its visit read
    next by its key; without, the first ticket's id picked and read with its visit."""
    return _row_built_for(tuple(ranks.items()), _days_key(days), lock)


def next_waiting(ranks: Mapping[int, int], days: QueueDays,
                 lock: bool) -> Select[tuple[Ticket]]:
    """The query for the first waiting ticket in call order among the services `ranks`
    names over their queue `days`, its visit loaded; `lock` (PostgreSQL): FOR UPDATE SKIP
    LOCKED, so two counters calling at once each take a different row."""
    return _built_for(tuple(ranks.items()), _days_key(days), lock)
