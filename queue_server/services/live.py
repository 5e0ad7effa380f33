"""What a live client sees first: its rooms and its snapshot, per audience."""

from __future__ import annotations

import logging
from datetime import datetime

from ..domain.codes import normalise_code
from ..domain.errors import DomainError
from ..domain.lookups import VisitNotFound
from ..domain.numbering import service_day
from ..domain.tickets import OPEN_STATUSES
from .auth import DISPLAY, Principal, authenticate
from .console import console_snapshot
from .events import counter_room, facility_room, public_ticket, visit_room
from .port_rows import StoredVisit
from .ports import Clock, JsonObject, UnitOfWork
from .queries import get_facility
from .queue import resolve_counter
from .views import board_view, facility_ref, iso, ticket_view

log = logging.getLogger(__name__)


def board_rooms(uow: UnitOfWork, clock: Clock,
                facility_code: str) -> tuple[list[str], JsonObject]:
    """A board's room (its facility's) and its snapshot."""
    with uow:
        facility = get_facility(uow, facility_code)
        return [facility_room(facility.code)], board_view(uow, facility, clock.now())


def board_position(uow: UnitOfWork, facility_code: str) -> JsonObject:
    """Where a facility's events stand, for a board to tell whether it missed some while
    no event came: `{"epoch": str, "seq": int}`, as in its snapshot. Raises
    FacilityNotFound."""
    with uow:
        facility = get_facility(uow, facility_code)
        return {"epoch": facility.epoch, "seq": facility.event_seq}


def console_rooms(uow: UnitOfWork, clock: Clock, principal: Principal, counter_code: str,
                  facility_code: str | None = None) -> tuple[list[str], JsonObject]:
    with uow:
        counter = resolve_counter(uow, principal, counter_code, facility_code)
        rooms = [counter_room(counter.id), facility_room(counter.facility.code)]
        return rooms, console_snapshot(uow, counter, clock.now())


def visit_snapshot(uow: UnitOfWork, visit: StoredVisit, now: datetime) -> JsonObject:
    """A patient's own view: the journey so far and the ticket that is open now."""
    facility = visit.tickets[0].service.facility
    open_tickets = [t for t in visit.tickets if t.status in OPEN_STATUSES]
    current = open_tickets[-1] if open_tickets else visit.tickets[-1]
    return {
        "seq": facility.event_seq,
        "epoch": facility.epoch,
        "code": visit.code,
        # The facility's own day: a booking for another day is shown with its date.
        "today": service_day(now, facility.timezone).isoformat(),
        "facility": facility_ref(facility, now),
        "ticket": ticket_view(uow, current, now),
        "journey": [public_ticket(t) for t in visit.tickets],
    }


def visit_rooms(uow: UnitOfWork, clock: Clock, code: str) -> tuple[list[str], JsonObject]:
    with uow:
        visit = uow.tickets.visit_by_code(normalise_code(code))
        if visit is None or not visit.tickets:
            raise VisitNotFound()
        facility = visit.tickets[0].service.facility
        snapshot = visit_snapshot(uow, visit, clock.now())
        return [visit_room(visit.code), facility_room(facility.code)], snapshot


def board_device(uow: UnitOfWork, clock: Clock, token: str | None,
                 facility_code: str) -> Principal | None:
    """The display device a board page's token belongs to, or None (an anonymous board).

    Only a `display` device of the board's own facility counts; any other token is
    ignored with a warning, so a mistyped token never blanks a waiting room's TV."""
    if not token:
        return None
    try:
        principal = authenticate(uow, clock, token)
        with uow:
            facility = get_facility(uow, facility_code)
    except DomainError as exc:
        log.warning("board %s: token refused (%s); the board stays anonymous",
                    facility_code, exc.code)
        return None
    if (principal.kind, principal.role, principal.facility_id) != ("device", DISPLAY,
                                                                   facility.id):
        log.warning("board %s: the token is not a display of this facility; the board "
                    "stays anonymous", facility_code)
        return None
    return principal


def _board_status(report: object, connected: bool) -> JsonObject:
    """The little a board tells about itself, checked and bounded."""
    report = report if isinstance(report, dict) else {}
    services = report.get("services")
    status: JsonObject = {
        "connected": connected,
        "lang": "en" if report.get("lang") == "en" else "id",
        "services": [str(s)[:40] for s in services[:30]] if isinstance(services, list) else [],
    }
    if report.get("sound") in ("on", "blocked"):
        status["sound"] = report["sound"]
    if isinstance(report.get("seq"), int):
        status["seq"] = report["seq"]
    return status


def board_seen(uow: UnitOfWork, clock: Clock, device: Principal, report: object,
               connected: bool = True) -> JsonObject:
    """A display device's heartbeat (or its connect and disconnect): `last_seen_at` and a
    small status (connected, page language, services filter, sound) for staff pages."""
    with uow:
        row = uow.directory.device_by_id(device.id)
        now = clock.now()
        row.status = _board_status(report, connected)
        row.last_seen_at = now
        facility = uow.directory.facility_by_id(row.facility_id)
        uow.commit()
        return {"received_at": iso(now, facility.timezone), "device": row.code}
