"""A visit and ticket just written through Core, as the views and events read them: the
new rows' description (domain/new_tickets.py) plus their ids, without an ORM round trip."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from ..domain.new_tickets import NewTicket, NewVisit
from .catalogue import ServiceRef
from .port_rows import CounterRow


@dataclass(frozen=True, kw_only=True)
class VisitRecord(NewVisit):
    id: int
    tickets: list[TicketRecord] = field(default_factory=list)


@dataclass(frozen=True, kw_only=True)
class TicketRecord(NewTicket):
    """A ticket just issued: the attributes of an ORM ticket the views and events read."""

    id: int
    visit: VisitRecord
    service: ServiceRef
    version: int = 1
    recalls: int = 0
    counter: CounterRow | None = None
    called_at: datetime | None = None


def written(visit: NewVisit, visit_id: int, ticket: NewTicket, ticket_id: int,
            service: ServiceRef) -> TicketRecord:
    """The records of a visit and its first ticket once the rows have their ids."""
    visit_record = VisitRecord(id=visit_id, **visit.row())
    record = TicketRecord(id=ticket_id, visit=visit_record, service=service, **ticket.row())
    visit_record.tickets.append(record)
    return record
