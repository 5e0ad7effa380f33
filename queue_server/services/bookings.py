"""Phone bookings: book a number for a day, follow it, cancel it (check-in is in arrivals.py)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TypeVar

from ..domain.booking_dates import check_booking_window
from ..domain.booking_groups import DayFigures
from ..domain.booking_limits import (
    DEFAULT_BOOKINGS_PER_NIK_PER_DAY,
    QuotaLeft,
    check_daily_limit,
    check_one_per_day,
    check_places,
)
from ..domain.booking_limits import quota_left as places_left
from ..domain.codes import normalise_code
from ..domain.hours import opens_at
from ..domain.identity import parse_bpjs, parse_name, parse_nik, parse_phone
from ..domain.lookups import BookingNotFound
from ..domain.numbering import service_day
from ..domain.privacy import mask_digits
from ..domain.tickets import OPEN_STATUSES, Action, TicketStatus
from . import catalogue, closures, hold_expiry, idempotency, patient_bookings
from .catalogue import ServiceRef
from .events import public_ticket, queue_changed, ticket_changed
from .notifications import CODE_KIND
from .port_records import BookingDay
from .port_rows import FacilityRow, ServiceRow, StoredVisit, TicketFacts, VisitFacts
from .ports import Clock, JsonObject, UnitOfWork
from .queue import apply_action, issue_new_visit
from .records import TicketRecord
from .views import estimate, iso, ticket_view

ACTIVE = (TicketStatus.HELD, *OPEN_STATUSES)
T = TypeVar("T", bound=TicketFacts)


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


def check_date(uow: UnitOfWork, facility: FacilityRow, service: ServiceRow, on: date,
                now: datetime, window_days: int) -> None:
    """The visit date is bookable: not past (422 `date_in_past`), within the window (422
    `date_out_of_window`), a date the service opens (409 `closed_on_date`,
    `service_closed`) and, for today, early enough to be served (409
    `booking_closed_today`; see services.closures.require_bookable)."""
    check_booking_window(on, service_day(now, facility.timezone), window_days)
    closures.require_bookable(uow, facility, service, on, now)


@dataclass(frozen=True)
class Patient:
    """A booking's patient, each field read by its rule."""

    nik: str
    name: str | None
    phone: str
    bpjs_number: str | None


def read_patient(req: BookingRequest, name_optional: bool = False) -> Patient:
    """The request's patient: InvalidInput (422 `invalid_nik`, `invalid_name`,
    `invalid_phone`, `invalid_bpjs`) for the first field that breaks its rule.
    `name_optional`: an empty name is no name (None; BPJS's Mobile JKN sends none)."""
    nik = parse_nik(req.nik).value
    name = None if name_optional and not req.name.strip() else parse_name(req.name)
    return Patient(nik, name, parse_phone(req.phone), parse_bpjs(req.bpjs_number))


def stored_key(idempotency_key: str | None) -> str | None:
    """A booking's Idempotency-Key as stored: apart from kiosks' and counters' keys,
    which carry their own prefixes."""
    return f"booking:{idempotency_key}" if idempotency_key else None


def open_booking_day(uow: UnitOfWork, req: BookingRequest, nik: str,
                     now: datetime, window_days: int) -> tuple[ServiceRef, int, BookingDay]:
    """(service, the new number's seq, the day's figures `booked`, `mine`, `ahead`) for a
    booking, under the day's locks; raises what `check_date` raises.

    The patient's day lock (first, always), then the number's row lock, which serialises
    every booking of this service and day: the checks after it cannot race, on SQLite or
    PostgreSQL. Holds of that day whose time is up are let go before places are counted."""
    facility = catalogue.facility_by_code(uow, req.facility)
    service = catalogue.service(uow, facility, req.service)
    check_date(uow, facility, service, req.date, now, window_days)
    # The patient's day lock, taken first by the number's own statement (PostgreSQL);
    # the day is read after it, in the same round trip.
    split = service.jkn_quota is not None  # JKN places counted only where they matter
    seq, day = uow.bookings.number_and_day(
        nik, service.id, req.date, lock=patient_bookings.day_lock(uow, nik, req.date),
        now=now, jkn_split=split)
    if day.expired_holds:
        hold_expiry.expire_on(uow, service.id, req.date, now)
        day = uow.bookings.booking_day(nik, service.id, req.date, now, jkn_split=split)
    return service, seq, day


def check_day_places(service: ServiceRef, day: BookingDay | DayFigures, jkn: bool) -> None:
    """The booking's side of the day has a place left (counted under open_booking_day's
    locks): QuotaFull, JknQuotaFull or NonJknQuotaFull (409) otherwise."""
    check_places(places_left(service.booking_quota, service.jkn_quota, day.booked,
                             day.jkn_booked), jkn)


def check_rules(service: ServiceRef, on: date, day: BookingDay | DayFigures,
                daily_limit: int, jkn: bool) -> None:
    """A booking's rules on its day's figures (read under its locks), in the order a
    patient can act on them: one booking per service and day (AlreadyBooked), at most
    `daily_limit` active bookings that day anywhere (DailyLimitReached;
    ANTRIAN_BOOKINGS_PER_NIK_PER_DAY), then a place left on the booking's side of the
    quota (`check_day_places`); all 409. `jkn`: the booking has a BPJS card number."""
    check_one_per_day(day.mine)
    check_daily_limit(day.active, daily_limit, on)
    check_day_places(service, day, jkn)


def quota_left(uow: UnitOfWork, service_id: int, day: date) -> QuotaLeft:
    """A service's places left on `day`, in total and per side (JKN bookings, the others;
    both sides the whole quota when it is not split). Counted without a lock: for showing
    (the booking page, BPJS's `kuotajkn` / `sisakuotajkn`), not for deciding. KeyError
    for an unknown service."""
    total, jkn_quota = uow.bookings.quotas(service_id)
    booked, jkn_booked = uow.bookings.booked_split(service_id, day)
    return places_left(total, jkn_quota, booked, jkn_booked)


def book(uow: UnitOfWork, clock: Clock, req: BookingRequest, window_days: int,
         idempotency_key: str | None = None,
         daily_limit: int = DEFAULT_BOOKINGS_PER_NIK_PER_DAY,
         channel: str = "mobile",
         on_booked: Callable[[UnitOfWork, TicketRecord], None] | None = None,
         ) -> tuple[JsonObject, bool]:
    """Book a place at once (no phone check); returns (booking, created). Rules are
    checked in the order a patient can fix them: identity first, then the date, then the
    patient's own bookings (one per service and day: 409 `already_booked`; `daily_limit`
    a day across facilities: 409 `daily_limit`), then places left (409 `quota_full`; with
    a JKN split, `jkn_quota_full` or `non_jkn_quota_full` for the booking's side).
    `channel`: the visit's channel, "mobile" (our phone pages and API) or "bpjs" (BPJS's
    Mobile JKN through the hosted service, whose booking may carry no name); the history
    names it as the actor. `on_booked(uow, ticket)`: written in the same transaction,
    before the commit (the BPJS module's own row of the booking)."""
    patient = read_patient(req, name_optional=channel == "bpjs")
    nik, name, phone, bpjs = patient.nik, patient.name, patient.phone, patient.bpjs_number
    idempotency_key = stored_key(idempotency_key)
    with uow:
        now = clock.now()
        seen = idempotency.previous(uow, idempotency_key, req.fingerprint())
        if seen is not None:
            return booking_view(uow, find_visit(uow, seen.visit_code), now), False
        service, seq, day = open_booking_day(uow, req, nik, now, window_days)
        check_rules(service, req.date, day, daily_limit, jkn=bpjs is not None)
        ticket = issue_new_visit(uow, service, now, f"patient:{channel}", "booking", channel,
                                 status=TicketStatus.BOOKED, day=req.date, seq=seq, nik=nik,
                                 name=name, phone=phone, bpjs_number=bpjs)
        visit = ticket.visit
        if on_booked is not None:
            on_booked(uow, ticket)
        if idempotency_key:
            uow.idempotency.remember(idempotency_key, req.fingerprint(), visit.code, now)
        view = booking_view(uow, visit, now, ticket, ahead=day.ahead)
        uow.commit()
        return view, True


def find_visit(uow: UnitOfWork, code: str) -> StoredVisit:
    """The visit of a booking code with its tickets, or NotFound `booking_not_found`."""
    visit = uow.tickets.visit_by_code(normalise_code(code))
    if visit is None or not visit.tickets:
        raise BookingNotFound()
    return visit


def _open_ticket_of(tickets: Sequence[T]) -> T:
    """A visit's open ticket (the newest held, booked or open), else its last one."""
    active = [t for t in tickets if t.status in ACTIVE]
    return active[-1] if active else tickets[-1]


def _booked_eta(uow: UnitOfWork, ticket: TicketFacts, position: int,
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


def booking_view(uow: UnitOfWork, visit: VisitFacts, now: datetime,
                 ticket: TicketFacts | None = None, ahead: int | None = None) -> JsonObject:
    """A booking as its holder sees it: never the full NIK, BPJS number or phone.

    `ahead`: the patients ahead of a booked number, when the caller already counted them."""
    ticket = ticket or _open_ticket_of(visit.tickets)
    view = ticket_view(uow, ticket, now, people_ahead=ahead)
    if ticket.status == TicketStatus.BOOKED:
        booked_ahead = ahead if ahead is not None else uow.bookings.ahead_by_number(ticket)
        view["people_ahead"] = booked_ahead
        view["estimated_call_at"], view["estimate_note"] = _booked_eta(
            uow, ticket, booked_ahead, now)
    view["position"] = view["people_ahead"]
    view["journey"] = [public_ticket(t) for t in visit.tickets]
    view["patient"] = {"name": visit.name, "nik": mask_digits(visit.nik),
                       "phone": mask_digits(visit.phone, 5, 3),
                       "bpjs_number": mask_digits(visit.bpjs_number, 2, 3)}
    view["links"] = {"ticket_page": f"/t/{visit.code}",
                     "qr": f"/api/v1/bookings/{visit.code}/qr.svg"}
    return view


def status(uow: UnitOfWork, clock: Clock, code: str) -> JsonObject:
    with uow:
        return booking_view(uow, find_visit(uow, code), clock.now())


def cancel(uow: UnitOfWork, clock: Clock, code: str,
           actor: str = "patient:mobile",
           guard: Callable[[TicketFacts], None] | None = None) -> JsonObject:
    """The holder cancels: the place goes back to the day's quota (a held one's code
    message, if still unsent, is not sent). `actor`: who the history names
    ("patient:bpjs" when Mobile JKN cancels through the hosted service). `guard`: a
    channel's own rule, called with the open ticket in the same transaction before
    anything is written; it raises to refuse (BPJS: batal before check-in only)."""
    with uow:
        visit = find_visit(uow, code)
        ticket = _open_ticket_of(visit.tickets)
        if guard is not None:
            guard(ticket)
        now = clock.now()
        was_waiting = ticket.status == TicketStatus.WAITING
        was_held = ticket.status == TicketStatus.HELD
        apply_action(uow, ticket, Action.CANCEL, actor, now)
        ticket.finished_at = now
        uow.flush()
        if was_held:
            uow.holds.drop_code_messages([ticket.id], CODE_KIND)
        if was_waiting:
            ticket_changed(uow, ticket, now)
            queue_changed(uow, ticket.service.facility, now, [ticket.service])
        view = booking_view(uow, visit, now, ticket)
        uow.commit()
        return view


