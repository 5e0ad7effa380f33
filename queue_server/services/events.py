"""Live events a use case raises: public payloads only, sent after the commit with a seq."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from .port_rows import CounterRow, FacilityRow, ServiceRow, TicketEventRow, TicketFacts
from .ports import JsonObject, OutgoingEvent, UnitOfWork
from .views import ServiceSummary, iso, service_summaries
from .voice import announce_fields


def facility_room(code: str) -> str:
    return f"facility:{code}"


def counter_room(counter_id: int) -> str:
    return f"counter:{counter_id}"


def visit_room(code: str) -> str:
    return f"visit:{code}"


def public_ticket(ticket: TicketFacts) -> JsonObject:
    """What anyone in the waiting room may know: number, service, status, counter."""
    counter = ticket.counter
    return {
        "number": ticket.number,
        "service": ticket.service.code,
        "service_name": ticket.service.name,
        "date": ticket.day.isoformat(),
        "status": ticket.status,
        "counter": {"code": counter.code, "name": counter.name} if counter else None,
        "recalls": ticket.recalls,
    }


def ticket_changed(uow: UnitOfWork, ticket: TicketFacts, now: datetime, called: bool = False,
                   counter: CounterRow | None = None,
                   record: TicketEventRow | None = None) -> None:
    """`ticket.called` (a call or recall to announce) or `ticket.updated` for one ticket.

    Sent to the facility's boards, the visit's phone and the counter's consoles; a client
    in several of these rooms receives it once. `record`: the call's history row, which
    keeps the event's seq so a board that missed the event can replay it.
    """
    facility = ticket.service.facility
    counter = counter or ticket.counter
    rooms = [facility_room(facility.code), visit_room(ticket.visit.code)]
    if counter is not None:
        rooms.append(counter_room(counter.id))
    payload: JsonObject = {"facility": facility.code, "at": iso(now, facility.timezone),
               "ticket": public_ticket(ticket)}
    if called:
        payload["recall"] = ticket.recalls > 0
        # The words a board plays, so every board says the same sentence: `announce`
        # after a chime, `announce_short` when the call waits behind another.
        payload.update(announce_fields(ticket.number, counter))
    name = "ticket.called" if called else "ticket.updated"
    uow.emit(OutgoingEvent(facility.id, name, payload, tuple(rooms), record=record))


def queue_changed(uow: UnitOfWork, facility: FacilityRow, now: datetime,
                  services: Iterable[ServiceRow], counter: CounterRow | None = None,
                  running_text: str | None = None,
                  waiting: dict[int, int] | None = None,
                  closed_day: dict[str, str] | None = None,
                  config: bool = False) -> list[ServiceSummary]:
    """`queue.changed`: fresh waiting counts and estimates of the services that moved.

    `closed_day` (`{"service": code, "date": YYYY-MM-DD}`): that service's day has just
    been closed; boards drop its numbers (at counters and among the last calls).
    `config`: the facility's configuration changed (`"config": true`): re-read services.
    Returns the figures, for a caller that needs them too."""
    unique = list({s.id: s for s in services}.values())
    summaries = service_summaries(uow, facility, now, unique, waiting)
    payload: JsonObject = {
        "facility": facility.code,
        "at": iso(now, facility.timezone),
        "services": summaries,
    }
    if counter is not None:
        payload["counter"] = {"code": counter.code, "name": counter.name,
                              "paused": counter.paused}
    if running_text is not None:
        payload["running_text"] = running_text
    if closed_day is not None:
        payload["closed_day"] = closed_day
    if config:
        payload["config"] = True
    uow.emit(OutgoingEvent(facility.id, "queue.changed", payload,
                           (facility_room(facility.code),)))
    return summaries
