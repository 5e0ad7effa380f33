"""Kiosk and desk arrivals: a walk-in takes a number, a booked patient checks in, and
devices report how they are."""

from __future__ import annotations

from datetime import date, datetime

from ..domain.access import KioskHeartbeatOnly
from ..domain.booking_dates import require_booked_for
from ..domain.codes import normalise_code
from ..domain.lookups import BookingNotFound, FacilityRequired
from ..domain.numbering import service_day
from ..domain.priority import Priority, parse_priority, queue_key
from ..domain.tickets import Action, TicketStatus, require_check_in
from ..domain.walk_ins import check_walk_in_limit
from . import catalogue, closures, idempotency
from .auth import Principal
from .catalogue import FacilityRef, ServiceRef
from .events import queue_changed, ticket_changed
from .notifications import notice_nearly
from .ports import Clock, JsonObject, UnitOfWork
from .queue import apply_action, issue_new_visit
from .records import TicketRecord
from .views import estimate, facility_ref, iso, services_view, ticket_view


def issue_walk_in(
    uow: UnitOfWork, clock: Clock, principal: Principal, service_code: str,
    priority: str | None = None, facility_code: str | None = None,
) -> JsonObject:
    """A kiosk (or staff member) takes a number for a patient who walked in: the ticket."""
    return take_walk_in(uow, clock, principal, service_code, priority, facility_code)[0]


def _walk_in_key(principal: Principal, key: str | None) -> str | None:
    """The stored key: a client's key is scoped to the device or staff user that sent it
    (and, for staff, to walk-ins: their keys for counter actions live apart)."""
    if not key:
        return None
    if principal.kind == "device":
        return f"kiosk:{principal.id}:{key}"
    return f"walk-in:staff:{principal.id}:{key}"


def _walk_in_facility(uow: UnitOfWork, principal: Principal,
                      facility_code: str | None) -> FacilityRef:
    if principal.kind == "device":
        principal.require_device("kiosk")
        return catalogue.facility_by_id(uow, principal.own_facility())
    if not facility_code:
        raise FacilityRequired()
    facility = catalogue.facility_by_code(uow, facility_code)
    principal.require_facility(facility.id)
    return facility


def take_walk_in(
    uow: UnitOfWork, clock: Clock, principal: Principal, service_code: str,
    priority: str | None = None, facility_code: str | None = None,
    idempotency_key: str | None = None,
) -> tuple[JsonObject, bool]:
    """A walk-in number, once per `idempotency_key`: (ticket, created).

    The same key with the same service and priority returns the first reply again
    (created False); with another body it raises IdempotencyKeyReused (409). Also raises
    ClosedOnDate (`closed_on_date`: a holiday, a local closure), ServiceClosed, WalkInFull
    (409 each) and the lookups' NotFound.
    """
    prio = parse_priority(priority)
    key = _walk_in_key(principal, idempotency_key)
    fingerprint = ("" if key is None
                   else idempotency.fingerprint(facility_code, service_code, prio.value))
    with uow:
        first = idempotency.replayed(uow, key, fingerprint)
        if first is not None:
            return first, False
        facility = _walk_in_facility(uow, principal, facility_code)
        service = catalogue.service(uow, facility, service_code)
        now = clock.now()
        closures.require_open_now(uow, facility, service, now)
        day = service_day(now, facility.timezone)
        # The number is taken first: its row lock makes the limit check below exact even
        # when several kiosks issue at once, and a retry with the same key that raced the
        # first request finds its reply here (leaving, it rolls its number back).
        seq, waiting = uow.tickets.next_seq_and_waiting(service.id, day, joins=True)
        first = idempotency.replayed(uow, key, fingerprint)
        if first is not None:
            return first, False
        ticket, view = _issue(uow, principal, facility, service, prio, now, day, seq, waiting)
        if key is not None:
            uow.idempotency.remember(key, fingerprint, ticket.visit.code, now, response=view)
        uow.commit()
        return view, True


def _issue(uow: UnitOfWork, principal: Principal, facility: FacilityRef, service: ServiceRef,
           prio: Priority, now: datetime, day: date, seq: int,
           waiting: int) -> tuple[TicketRecord, JsonObject]:
    """The new visit and ticket (not committed), with the ticket's view. `waiting`: the
    service's waiting count with this ticket in it."""
    limit = service.walkin_limit
    # A regular patient who just arrived is last in line: everyone waiting is ahead (the
    # count the boards are sent). Their estimate is the reply's, kept on the history row
    # so the reports can say how good estimates were; others' place needs a query.
    ahead = waiting - 1 if prio is Priority.REGULAR else None
    ticket = issue_new_visit(uow, service, now, principal.actor, "walk_in",
                             "kiosk" if principal.kind == "device" else "staff",
                             prio.value, day=day, seq=seq,
                             estimate_s=_estimate_s(uow, service, now, ahead))
    if limit is not None:
        check_walk_in_limit(uow.tickets.count_issued(service.id, day, "walk_in"), limit,
                            service.name)
    queue_changed(uow, facility, now, [service], waiting={service.id: waiting})
    return ticket, ticket_view(uow, ticket, now, people_ahead=ahead)


def _estimate_s(uow: UnitOfWork, service: ServiceRef, now: datetime,
                ahead: int | None) -> int | None:
    """The estimated wait in whole seconds for a patient with `ahead` people ahead (None:
    not known, or no counter open), as the ticket's reply gives it (views.estimate)."""
    if ahead is None:
        return None
    wait, _ = estimate(uow, service, now, ahead)
    return None if wait is None else int(wait.total_seconds())


def check_in(uow: UnitOfWork, clock: Clock, principal: Principal, code: str,
             notify_at: int | None = None) -> JsonObject:
    """A booked patient has arrived: their ticket joins today's queue.

    They queue from the moment they arrive (with their priority's head start), so a
    patient who comes after their number has passed is not put at the front.
    """
    with uow:
        visit = uow.tickets.visit_by_code(normalise_code(code))
        if visit is None:
            raise BookingNotFound()
        facility = uow.directory.facility_by_id(visit.facility_id)
        if principal.kind == "device":
            principal.require_device("kiosk")
        principal.require_facility(facility.id)
        booked = [t for t in visit.tickets if t.status == TicketStatus.BOOKED.value]
        if not booked:
            current = visit.tickets[-1]
            require_check_in(current.status, current.number)  # raises, says why
        ticket = booked[0]
        now = clock.now()
        today = service_day(now, facility.timezone)
        require_booked_for(ticket.day, today)
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


def kiosk_home(uow: UnitOfWork, clock: Clock, principal: Principal,
               public_url: str | None = None) -> JsonObject:
    """What a kiosk's start screen needs: its facility, the services with their queues.

    Each service also says when it next opens (`opens_at`, ISO 8601, null while open,
    closed dates skipped) and why today is closed (`closed_reason`, see services_view);
    `public_url` is the address phones use (printed in the tickets' QR), `generated_at`
    the server's time (the kiosk words "opens tomorrow" against it)."""
    principal.require_device("kiosk")
    with uow:
        facility = uow.directory.facility_by_id(principal.own_facility())
        now = clock.now()
        services = services_view(uow, facility, now)
        rows = {s.code: s for s in uow.directory.services(facility.id)}
        for entry in services:
            opening = closures.next_opening(uow, facility, rows[str(entry["code"])], now)
            entry["opens_at"] = iso(opening, facility.timezone)
        return {"facility": facility_ref(facility, now),
                "device": principal.name, "public_url": public_url,
                "generated_at": iso(now, facility.timezone), "services": services}


def device_heartbeat(uow: UnitOfWork, clock: Clock, principal: Principal,
                     status: JsonObject) -> JsonObject:
    """A kiosk reports how it is (printer online, paper, jobs waiting, last error).

    Only kiosk devices: a display reports over its board socket (`heartbeat` event), so
    its token here is KioskHeartbeatOnly (403) and nothing about it changes."""
    if principal.kind != "device" or principal.role != "kiosk":
        raise KioskHeartbeatOnly()
    with uow:
        device = uow.directory.device_by_id(principal.id)
        now = clock.now()
        device.status = status
        device.last_seen_at = now
        facility = uow.directory.facility_by_id(device.facility_id)
        uow.commit()
        return {"received_at": iso(now, facility.timezone)}
