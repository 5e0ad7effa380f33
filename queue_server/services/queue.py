"""Queue use cases shared by every channel: open a numbered ticket, move a ticket through
its states with a history row, find the counter a staff member acts on."""

from __future__ import annotations

from datetime import date, datetime

from ..domain.codes import new_visit_code
from ..domain.lookups import AmbiguousCounter, CounterNotFound, ServiceNotFound
from ..domain.new_tickets import NewTicket, NewVisit, new_ticket
from ..domain.numbering import service_day
from ..domain.tickets import EVENT_KINDS, Action, TicketStatus, transition
from .auth import Principal
from .catalogue import ServiceRef
from .events import queue_changed
from .port_rows import (
    CounterRow,
    FacilityRow,
    ServiceRow,
    StoredTicket,
    TicketEventRow,
    TicketRow,
    VisitRow,
)
from .ports import Clock, JsonObject, UnitOfWork
from .queries import get_facility
from .records import TicketRecord, written


def get_service(uow: UnitOfWork, facility: FacilityRow, code: str) -> ServiceRow:
    service = uow.directory.service(facility.id, code)
    if service is None or not service.active:
        raise ServiceNotFound(code, facility.name)
    return service


def apply_action(uow: UnitOfWork, ticket: TicketRow, action: Action, actor: str, now: datetime,
                 counter_id: int | None = None, **data: object) -> TicketEventRow:
    """Apply a domain transition to the ticket and append its history row (returned).

    Raises InvalidTransition when the ticket's status does not allow `action`."""
    waiting = TicketStatus.WAITING
    before = ticket.status
    ticket.status = transition(ticket.status, action, ticket.number).value
    if (before == waiting) != (ticket.status == waiting):  # the queue's kept count
        # The ticket's row first (its version check and lock), then the queue's row: the
        # order call-next takes them in, so a cancel racing a call cannot deadlock.
        uow.flush()
        uow.tickets.adjust_waiting(ticket.service_id, ticket.day,
                                   1 if ticket.status == waiting else -1)
    return uow.tickets.add_event(
        ticket_id=ticket.id, facility_id=ticket.facility_id, kind=EVENT_KINDS[action], at=now,
        actor=actor, counter_id=counter_id, data=data,
    )


def _new_ticket(priority: str, service: ServiceRow, day: date, seq: int, now: datetime,
                status: TicketStatus, source: str) -> NewTicket:
    return new_ticket(service.facility_id, service.id, service.prefix, day, seq, priority,
                      status, source, now)


def _issued(ticket_id: int, facility_id: int, number: str, now: datetime, actor: str,
            source: str) -> dict[str, object]:
    return {"ticket_id": ticket_id, "facility_id": facility_id, "kind": "issued", "at": now,
            "actor": actor, "counter_id": None, "data": {"source": source, "number": number}}


def open_ticket(
    uow: UnitOfWork, visit: VisitRow, service: ServiceRow, now: datetime, actor: str,
    source: str,
) -> StoredTicket:
    """A new numbered ticket, as an ORM row, for a visit already loaded (a transfer)."""
    day = service_day(now, service.facility.timezone)
    new = _new_ticket(visit.priority, service, day,
                      uow.tickets.next_seq(service.id, day, joins=True),
                      now, TicketStatus.WAITING, source)
    ticket = uow.tickets.add_ticket(visit=visit, service=service, **new.row())
    uow.flush()
    uow.tickets.add_event(**_issued(ticket.id, ticket.facility_id, ticket.number, now, actor,
                                    source))
    return ticket


def issue_new_visit(
    uow: UnitOfWork, service: ServiceRef, now: datetime, actor: str, source: str,
    channel: str, priority: str = "regular", status: TicketStatus = TicketStatus.WAITING,
    day: date | None = None, seq: int | None = None, **identity: str | None,
) -> TicketRecord:
    """A new visit with its first numbered ticket (walk-ins and bookings: the busiest
    writes). Written through Core, in one statement on PostgreSQL."""
    day = day or service_day(now, service.facility.timezone)
    seq = seq or uow.tickets.next_seq(service.id, day, joins=status is TicketStatus.WAITING)
    visit = NewVisit(facility_id=service.facility_id, code=new_visit_code(), day=day,
                     channel=channel, priority=priority, created_at=now,
                     nik=identity.get("nik"), name=identity.get("name"),
                     phone=identity.get("phone"), bpjs_number=identity.get("bpjs_number"))
    ticket = _new_ticket(priority, service, day, seq, now, status, source)
    visit_id, ticket_id = uow.tickets.insert_issued(
        visit=visit.row(), ticket=ticket.row(),
        event={k: v for k, v in _issued(0, service.facility_id, ticket.number, now, actor,
                                        source).items() if k != "ticket_id"},
    )
    return written(visit, visit_id, ticket, ticket_id, service)


def resolve_counter(
    uow: UnitOfWork, principal: Principal, code: str, facility_code: str | None = None
) -> CounterRow:
    """The counter a staff member acts on: in their facility, or the one an admin names."""
    principal.require_staff()
    if facility_code:
        facility = get_facility(uow, facility_code)
        principal.require_facility(facility.id)
        counter = uow.directory.counter(facility.id, code)
    elif principal.facility_id is not None:
        counter = uow.directory.counter(principal.facility_id, code)
    else:
        matches = uow.directory.counters_with_code(code)
        if len(matches) > 1:
            raise AmbiguousCounter(code)
        counter = matches[0] if matches else None
    if counter is None or not counter.active:
        raise CounterNotFound(code)
    principal.require_facility(counter.facility_id)
    return counter


def set_running_text(uow: UnitOfWork, clock: Clock, principal: Principal, facility_code: str,
                     text: str) -> JsonObject:
    """Staff of a facility (or an admin) change the boards' running text; boards update live."""
    principal.require_staff()
    with uow:
        facility = get_facility(uow, facility_code)
        principal.require_facility(facility.id)
        facility.running_text = " ".join(text.split())
        uow.flush()
        now = clock.now()
        queue_changed(uow, facility, now, [], running_text=facility.running_text)
        uow.commit()
        return {"facility": facility.code, "running_text": facility.running_text}
