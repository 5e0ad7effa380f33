"""Phone bookings: book a number for a day, follow it, cancel it (check-in is in arrivals.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from ..domain.booking_limits import DEFAULT_BOOKINGS_PER_NIK_PER_DAY
from ..domain.codes import normalise_code
from ..domain.errors import DomainError, InvalidInput, NotFound
from ..domain.hours import opens_at
from ..domain.identity import parse_bpjs, parse_name, parse_nik, parse_phone
from ..domain.numbering import service_day
from ..domain.privacy import mask_digits
from ..domain.tickets import Action, TicketStatus
from . import catalogue, closures, idempotency, patient_bookings
from .events import public_ticket, queue_changed, ticket_changed
from .ports import Clock, UnitOfWork
from .queue import apply_action, issue_new_visit
from .views import estimate, iso, ticket_view

ACTIVE = ("booked", "waiting", "called", "serving")


@dataclass(frozen=True)
class BookingRequest:
    facility: str
    service: str
    date: date
    nik: str
    name: str
    phone: str
    bpjs_number: str | None = None

    def fingerprint(self) -> str:
        """What makes two booking requests the same one (for Idempotency-Key)."""
        return idempotency.fingerprint(self.__dict__)


def _check_date(uow: UnitOfWork, facility: Any, service: Any, on: date, now: datetime,
                window_days: int) -> None:
    """The visit date is bookable: not past (422 `date_in_past`), within the window (422
    `date_out_of_window`), a date the service opens (409 `closed_on_date`,
    `service_closed`) and, for today, early enough to be served (409
    `booking_closed_today`; see services.closures.require_bookable)."""
    today = service_day(now, facility.timezone)
    if on < today:
        raise InvalidInput("Tanggal periksa tidak boleh mundur.",
                           "The visit date cannot be in the past.", code="date_in_past")
    if on > today + timedelta(days=window_days):
        raise InvalidInput(
            f"Booking hanya bisa untuk {window_days} hari ke depan.",
            f"Bookings open only {window_days} days ahead.", code="date_out_of_window")
    closures.require_bookable(uow, facility, service, on, now)


def book(uow: UnitOfWork, clock: Clock, req: BookingRequest, window_days: int,
         idempotency_key: str | None = None,
         daily_limit: int = DEFAULT_BOOKINGS_PER_NIK_PER_DAY) -> tuple[dict[str, Any], bool]:
    """Book a place; returns (booking, created). Rules are checked in the order a patient
    can fix them: identity first, then the date, then the patient's own bookings (one per
    service and day, `daily_limit` a day across facilities: 409 `daily_limit`), then
    places left."""
    nik = parse_nik(req.nik).value
    name, phone, bpjs = parse_name(req.name), parse_phone(req.phone), parse_bpjs(req.bpjs_number)
    # Stored apart from kiosks' and counters' keys, which carry their own prefixes.
    idempotency_key = f"booking:{idempotency_key}" if idempotency_key else None
    with uow:
        now = clock.now()
        seen = idempotency.previous(uow, idempotency_key, req.fingerprint())
        if seen is not None:
            return booking_view(uow, _visit(uow, seen.visit_code), now), False
        facility = catalogue.facility_by_code(uow, req.facility)
        service = catalogue.service(uow, facility, req.service)
        _check_date(uow, facility, service, req.date, now, window_days)
        # The patient's day lock (first, always), then the number's row lock, which
        # serialises every booking of this service and day: the checks below cannot race,
        # on SQLite or PostgreSQL.
        patient_bookings.lock_booking_day(uow, nik, req.date)
        seq = uow.tickets.next_seq(service.id, req.date, joins=False)  # booked, not waiting
        day = uow.tickets.booking_day(nik, service.id, req.date)
        if day.mine:
            raise DomainError(
                "Nomor antrean hanya dapat diambil 1 kali pada tanggal dan poli yang sama.",
                "Only one booking per patient, service and day.", code="already_booked")
        patient_bookings.check_daily_place(uow, nik, req.date, daily_limit)
        if day.booked >= service.booking_quota:
            raise DomainError("Kuota penuh untuk tanggal ini.",
                              "No places left on that date.", code="quota_full")
        ticket = issue_new_visit(uow, service, now, "patient:mobile", "booking", "mobile",
                                 status=TicketStatus.BOOKED, day=req.date, seq=seq, nik=nik,
                                 name=name, phone=phone, bpjs_number=bpjs)
        visit = ticket.visit
        if idempotency_key:
            uow.tickets.remember_key(idempotency_key, req.fingerprint(), visit.code, now)
        view = booking_view(uow, visit, now, ticket, ahead=day.ahead)
        uow.commit()
        return view, True


def _visit(uow: UnitOfWork, code: str) -> Any:
    visit = uow.tickets.visit_by_code(normalise_code(code))
    if visit is None or not visit.tickets:
        raise NotFound("Kode booking tidak dikenal.", "Unknown booking code.",
                       code="booking_not_found")
    return visit


def _open_ticket_of(visit: Any) -> Any:
    active = [t for t in visit.tickets if t.status in ACTIVE]
    return active[-1] if active else visit.tickets[-1]


def _booked_eta(uow: UnitOfWork, ticket: Any, position: int,
                now: datetime) -> tuple[str | None, str | None]:
    """(estimated call time, estimate note) of a booked number: `position` patients
    after the service opens that day (or now, if later); (None, `no_counter_open`) while
    no counter of it is open, (None, None) on a day it does not open."""
    service = ticket.service
    tz = service.facility.timezone
    start = opens_at(service.hours, ticket.day, tz)
    if start is None:
        return None, None
    wait, note = estimate(uow, service, now, position)
    return (None, note) if wait is None else (iso(max(start, now) + wait, tz), None)


def booking_view(uow: UnitOfWork, visit: Any, now: datetime, ticket: Any = None,
                 ahead: int | None = None) -> dict:
    """A booking as its holder sees it: never the full NIK, BPJS number or phone.

    `ahead`: the patients ahead of a booked number, when the caller already counted them."""
    ticket = ticket or _open_ticket_of(visit)
    view = ticket_view(uow, ticket, now, people_ahead=ahead)
    if ticket.status == "booked":
        view["people_ahead"] = ahead if ahead is not None else uow.tickets.ahead_by_number(ticket)
        view["estimated_call_at"], view["estimate_note"] = _booked_eta(
            uow, ticket, view["people_ahead"], now)
    view["position"] = view["people_ahead"]
    view["journey"] = [public_ticket(t) for t in visit.tickets]
    view["patient"] = {"name": visit.name, "nik": mask_digits(visit.nik),
                       "phone": mask_digits(visit.phone, 5, 3),
                       "bpjs_number": mask_digits(visit.bpjs_number, 2, 3)}
    view["links"] = {"ticket_page": f"/t/{visit.code}",
                     "qr": f"/api/v1/bookings/{visit.code}/qr.svg"}
    return view


def status(uow: UnitOfWork, clock: Clock, code: str) -> dict[str, Any]:
    with uow:
        return booking_view(uow, _visit(uow, code), clock.now())


def cancel(uow: UnitOfWork, clock: Clock, code: str) -> dict[str, Any]:
    """The holder cancels: the place goes back to the day's quota."""
    with uow:
        visit = _visit(uow, code)
        ticket = _open_ticket_of(visit)
        now = clock.now()
        was_waiting = ticket.status == "waiting"
        apply_action(uow, ticket, Action.CANCEL, "patient:mobile", now)
        ticket.finished_at = now
        uow.flush()
        if was_waiting:
            ticket_changed(uow, ticket, now)
            queue_changed(uow, ticket.service.facility, now, [ticket.service])
        view = booking_view(uow, visit, now, ticket)
        uow.commit()
        return view


