"""What a live client sees first: its rooms and its snapshot, per audience."""

from __future__ import annotations

from typing import Any

from ..domain.codes import normalise_code
from ..domain.errors import NotFound
from ..domain.numbering import service_day
from .auth import Principal
from .console import console_snapshot
from .events import counter_room, facility_room, public_ticket, visit_room
from .ports import Clock, UnitOfWork
from .queries import get_facility
from .queue import resolve_counter
from .views import board_view, ticket_view


def board_rooms(uow: UnitOfWork, clock: Clock, facility_code: str) -> tuple[list[str], dict]:
    with uow:
        facility = get_facility(uow, facility_code)
        return [facility_room(facility.code)], board_view(uow, facility, clock.now())


def console_rooms(uow: UnitOfWork, clock: Clock, principal: Principal, counter_code: str,
                  facility_code: str | None = None) -> tuple[list[str], dict]:
    with uow:
        counter = resolve_counter(uow, principal, counter_code, facility_code)
        rooms = [counter_room(counter.id), facility_room(counter.facility.code)]
        return rooms, console_snapshot(uow, counter, clock.now())


def visit_snapshot(uow: UnitOfWork, visit: Any, now: Any) -> dict[str, Any]:
    """A patient's own view: the journey so far and the ticket that is open now."""
    facility = visit.tickets[0].service.facility
    open_tickets = [t for t in visit.tickets if t.status in ("booked", "waiting", "called",
                                                              "serving")]
    current = open_tickets[-1] if open_tickets else visit.tickets[-1]
    return {
        "seq": facility.event_seq,
        "epoch": facility.epoch,
        "code": visit.code,
        # The facility's own day: a booking for another day is shown with its date.
        "today": service_day(now, facility.timezone).isoformat(),
        "facility": {"code": facility.code, "name": facility.name,
                     "timezone": facility.timezone},
        "ticket": ticket_view(uow, current, now),
        "journey": [public_ticket(t) for t in visit.tickets],
    }


def visit_rooms(uow: UnitOfWork, clock: Clock, code: str) -> tuple[list[str], dict]:
    with uow:
        visit = uow.tickets.visit_by_code(normalise_code(code))
        if visit is None or not visit.tickets:
            raise NotFound("Kode tiket tidak dikenal.", "Unknown ticket code.",
                           code="visit_not_found")
        facility = visit.tickets[0].service.facility
        snapshot = visit_snapshot(uow, visit, clock.now())
        return [visit_room(visit.code), facility_room(facility.code)], snapshot
