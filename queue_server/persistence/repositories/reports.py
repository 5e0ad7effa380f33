"""Reads for the reports, through Core: facilities with their services and counters, and
one row of moments per ticket, aggregated from its history rows by the database."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import case, func, literal, select

from ...domain.reports import TicketFacts
from ...domain.reports_tables import CounterInfo, FacilityScope, ServiceInfo
from ..models import Counter, Facility, Service, Ticket, TicketEvent, Visit
from .base import Repository

E = TicketEvent


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
)
TICKET_COLUMNS = (Ticket.id, Ticket.facility_id, Ticket.service_id, Ticket.counter_id,
                  Ticket.day, Ticket.source, Visit.channel, Ticket.status, Ticket.issued_at)


class Reports(Repository):
    """Facilities in the reports' shape and the tickets' moments."""

    def scope(self, facility_id: int | None) -> list[FacilityScope]:
        q = select(Facility.id, Facility.code, Facility.name, Facility.timezone)
        if facility_id is not None:
            q = q.where(Facility.id == facility_id)
        facilities = self._uow.connection.execute(q.order_by(Facility.code)).all()
        ids = [f.id for f in facilities]
        services = self._uow.connection.execute(
            select(Service.facility_id, Service.id, Service.code, Service.name,
                   Service.target_wait_minutes, Service.booking_quota)
            .where(Service.facility_id.in_(ids), Service.active.is_(True))
            .order_by(Service.position, Service.id)).all()
        counters = self._uow.connection.execute(
            select(Counter.facility_id, Counter.id, Counter.code, Counter.name)
            .where(Counter.facility_id.in_(ids), Counter.active.is_(True))
            .order_by(Counter.position, Counter.id)).all()
        return [FacilityScope(
            f.id, f.code, f.name, f.timezone,
            tuple(ServiceInfo(s.id, s.code, s.name, s.target_wait_minutes, s.booking_quota)
                  for s in services if s.facility_id == f.id),
            tuple(CounterInfo(c.id, c.code, c.name) for c in counters
                  if c.facility_id == f.id)) for f in facilities]

    def ticket_facts(self, service_ids: Sequence[int], start: date,
                     end: date) -> list[TicketFacts]:
        if not service_ids:
            return []
        # service_id and day lead ix_tickets_queue; the events come by ix on ticket_id.
        q = (select(*TICKET_COLUMNS, *MOMENTS)
             .join(Visit, Visit.id == Ticket.visit_id)
             .outerjoin(E, E.ticket_id == Ticket.id)
             .where(Ticket.service_id.in_(list(service_ids)), Ticket.day >= start,
                    Ticket.day <= end)
             .group_by(*TICKET_COLUMNS))
        # The columns come in TicketFacts' field order: built by position, the fastest
        # way through a year of rows (docs/performance.md, "Reports").
        return [TicketFacts(*(*r[:15], r[15] == 1, r[16] == 1, r[17] == 1))
                for r in self._uow.connection.execute(q).all()]
