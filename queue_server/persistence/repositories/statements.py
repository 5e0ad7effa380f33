"""Statements built once at import, and the builders the repositories share.

The statements every walk-in runs (its number, its rows, the waiting counts) go through
Core with bound parameters, which skips rebuilding them and the ORM's bookkeeping on the
hottest path."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import bindparam, func, insert, literal, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite

from ..models import DailySequence, Ticket, TicketEvent, Visit

_DS = DailySequence.__table__


def one_of(column: Any, values: Sequence[str]) -> Any:
    """`column` equal to one of `values`, as ORs of bound equalities (parameters named
    `<column>_<value>`): compiled once, where an IN list is re-expanded on every call."""
    return or_(*(column == bindparam(f"{column.name}_{v}", v) for v in values))


def _next_seq_statement(dialect: Any) -> Any:
    """Take the day's next number; `joins` (0 or 1) also counts the new ticket as waiting.

    Returns the number and the queue's waiting count now: today's row, which the upsert
    has just locked (so the count is exact on PostgreSQL too), plus yesterday's, which
    only calls of yesterday's patients change."""
    yesterday = (select(_DS.c.waiting).where(_DS.c.service_id == bindparam("service_id"),
                                             _DS.c.day == bindparam("yesterday"))
                 .scalar_subquery())
    stmt = dialect.insert(_DS).values(service_id=bindparam("service_id"),
                                      day=bindparam("day"), last=1,
                                      waiting=bindparam("joins"))
    return stmt.on_conflict_do_update(
        index_elements=["service_id", "day"],
        set_={"last": _DS.c.last + 1, "waiting": _DS.c.waiting + bindparam("joins")},
    ).returning(_DS.c.last, _DS.c.waiting + func.coalesce(yesterday, 0))


NEXT_SEQ = {"postgresql": _next_seq_statement(postgresql),
            "sqlite": _next_seq_statement(sqlite)}
# A ticket of this queue started (+1) or stopped (-1) waiting.
ADJUST_WAITING = (
    update(_DS)
    .where(_DS.c.service_id == bindparam("queue"), _DS.c.day == bindparam("queue_day"))
    .values(waiting=_DS.c.waiting + bindparam("delta"))
)
WAITING_IN_SERVICE = (
    select(func.coalesce(func.sum(_DS.c.waiting), 0))
    .where(_DS.c.service_id == bindparam("service_id"),
           # The queue's days are contiguous (yesterday, today): a range compiles once,
           # an expanding IN list is re-rendered on every call.
           _DS.c.day.between(bindparam("first"), bindparam("last")))
)

INSERT_VISIT = insert(Visit.__table__).returning(Visit.__table__.c.id)
INSERT_TICKET = insert(Ticket.__table__).returning(Ticket.__table__.c.id)
INSERT_EVENT = insert(TicketEvent.__table__)

VISIT_COLUMNS = ("facility_id", "code", "day", "channel", "priority", "created_at", "nik",
                 "name", "phone", "bpjs_number")
TICKET_COLUMNS = ("facility_id", "service_id", "day", "seq", "number", "priority", "status",
                  "source", "issued_at", "waiting_since", "queue_key")
EVENT_COLUMNS = ("facility_id", "kind", "at", "actor", "counter_id", "data")


def _params(table: Any, prefix: str, names: Sequence[str]) -> list[Any]:
    # Typed: in INSERT … SELECT PostgreSQL cannot infer a parameter's type, so the
    # psycopg dialect renders each with its cast (`%(v_day)s::DATE`).
    return [bindparam(f"{prefix}{n}", type_=table.c[n].type) for n in names]


def _issue_statement() -> Any:
    """A visit, its ticket and the ticket's "issued" row in one PostgreSQL statement."""
    t, e = Ticket.__table__, TicketEvent.__table__
    visit = (insert(Visit.__table__)
             .from_select(VISIT_COLUMNS, select(*_params(Visit.__table__, "v_", VISIT_COLUMNS)))
             .returning(Visit.__table__.c.id).cte("new_visit"))
    ticket = (insert(t)
              .from_select(("visit_id", *TICKET_COLUMNS, "version", "recalls"),
                           select(visit.c.id, *_params(t, "t_", TICKET_COLUMNS),
                                  literal(1), literal(0)))
              .returning(t.c.id, t.c.visit_id).cte("new_ticket"))
    return (insert(e)
            .from_select(("ticket_id", *EVENT_COLUMNS),
                         select(ticket.c.id, *_params(e, "e_", EVENT_COLUMNS)))
            .returning(e.c.ticket_id, select(ticket.c.visit_id).scalar_subquery()))


ISSUE_PG = _issue_statement()
