"""Reads for the reports, through Core: facilities with their services and counters, one
row of moments per ticket, aggregated from its history rows by the database, and the
daily roll-up of closed service days (`report_days`: their tickets as entries)."""

from __future__ import annotations

import gc
from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from functools import partial
from typing import Any

from sqlalchemy import and_, case, exists, func, literal, select
from sqlalchemy.dialects import postgresql, sqlite

from ...domain.reports import Entry, TicketFacts
from ...domain.reports_tables import CounterInfo, FacilityScope, ServiceInfo
from ..models import Counter, DayClose, Facility, Service, Ticket, TicketEvent, Visit
from ..report_models import ReportDay
from .base import Repository

E = TicketEvent
# The layout of a stored entry (domain.reports.Entry from counter_id on); a change of
# Entry's fields takes a new number, and rows of an older one are read live again and
# rewritten by the closer.
ROLL_UP_SHAPE = 2  # 2: entries end with the estimate's error (issue 15)
MAKE_ENTRY: Callable[[list[Any]], Entry] = partial(tuple.__new__, Entry)  # type: ignore[arg-type]


def _first(*kinds: str) -> Any:
    return func.min(case((E.kind.in_(kinds), E.at)))


def _flag(*kinds: str) -> Any:
    return func.max(case((E.kind.in_(kinds), literal(1)), else_=literal(0)))


MOMENTS = (
    _first("checked_in").label("checked_in"),
    _first("called").label("first_call"),
    func.max(case((E.kind.in_(("called", "recalled")), E.at))).label("last_call"),
    _first("started").label("started"),
    _first("finished", "transferred").label("finished"),
    _first("called", "cancelled", "closed_end_of_day", "voided").label("left"),
    _flag("transferred").label("transferred"),
    _flag("closed_end_of_day").label("closed"),
    _flag("hold_expired", "hold_released").label("lapsed"),
    func.max(case((E.kind == "issued", E.data["estimated_wait_s"].as_integer())))
    .label("estimate_s"),
)
TICKET_COLUMNS = (Ticket.id, Ticket.facility_id, Ticket.service_id, Ticket.counter_id,
                  Ticket.day, Ticket.source, Visit.channel, Ticket.status, Ticket.issued_at)


@contextmanager
def _no_collection() -> Iterator[None]:
    """The cyclic garbage collector paused while a year's entries are decoded and built
    (~146,000 lists and tuples, none in a cycle): its rounds over them were more than
    half the time (docs/performance.md, "Reports"). Another thread's pause is left as
    it is; reference counting still frees everything as usual."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


class Reports(Repository):
    """Facilities in the reports' shape and the tickets' moments."""

    def scope(self, facility_id: int | None) -> list[FacilityScope]:
        """One facility (None: every facility, by code) with all its services and
        counters, the deactivated ones too (flagged: their history stays reportable)."""
        q = select(Facility.id, Facility.code, Facility.name, Facility.timezone)
        if facility_id is not None:
            q = q.where(Facility.id == facility_id)
        facilities = self._uow.connection.execute(q.order_by(Facility.code)).all()
        ids = [f.id for f in facilities]
        services = self._uow.connection.execute(
            select(Service.facility_id, Service.id, Service.code, Service.name,
                   Service.target_wait_minutes, Service.booking_quota, Service.active)
            .where(Service.facility_id.in_(ids))
            .order_by(Service.position, Service.id)).all()
        counters = self._uow.connection.execute(
            select(Counter.facility_id, Counter.id, Counter.code, Counter.name, Counter.active)
            .where(Counter.facility_id.in_(ids))
            .order_by(Counter.position, Counter.id)).all()
        return [FacilityScope(
            f.id, f.code, f.name, f.timezone,
            tuple(ServiceInfo(s.id, s.code, s.name, s.target_wait_minutes, s.booking_quota,
                              bool(s.active))
                  for s in services if s.facility_id == f.id),
            tuple(CounterInfo(c.id, c.code, c.name, bool(c.active)) for c in counters
                  if c.facility_id == f.id)) for f in facilities]

    def ticket_facts(self, service_ids: Sequence[int], start: date, end: date,
                     unrolled_only: bool = False) -> list[TicketFacts]:
        if not service_ids:
            return []
        # service_id and day lead ix_tickets_queue; the events come by ix on ticket_id.
        q = (select(*TICKET_COLUMNS, *MOMENTS)
             .join(Visit, Visit.id == Ticket.visit_id)
             .outerjoin(E, E.ticket_id == Ticket.id)
             .where(Ticket.service_id.in_(list(service_ids)), Ticket.day >= start,
                    Ticket.day <= end)
             .group_by(*TICKET_COLUMNS))
        if unrolled_only:
            q = q.where(~exists().where(
                ReportDay.service_id == Ticket.service_id, ReportDay.day == Ticket.day,
                ReportDay.shape == ROLL_UP_SHAPE))
        # The columns come in TicketFacts' field order: built by position (fast).
        return [TicketFacts(*(*r[:15], r[15] == 1, r[16] == 1, r[17] == 1, r[18]))
                for r in self._uow.connection.execute(q).all()]

    def rolled_up(self, service_ids: Sequence[int], start: date, end: date,
                  skip: Collection[tuple[int, date]] = ()) -> list[Entry]:
        """The stored entries of these services' days in [start, end], but for the
        (service id, day) pairs in `skip`."""
        if not service_ids:
            return []
        q = (select(ReportDay.service_id, ReportDay.day, Service.facility_id,
                    ReportDay.entries)
             .join(Service, Service.id == ReportDay.service_id)
             .where(ReportDay.service_id.in_(list(service_ids)), ReportDay.day >= start,
                    ReportDay.day <= end, ReportDay.shape == ROLL_UP_SHAPE))
        out: list[Entry] = []
        with _no_collection():
            for sid, day, fid, items in self._uow.connection.execute(q).all():
                if (sid, day) not in skip:
                    # tuple.__new__ through map: no Python frame per entry.
                    out.extend(map(MAKE_ENTRY, map([fid, sid].__add__, items)))
        return out

    def store_day(self, service_id: int, day: date, entries: Sequence[Entry]) -> None:
        """Write (or rewrite) a closed service day's roll-up."""
        dialect = postgresql if self.on_postgres else sqlite
        values = {"service_id": service_id, "day": day, "shape": ROLL_UP_SHAPE,
                  "tickets": len(entries), "entries": [list(e[2:]) for e in entries]}
        stmt = dialect.insert(ReportDay).values(**values)
        stmt = stmt.on_conflict_do_update(
            index_elements=[ReportDay.service_id, ReportDay.day],
            set_={k: stmt.excluded[k] for k in ("shape", "tickets", "entries")})
        self._uow.connection.execute(stmt)

    def not_rolled_up(self, limit: int) -> list[tuple[int, date, str]]:
        """Closed service days without a roll-up of the current shape, oldest first, at
        most `limit`: (service id, day, the facility's timezone)."""
        q = (select(DayClose.service_id, DayClose.day, Facility.timezone)
             .join(Service, Service.id == DayClose.service_id)
             .join(Facility, Facility.id == Service.facility_id)
             .outerjoin(ReportDay, and_(ReportDay.service_id == DayClose.service_id,
                                        ReportDay.day == DayClose.day,
                                        ReportDay.shape == ROLL_UP_SHAPE))
             .where(ReportDay.service_id.is_(None))
             .order_by(DayClose.day, DayClose.service_id).limit(limit))
        return [(sid, day, zone) for sid, day, zone in self._uow.connection.execute(q).all()]
