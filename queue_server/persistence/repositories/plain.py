"""The rows a call-next reads, as plain values built from Core rows (no ORM session).

A call-next reads its counter (with facility, links and services), the ticket the counter
holds and the next waiting one. Through the ORM those three reads were a quarter of the
request (issue 14, docs/counter-path-profile.md); as plain values they cost a third of
that. They satisfy the same row protocols (services/port_rows.py) as the ORM's objects, so
the use cases do not tell them apart; a ticket's changes are written through Core
(`Tickets.write`), which sets them on the value.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import Table

from ..models import Counter, Facility, Service, Ticket, Visit

Row = Mapping[str, Any]


@dataclass
class PlainFacility:
    id: int
    code: str
    name: str
    timezone: str
    running_text: str
    event_seq: int
    epoch: str
    closed_dates: dict[str, str]
    joint_leave_closes: bool


@dataclass
class PlainService:
    id: int
    facility_id: int
    code: str
    name: str
    prefix: str
    position: int
    hours: dict[str, Any]
    booking_quota: int
    walkin_limit: int | None
    avg_minutes: float
    active: bool
    closed_dates: dict[str, str]
    open_on_holidays: bool
    booking_cutoff: str | None
    target_wait_minutes: int
    shown_on_boards: bool
    facility: PlainFacility
    jkn_quota: int | None = None


@dataclass
class PlainLink:
    service_id: int
    rank: int
    service: PlainService


@dataclass
class PlainCounter:
    id: int
    facility_id: int
    code: str
    name: str
    position: int
    paused: bool
    active: bool
    facility: PlainFacility
    links: list[PlainLink] = field(default_factory=list)


@dataclass
class PlainVisit:
    """A ticket's visit. Its `tickets` are read (through the ORM) only when asked for."""

    id: int
    facility_id: int
    code: str
    day: date
    channel: str
    priority: str
    created_at: datetime
    nik: str | None
    bpjs_number: str | None
    name: str | None
    phone: str | None
    load_tickets: Callable[[int], Sequence[Any]] = field(repr=False, compare=False,
                                                          default=lambda visit_id: ())

    @property
    def tickets(self) -> Sequence[Any]:
        """The visit's tickets, oldest first (read when asked: a call does not need them)."""
        return self.load_tickets(self.id)


@dataclass
class PlainTicket:
    id: int
    visit_id: int
    facility_id: int
    service_id: int
    day: date
    seq: int
    number: str
    priority: str
    status: str
    source: str
    version: int
    counter_id: int | None
    issued_at: datetime
    waiting_since: datetime | None
    queue_key: datetime | None
    called_at: datetime | None
    started_at: datetime | None
    finished_at: datetime | None
    recalls: int
    next_ticket_id: int | None
    visit: PlainVisit
    service: Any  # PlainService, or the ORM's Service when the counter no longer calls it
    counter: Any = None  # the PlainCounter it stands at, or None


def prefixed(table: Table, prefix: str) -> list[Any]:
    """Every column of `table`, labelled `{prefix}{name}`, for a joined Core select."""
    return [column.label(f"{prefix}{column.name}") for column in table.columns]


def _take(cls: type, row: Row, prefix: str, table: Table) -> dict[str, Any]:
    """The columns of `table` that `cls` keeps, read from `row`'s `{prefix}{name}` labels
    (tests/unit/test_plain_rows.py checks that every column is kept)."""
    kept = cls.__dataclass_fields__  # type: ignore[attr-defined]
    values = {c.name: row[f"{prefix}{c.name}"] for c in table.columns if c.name in kept}
    if "closed_dates" in values:
        values["closed_dates"] = dict(values["closed_dates"] or {})
    return values


def counter_from(rows: Sequence[Row]) -> PlainCounter | None:
    """A counter from its joined rows (counter `c_`, facility `f_`, link `l_`, service
    `s_`: one row per link, or one row with empty link columns), or None for no rows."""
    if not rows:
        return None
    first = rows[0]
    facility = PlainFacility(**_take(PlainFacility, first, "f_", Facility.__table__))
    counter = PlainCounter(facility=facility,
                           **_take(PlainCounter, first, "c_", Counter.__table__))
    for row in rows:
        if row["l_service_id"] is not None:
            service = PlainService(facility=facility,
                                   **_take(PlainService, row, "s_", Service.__table__))
            counter.links.append(PlainLink(row["l_service_id"], row["l_rank"], service))
    return counter


def ticket_from(row: Row, service: Any, counter: Any,
                load_tickets: Callable[[int], Sequence[Any]]) -> PlainTicket:
    """A ticket from a row of its columns (`t_`) and its visit's (`v_`)."""
    visit = PlainVisit(load_tickets=load_tickets,
                       **_take(PlainVisit, row, "v_", Visit.__table__))
    return PlainTicket(visit=visit, service=service, counter=counter,
                       **_take(PlainTicket, row, "t_", Ticket.__table__))
