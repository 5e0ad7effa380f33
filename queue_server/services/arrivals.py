"""Kiosk and desk arrivals: a walk-in takes a number, a booked patient checks in, and
devices report how they are."""

from __future__ import annotations

from typing import Any

from ..domain.codes import normalise_code
from ..domain.errors import DomainError, Forbidden, InvalidInput, NotFound
from ..domain.hours import is_open
from ..domain.numbering import service_day
from ..domain.priority import Priority, parse_priority, queue_key
from ..domain.tickets import Action, TicketStatus, transition
from . import catalogue
from .auth import Principal
from .events import queue_changed, ticket_changed
from .notifications import notice_nearly
from .ports import Clock, UnitOfWork
from .queue import apply_action, issue_new_visit
from .views import iso, services_view, ticket_view


def issue_walk_in(
    uow: UnitOfWork, clock: Clock, principal: Principal, service_code: str,
    priority: str | None = None, facility_code: str | None = None,
) -> dict[str, Any]:
    """A kiosk (or staff member) takes a number for a patient who walked in."""
    prio = parse_priority(priority)
    with uow:
        if principal.kind == "device":
            principal.require_device("kiosk")
            facility = catalogue.facility_by_id(uow, principal.facility_id)
        else:
            if not facility_code:
                raise InvalidInput("Sebutkan fasilitasnya.", "Say which facility.",
                                   code="facility_required")
            facility = catalogue.facility_by_code(uow, facility_code)
            principal.require_facility(facility.id)
        service = catalogue.service(uow, facility, service_code)
        now = clock.now()
        if not is_open(service.hours, now, facility.timezone):
            raise DomainError(
                f"Pendaftaran ke {service.name} sedang tutup.",
                f"{service.name} is closed at this time.",
                code="service_closed",
            )
        day = service_day(now, facility.timezone)
        limit = service.walkin_limit
        # The number is taken first: its row lock makes the limit check below exact even
        # when several kiosks issue at once.
        seq, waiting = uow.tickets.next_seq_and_waiting(service.id, day, joins=True)
        ticket = issue_new_visit(uow, service, now, principal.actor, "walk_in",
                                 "kiosk" if principal.kind == "device" else "staff",
                                 prio.value, day=day, seq=seq)
        if limit is not None and uow.tickets.count_issued(service.id, day, "walk_in") > limit:
            raise DomainError(
                f"Nomor antrean {service.name} hari ini sudah habis ({limit}).",
                f"Today's walk-in numbers for {service.name} are used up ({limit}).",
                code="walkin_full",
            )
        [figures] = queue_changed(uow, facility, now, [service],
                                  waiting={service.id: waiting})
        # A regular patient who just arrived is last in line: everyone waiting is ahead.
        ahead = figures["waiting"] - 1 if prio is Priority.REGULAR else None
        view = ticket_view(uow, ticket, now, people_ahead=ahead)
        uow.commit()
        return view


def check_in(uow: UnitOfWork, clock: Clock, principal: Principal, code: str,
             notify_at: int | None = None) -> dict[str, Any]:
    """A booked patient has arrived: their ticket joins today's queue.

    They queue from the moment they arrive (with their priority's head start), so a
    patient who comes after their number has passed is not put at the front.
    """
    with uow:
        visit = uow.tickets.visit_by_code(normalise_code(code))
        if visit is None:
            raise NotFound("Kode booking tidak dikenal.", "Unknown booking code.",
                           code="booking_not_found")
        facility = uow.directory.facility_by_id(visit.facility_id)
        if principal.kind == "device":
            principal.require_device("kiosk")
        principal.require_facility(facility.id)
        booked = [t for t in visit.tickets if t.status == TicketStatus.BOOKED.value]
        if not booked:
            current = visit.tickets[-1]
            transition(current.status, Action.CHECK_IN, current.number)  # raises, says why
        ticket = booked[0]
        now = clock.now()
        today = service_day(now, facility.timezone)
        if ticket.day != today:
            raise DomainError(
                f"Booking ini untuk tanggal {ticket.day.isoformat()}, bukan hari ini.",
                f"This booking is for {ticket.day.isoformat()}, not today.",
                code="booking_not_today",
            )
        apply_action(uow, ticket, Action.CHECK_IN, principal.actor, now)
        ticket.waiting_since = now
        ticket.queue_key = queue_key(Priority(ticket.priority), now)
        uow.flush()
        ticket_changed(uow, ticket, now)
        queue_changed(uow, facility, now, [ticket.service])
        notice_nearly(uow, ticket.service, now, notify_at)
        view = ticket_view(uow, ticket, now)
        uow.commit()
        return view


def kiosk_home(uow: UnitOfWork, clock: Clock, principal: Principal) -> dict[str, Any]:
    """What a kiosk's start screen needs: its facility and the services with their queues."""
    principal.require_device("kiosk")
    with uow:
        facility = uow.directory.facility_by_id(principal.facility_id)
        return {"facility": {"code": facility.code, "name": facility.name},
                "device": principal.name,
                "services": services_view(uow, facility, clock.now())}


def device_heartbeat(uow: UnitOfWork, clock: Clock, principal: Principal,
                     status: dict[str, Any]) -> dict[str, Any]:
    """A device reports how it is (printer online, paper, jobs waiting, last error)."""
    if principal.kind != "device":
        raise Forbidden("Hanya perangkat yang mengirim heartbeat.",
                        "Only devices send heartbeats.")
    with uow:
        device = uow.directory.device_by_id(principal.id)
        now = clock.now()
        device.status = status
        device.last_seen_at = now
        facility = uow.directory.facility_by_id(device.facility_id)
        uow.commit()
        return {"received_at": iso(now, facility.timezone)}
