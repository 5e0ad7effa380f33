"""Statements built once at import, and the builders the repositories share.

The statements every walk-in runs (its number, its rows, the waiting counts) go through
Core with bound parameters, which skips rebuilding them and the ORM's bookkeeping on the
hottest path."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import JSON, Text, bindparam, cast, func, insert, literal, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.types import TypeDecorator

from ...domain.new_tickets import TICKET_FIELDS, VISIT_FIELDS
from ..models import DailySequence, Ticket, TicketEvent, Visit
from .hot import Hot

_DS = DailySequence.__table__


class DescriptionMismatch(TypeError):
    """A new row's description (domain/new_tickets.py) and its table disagree: raised at
    import, so a column added to one and not the other stops the app from starting."""


def described_columns(table: Any, names: Sequence[str],
                      supplied: Sequence[str] = ()) -> tuple[str, ...]:
    """`names` (a description's fields) as the columns an insert into `table` writes.

    Raises DescriptionMismatch when a name is not a column of `table`, or when a column
    that needs a value (not the key, not nullable, no default) is neither described nor
    in `supplied` (the values the writer adds itself, e.g. the parent's id)."""
    unknown = [n for n in names if n not in table.c]
    needed = [c.name for c in table.c
              if not (c.primary_key or c.nullable or c.default is not None
                      or c.server_default is not None)
              and c.name not in names and c.name not in supplied]
    if unknown or needed:
        raise DescriptionMismatch(
            f"{table.name}: fields without a column {unknown}, columns without a value {needed}")
    return tuple(names)


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


def _locked_next_seq_statement() -> Any:
    """PostgreSQL: `_next_seq_statement` after an advisory lock keyed `lock` (a patient's
    booking day), in the same round trip. The lock is taken while the row to insert is
    made, so before the upsert reaches the number's row: the same order as two
    statements, one trip fewer while the number's row is locked."""
    yesterday = (select(_DS.c.waiting).where(_DS.c.service_id == bindparam("service_id"),
                                             _DS.c.day == bindparam("yesterday"))
                 .scalar_subquery())
    locked = select(func.pg_advisory_xact_lock(func.hashtext(bindparam("lock")))
                    .label("locked")).subquery("patient_lock")
    row = select(bindparam("service_id"), bindparam("day", type_=_DS.c.day.type),
                 literal(1), bindparam("joins")).select_from(locked)
    stmt = postgresql.insert(_DS).from_select(["service_id", "day", "last", "waiting"], row)
    return stmt.on_conflict_do_update(
        index_elements=["service_id", "day"],
        set_={"last": _DS.c.last + 1, "waiting": _DS.c.waiting + bindparam("joins")},
    ).returning(_DS.c.last, _DS.c.waiting + func.coalesce(yesterday, 0))


NEXT_SEQ = {"postgresql": _next_seq_statement(postgresql),
            "sqlite": _next_seq_statement(sqlite)}
NEXT_SEQ_LOCKED = _locked_next_seq_statement()
# A ticket of this queue started (+1) or stopped (-1) waiting.
ADJUST_WAITING = (
    update(_DS)
    .where(_DS.c.service_id == bindparam("queue"), _DS.c.day == bindparam("queue_day"))
    .values(waiting=_DS.c.waiting + bindparam("delta"))
)
# A same-day booking reads it (the service's current wait: can it still be served?).
WAITING_IN_SERVICE = Hot(
    select(func.coalesce(func.sum(_DS.c.waiting), 0))
    .where(_DS.c.service_id == bindparam("service_id"),
           # The queue's days are contiguous (yesterday, today): a range compiles once,
           # an expanding IN list is re-rendered on every call.
           _DS.c.day.between(bindparam("first"), bindparam("last")))
)

INSERT_VISIT = insert(Visit.__table__).returning(Visit.__table__.c.id)
# version and recalls given here, not by their Python-side defaults: a statement needing
# those cannot run as a hot statement (hot.py) and would take SQLAlchemy's slower path.
INSERT_TICKET = (insert(Ticket.__table__).values(version=literal(1), recalls=literal(0))
                 .returning(Ticket.__table__.c.id))
INSERT_EVENT = insert(TicketEvent.__table__)

VISIT_COLUMNS = described_columns(Visit.__table__, VISIT_FIELDS)
# The ticket's writer adds its visit's id; version and recalls start at their defaults.
TICKET_COLUMNS = described_columns(Ticket.__table__, TICKET_FIELDS, supplied=("visit_id",))
EVENT_COLUMNS = ("facility_id", "kind", "at", "actor", "counter_id", "data")


def _params(table: Any, prefix: str, names: Sequence[str]) -> list[Any]:
    # Typed: in INSERT … SELECT PostgreSQL cannot infer a parameter's type, so the
    # psycopg dialect renders each with its cast (`%(v_day)s::DATE`).
    return [bindparam(f"{prefix}{n}", type_=table.c[n].type) for n in names]


def _issue_statement(ids: bool = False) -> Any:
    """A visit, its ticket and the ticket's "issued" row in one PostgreSQL statement;
    with `ids`, the visit's and ticket's ids are given (`v_id`, `t_id`: drawn ahead)."""
    t, e, v = Ticket.__table__, TicketEvent.__table__, Visit.__table__
    own = ("id",) if ids else ()
    visit = (insert(v)
             .from_select((*own, *VISIT_COLUMNS),
                          select(*_params(v, "v_", (*own, *VISIT_COLUMNS))))
             .returning(v.c.id).cte("new_visit"))
    ticket = (insert(t)
              .from_select(("visit_id", *own, *TICKET_COLUMNS, "version", "recalls"),
                           select(visit.c.id, *_params(t, "t_", (*own, *TICKET_COLUMNS)),
                                  literal(1), literal(0)))
              .returning(t.c.id, t.c.visit_id).cte("new_ticket"))
    return (insert(e)
            .from_select(("ticket_id", *EVENT_COLUMNS),
                         select(ticket.c.id, *_params(e, "e_", EVENT_COLUMNS)))
            .returning(e.c.ticket_id, select(ticket.c.visit_id).scalar_subquery()))


class _JsonText(TypeDecorator[Any]):
    """A JSON value sent as its text (an array of JSON values goes as text[], each element
    cast back to JSON by the statement)."""

    impl, cache_ok = Text, True

    def process_bind_param(self, value: Any, dialect: Any) -> str | None:
        return None if value is None else json.dumps(value)


def _issue_many_statement() -> Any:
    """`_issue_statement(ids=True)` for several new visits at once (a group's bookings,
    services/booking_groups.py): each parameter of the single form given as an array, one
    element per visit, every array as long; one statement and one execution however many
    visits (no rows returned)."""
    t, e, v = Ticket.__table__, TicketEvent.__table__, Visit.__table__
    columns = [*(("v_", v.c[n]) for n in ("id", *VISIT_COLUMNS)),
               *(("t_", t.c[n]) for n in ("id", *TICKET_COLUMNS)),
               *(("e_", e.c[n]) for n in EVENT_COLUMNS)]
    arrays = [bindparam(f"{prefix}{c.name}", type_=postgresql.ARRAY(
        _JsonText() if isinstance(c.type, JSON) else c.type)) for prefix, c in columns]
    new = select(func.unnest(*arrays).table_valued(*(a.key for a in arrays))
                 .render_derived()).cte("new_rows")
    visits = (insert(v).from_select(("id", *VISIT_COLUMNS),
                                    select(new.c.v_id, *(new.c[f"v_{n}"] for n in VISIT_COLUMNS)))
              .cte("new_visits"))
    tickets = (insert(t)
               .from_select(("visit_id", "id", *TICKET_COLUMNS, "version", "recalls"),
                            select(new.c.v_id, new.c.t_id,
                                   *(new.c[f"t_{n}"] for n in TICKET_COLUMNS),
                                   literal(1), literal(0)))
               .cte("new_tickets"))
    data = [cast(new.c.e_data, e.c.data.type) if n == "data" else new.c[f"e_{n}"]
            for n in EVENT_COLUMNS]
    return (insert(e).from_select(("ticket_id", *EVENT_COLUMNS), select(new.c.t_id, *data))
            .add_cte(visits, tickets))


def issue_params(visit: dict[str, Any], ticket: dict[str, Any],
                 event: dict[str, Any]) -> dict[str, Any]:
    """The parameters of `_issue_statement`'s forms: each row's fields, prefixed."""
    return {**{f"v_{k}": v for k, v in visit.items()},
            **{f"t_{k}": v for k, v in ticket.items()},
            **{f"e_{k}": v for k, v in event.items()}}


ISSUE_PG = _issue_statement()
# With the ids drawn ahead (a booking draws them with its day's figures, so its rows can
# go with the COMMIT: uow.send_with_commit).
ISSUE_PG_WITH_IDS = _issue_statement(ids=True)
# A new visit's and ticket's ids, drawn ahead of their rows (PostgreSQL).
NEXT_IDS_PG = (
    func.nextval(func.pg_get_serial_sequence("visits", "id")).label("new_visit_id"),
    func.nextval(func.pg_get_serial_sequence("tickets", "id")).label("new_ticket_id"))

# The walk-in's and booking's statements, run straight on the driver (hot.py).
HOT_NEXT_SEQ = {name: Hot(stmt) for name, stmt in NEXT_SEQ.items()}
HOT_NEXT_SEQ_LOCKED = Hot(NEXT_SEQ_LOCKED)
# Several visits' rows held for one COMMIT go as one statement (Hot.merged).
HOT_ISSUE_PG, HOT_ISSUE_PG_WITH_IDS = Hot(ISSUE_PG), Hot(ISSUE_PG_WITH_IDS,
                                                         many=Hot(_issue_many_statement()))
HOT_INSERT_VISIT, HOT_INSERT_TICKET = Hot(INSERT_VISIT), Hot(INSERT_TICKET)
HOT_INSERT_EVENT = Hot(INSERT_EVENT)
