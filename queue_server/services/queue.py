"""Queue use cases shared by every channel: open a numbered ticket, move a ticket through
its states with a history row, find the counter a staff member acts on."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime

from ..domain.codes import new_visit_code
from ..domain.lookups import AmbiguousCounter, CounterNotFound, ServiceNotFound
from ..domain.new_tickets import NewTicket, NewVisit, new_ticket
from ..domain.numbering import service_day
from ..domain.tickets import EVENT_KINDS, Action, TicketStatus, transition
from .auth import Principal
from .catalogue import ServiceRef
from .events import queue_changed
from .port_queue import KEEP_COUNTER
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
    before = ticket.status
    ticket.status = transition(ticket.status, action, ticket.number).value
    if _waiting_delta(before, ticket.status):
        # The ticket's row first (its version check and lock), then the queue's row: the
        # order call-next takes them in, so a cancel racing a call cannot deadlock.
        uow.flush()
    return _recorded(uow, ticket, before, action, actor, now, counter_id, data)


def move_ticket(uow: UnitOfWork, ticket: StoredTicket, action: Action, actor: str,
                now: datetime, counter_id: int | None, values: Mapping[str, object],
                counter: CounterRow | None = KEEP_COUNTER,
                data: Mapping[str, object] | None = None) -> TicketEventRow:
    """`apply_action` written at once: the transition and `values` (column → value) go to
    the ticket's row in one versioned update (`uow.tickets.write`; `counter`: where the
    ticket now stands, left as it is unless given), without an ORM flush; `data` goes on
    the history row (returned).

    Raises InvalidTransition (nothing written), and sqlalchemy's StaleDataError when the
    row changed since it was loaded."""
    before = ticket.status
    status = transition(before, action, ticket.number).value
    uow.tickets.write(ticket, {"status": status, **values}, counter)
    return _recorded(uow, ticket, before, action, actor, now, counter_id, data or {})


def _waiting_delta(before: str, after: str) -> int:
    """+1 when a ticket starts waiting, -1 when it stops, else 0."""
    waiting = TicketStatus.WAITING
    return 0 if (before == waiting) == (after == waiting) else (1 if after == waiting else -1)


def _recorded(uow: UnitOfWork, ticket: TicketRow, before: str, action: Action, actor: str,
              now: datetime, counter_id: int | None,
              data: Mapping[str, object]) -> TicketEventRow:
    """The queue's kept waiting count moved (after the ticket's row is written) and the
    move's history row added."""
    delta = _waiting_delta(before, ticket.status)
    if delta:
        uow.tickets.adjust_waiting(ticket.service_id, ticket.day, delta)
    return uow.tickets.add_event(
        ticket_id=ticket.id, facility_id=ticket.facility_id, kind=EVENT_KINDS[action], at=now,
        actor=actor, counter_id=counter_id, data=dict(data),
    )


def _new_ticket(priority: str, service: ServiceRow, day: date, seq: int, now: datetime,
                status: TicketStatus, source: str) -> NewTicket:
    return new_ticket(service.facility_id, service.id, service.prefix, day, seq, priority,
                      status, source, now)


def _issued(ticket_id: int, facility_id: int, number: str, now: datetime, actor: str,
            source: str, estimate_s: int | None = None) -> dict[str, object]:
    data: dict[str, object] = {"source": source, "number": number}
    if estimate_s is not None:
        data["estimated_wait_s"] = estimate_s  # the reply's estimate (reports: accuracy)
    return {"ticket_id": ticket_id, "facility_id": facility_id, "kind": "issued", "at": now,
            "actor": actor, "counter_id": None, "data": data}


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
    day: date | None = None, seq: int | None = None, estimate_s: int | None = None,
    **identity: str | None,
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
                                        source, estimate_s).items() if k != "ticket_id"},
    )
    return written(visit, visit_id, ticket, ticket_id, service)


def resolve_counter(
    uow: UnitOfWork, principal: Principal, code: str, facility_code: str | None = None,
    plain: bool = False,
) -> CounterRow:
    """The counter a staff member acts on: in their facility, or the one an admin names.

    `plain`: read without the ORM (`uow.calls`; call-next), for `uow.calls.lock_counter`.
    Raises CounterNotFound, AmbiguousCounter (an admin naming a code two facilities
    use), and the principal's Forbidden/Unauthorized."""
    principal.require_staff()
    read = uow.calls.counter if plain else uow.directory.counter
    if facility_code:
        facility = get_facility(uow, facility_code)
        principal.require_facility(facility.id)
        counter = read(facility.id, code)
    elif principal.facility_id is not None:
        counter = read(principal.facility_id, code)
    else:
        matches = uow.directory.counters_with_code(code)
        if len(matches) > 1:
            raise AmbiguousCounter(code)
        counter = read(matches[0].facility_id, code) if matches else None
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
