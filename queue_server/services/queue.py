"""Queue use cases: issue a walk-in ticket, call next, and move the counter's ticket on."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ..domain.codes import new_visit_code, normalise_code
from ..domain.errors import DomainError, Forbidden, InvalidInput, NotFound, QueueEmpty
from ..domain.hours import is_open
from ..domain.numbering import format_number, service_day
from ..domain.priority import Priority, parse_priority, queue_key
from ..domain.tickets import EVENT_KINDS, Action, TicketStatus, transition
from . import catalogue
from .auth import Principal
from .catalogue import ServiceRef, TicketRecord, VisitRecord, service_not_found
from .events import queue_changed, ticket_changed
from .notifications import notice_nearly
from .ports import Clock, UnitOfWork
from .queries import get_facility
from .views import counter_view, forget_pace, iso, queue_days, services_view, ticket_view


def get_service(uow: UnitOfWork, facility: Any, code: str) -> Any:
    service = uow.directory.service(facility.id, code)
    if service is None or not service.active:
        raise service_not_found(facility, code)
    return service


def apply_action(uow: UnitOfWork, ticket: Any, action: Action, actor: str, now: datetime,
            counter_id: int | None = None, **data: Any) -> None:
    """Apply a domain transition to the ticket and append its history row."""
    before = ticket.status
    ticket.status = transition(ticket.status, action, ticket.number).value
    if (before == "waiting") != (ticket.status == "waiting"):  # the queue's kept count
        # The ticket's row first (its version check and lock), then the queue's row: the
        # order call-next takes them in, so a cancel racing a call cannot deadlock.
        uow.flush()
        uow.tickets.adjust_waiting(ticket.service_id, ticket.day,
                                   1 if ticket.status == "waiting" else -1)
    uow.tickets.add_event(
        ticket_id=ticket.id, facility_id=ticket.facility_id, kind=EVENT_KINDS[action], at=now,
        actor=actor, counter_id=counter_id, data=data,
    )


def _ticket_fields(priority: str, service: Any, day: Any, seq: int, now: datetime,
                   status: TicketStatus, source: str) -> dict[str, Any]:
    waiting = status is TicketStatus.WAITING
    return {
        "facility_id": service.facility_id, "service_id": service.id, "day": day, "seq": seq,
        "number": format_number(service.prefix, seq), "priority": priority,
        "status": status.value, "source": source, "issued_at": now,
        "waiting_since": now if waiting else None,
        "queue_key": queue_key(Priority(priority), now) if waiting else None,
    }


def _issued(ticket_id: int, facility_id: int, number: str, now: datetime, actor: str,
            source: str) -> dict[str, Any]:
    return {"ticket_id": ticket_id, "facility_id": facility_id, "kind": "issued", "at": now,
            "actor": actor, "counter_id": None, "data": {"source": source, "number": number}}


def open_ticket(
    uow: UnitOfWork, visit: Any, service: Any, now: datetime, actor: str, source: str,
) -> Any:
    """A new numbered ticket, as an ORM row, for a visit already loaded (a transfer)."""
    day = service_day(now, service.facility.timezone)
    fields = _ticket_fields(visit.priority, service, day,
                            uow.tickets.next_seq(service.id, day, joins=True),
                            now, TicketStatus.WAITING, source)
    ticket = uow.tickets.add_ticket(visit=visit, service=service, **fields)
    uow.flush()
    uow.tickets.add_event(**_issued(ticket.id, ticket.facility_id, ticket.number, now, actor,
                                    source))
    return ticket


def issue_new_visit(
    uow: UnitOfWork, service: ServiceRef, now: datetime, actor: str, source: str,
    channel: str, priority: str = "regular", status: TicketStatus = TicketStatus.WAITING,
    day: Any = None, seq: int | None = None, **identity: str | None,
) -> TicketRecord:
    """A new visit with its first numbered ticket (walk-ins and bookings: the busiest
    writes). Written through Core, in one statement on PostgreSQL."""
    day = day or service_day(now, service.facility.timezone)
    seq = seq or uow.tickets.next_seq(service.id, day, joins=status is TicketStatus.WAITING)
    code = new_visit_code()
    person = {k: identity.get(k) for k in ("nik", "name", "phone", "bpjs_number")}
    fields = _ticket_fields(priority, service, day, seq, now, status, source)
    visit_id, ticket_id = uow.tickets.insert_issued(
        visit={"facility_id": service.facility_id, "code": code, "day": day,
               "channel": channel, "priority": priority, "created_at": now, **person},
        ticket=fields,
        event={k: v for k, v in _issued(0, service.facility_id, fields["number"], now, actor,
                                        source).items() if k != "ticket_id"},
    )
    visit = VisitRecord(visit_id, code, priority, **person)
    ticket = TicketRecord(id=ticket_id, visit=visit, service=service, **fields)
    visit.tickets.append(ticket)
    return ticket


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


def resolve_counter(
    uow: UnitOfWork, principal: Principal, code: str, facility_code: str | None = None
) -> Any:
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
            raise InvalidInput(
                f"Loket '{code}' ada di beberapa fasilitas; tambahkan ?facility=KODE.",
                f"Counter '{code}' exists at several facilities; add ?facility=CODE.",
                code="facility_required",
            )
        counter = matches[0] if matches else None
    if counter is None or not counter.active:
        raise NotFound(f"Loket '{code}' tidak ada.", f"No counter '{code}'.",
                       code="counter_not_found")
    principal.require_facility(counter.facility_id)
    return counter


def _current(uow: UnitOfWork, counter: Any) -> Any:
    ticket = uow.tickets.current_at(counter.id)
    if ticket is None:
        raise DomainError(
            f"Tidak ada pasien yang sedang dipanggil di {counter.name}.",
            f"No patient is being called or served at {counter.name}.",
            code="no_current_ticket",
        )
    return ticket


def _close(uow: UnitOfWork, ticket: Any, action: Action, actor: str, now: datetime,
           counter: Any, **data: Any) -> None:
    apply_action(uow, ticket, action, actor, now, counter.id, **data)
    ticket.finished_at = now
    forget_pace(uow, ticket.service_id)  # one more observed service time
    ticket_changed(uow, ticket, now, counter=counter)


def call_next(
    uow: UnitOfWork, clock: Clock, principal: Principal, counter_code: str,
    facility_code: str | None = None, notify_at: int | None = None,
) -> dict[str, Any]:
    """Call the next waiting patient to this counter.

    Whoever the counter still holds is finished first, as staff at a desk expect from
    "next"; when nobody waits, nothing changes and QueueEmpty is raised.
    """
    with uow:
        counter = resolve_counter(uow, principal, counter_code, facility_code)
        uow.directory.lock_counter(counter)
        if counter.paused:
            raise DomainError(
                f"{counter.name} sedang istirahat; lanjutkan dulu untuk memanggil.",
                f"{counter.name} is paused; resume it to call patients.",
                code="counter_paused",
            )
        now = clock.now()
        ranks = {link.service_id: link.rank for link in counter.links}
        days = queue_days(now, counter.facility.timezone)
        ticket = uow.tickets.next_waiting(ranks, days, lock=True) if ranks else None
        if ticket is None:
            raise QueueEmpty(
                f"Tidak ada pasien menunggu untuk {counter.name}.",
                f"Nobody is waiting for {counter.name}.",
            )
        current = uow.tickets.current_at(counter.id)
        if current is not None:
            _close(uow, current, Action.FINISH, principal.actor, now, counter, by="call_next")
        apply_action(uow, ticket, Action.CALL, principal.actor, now, counter.id)
        ticket.counter = counter
        ticket.called_at = now
        uow.flush()
        ticket_changed(uow, ticket, now, called=True)
        queue_changed(uow, counter.facility, now, [ticket.service])
        notice_nearly(uow, ticket.service, now, notify_at)
        view = ticket_view(uow, ticket, now, staff=True)
        uow.commit()
        return view


def _transfer(uow: UnitOfWork, ticket: Any, target_code: str, principal: Principal,
              now: datetime, counter: Any) -> Any:
    facility = counter.facility
    target = get_service(uow, facility, target_code)
    if target.id == ticket.service_id:
        raise InvalidInput(
            "Tidak bisa merujuk ke layanan yang sama.",
            "Cannot transfer a ticket to the service it is already in.",
            code="invalid_transfer",
        )
    new = open_ticket(uow, ticket.visit, target, now, principal.actor, "transfer")
    _close(uow, ticket, Action.TRANSFER, principal.actor, now, counter,
           to=target.code, number=new.number)
    ticket.next_ticket_id = new.id
    queue_changed(uow, facility, now, [target])
    return new


def counter_action(
    uow: UnitOfWork, clock: Clock, principal: Principal, counter_code: str, action: Action,
    facility_code: str | None = None, transfer_to: str | None = None,
    number: str | None = None,
) -> dict[str, Any]:
    """Recall, start, skip, finish (optionally sending on) or requeue the counter's ticket."""
    with uow:
        counter = resolve_counter(uow, principal, counter_code, facility_code)
        uow.directory.lock_counter(counter)
        now = clock.now()
        transferred = None
        if action is Action.REQUEUE:
            ticket = _requeue_target(uow, counter, now, number)
        else:
            ticket = _current(uow, counter)
        if action is Action.FINISH and transfer_to:
            transferred = _transfer(uow, ticket, transfer_to, principal, now, counter)
        else:
            _move(uow, ticket, action, principal.actor, now, counter)
        uow.flush()
        view = ticket_view(uow, ticket, now, staff=True)
        if transferred is not None:
            view["transferred_to"] = ticket_view(uow, transferred, now)
        uow.commit()
        return view


def _move(uow: UnitOfWork, ticket: Any, action: Action, actor: str, now: datetime,
          counter: Any) -> None:
    if action in (Action.SKIP, Action.FINISH):
        _close(uow, ticket, action, actor, now, counter)
        return
    if action is Action.RECALL:
        apply_action(uow, ticket, action, actor, now, counter.id, recall=ticket.recalls + 1)
        ticket.recalls += 1
        ticket_changed(uow, ticket, now, called=True)
        return
    apply_action(uow, ticket, action, actor, now, counter.id)
    if action is Action.START:
        ticket.started_at = now
    elif action is Action.REQUEUE:
        # Back in line with the place they already earned: staff requeue a patient who has
        # come back to the desk, and usually call them straight after.
        ticket.counter = None
        ticket.finished_at = None
        uow.flush()
        ticket_changed(uow, ticket, now, counter=counter)
        queue_changed(uow, counter.facility, now, [ticket.service])
        return
    else:
        raise ValueError(f"not a counter action: {action}")
    ticket_changed(uow, ticket, now)


def _requeue_target(uow: UnitOfWork, counter: Any, now: datetime, number: str | None) -> Any:
    current = uow.tickets.current_at(counter.id)
    if number is None and current is not None and current.status == "called":
        return current
    service_ids = [link.service_id for link in counter.links]
    days = queue_days(now, counter.facility.timezone)
    ticket = uow.tickets.no_show(service_ids, days, number, counter.id)
    if ticket is None:
        which = f"nomor {number} " if number else ""
        raise NotFound(
            f"Tidak ada pasien terlewat {which}untuk {counter.name}.",
            f"No skipped patient {('numbered ' + number + ' ') if number else ''}"
            f"for {counter.name}.",
            code="ticket_not_found",
        )
    return ticket


def set_paused(
    uow: UnitOfWork, clock: Clock, principal: Principal, counter_code: str, paused: bool,
    facility_code: str | None = None,
) -> dict[str, Any]:
    """Pause a counter (no calls until resumed) or resume it; repeating either is harmless."""
    with uow:
        counter = resolve_counter(uow, principal, counter_code, facility_code)
        now = clock.now()
        if counter.paused != paused:
            counter.paused = paused
            uow.flush()
            for link in counter.links:
                forget_pace(uow, link.service_id)  # open counters changed
            queue_changed(uow, counter.facility, now, [link.service for link in counter.links],
                          counter=counter)
        view = counter_view(counter)
        current = uow.tickets.current_at(counter.id)
        view["ticket"] = ticket_view(uow, current, now, staff=True) if current else None
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


def set_running_text(uow: UnitOfWork, clock: Clock, principal: Principal, facility_code: str,
                     text: str) -> dict[str, Any]:
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
