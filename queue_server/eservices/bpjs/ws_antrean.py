"""The hosted service's use cases besides taking a number: a poli's status, a booking's
remaining queue, cancelling (before check-in only) and checking in. FKRTL and FKTP
routes share them; each reads only the caller's facility (the account's)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy.orm.exc import StaleDataError

from queue_server.domain.booking_dates import check_booking_window
from queue_server.domain.numbering import service_day
from queue_server.domain.statuses import TicketStatus
from queue_server.services import arrivals, bookings
from queue_server.services.auth import Principal
from queue_server.services.ports import Clock, JsonObject
from queue_server.services.views import estimate

from .models import BpjsBooking
from .ws_errors import WsCancelRefused
from .ws_figures import day_figures, places
from .ws_lookup import booking_by_card, booking_by_code, poli_of

STATUS_NOTE = "Datanglah sesuai estimasi waktu dilayani dan lakukan check-in saat tiba."
_CANCELLABLE = (TicketStatus.BOOKED.value, TicketStatus.HELD.value)
_AHEAD = (TicketStatus.BOOKED.value, TicketStatus.WAITING.value)


def status(uow: Any, clock: Clock, principal: Principal, kodepoli: str, day: date,
           window_days: int, kodedokter: int | None = None) -> JsonObject:
    """Status antrean of poli `kodepoli` on `day`: numbers, left, last called, places.
    Raises WsPoliNotFound, WsDoctorNotFound, DateInPast, DateOutOfWindow."""
    with uow:
        poli = poli_of(uow, principal, kodepoli, kodedokter)
        check_booking_window(day, service_day(clock.now(), poli.facility.timezone),
                             window_days)
        figures = day_figures(uow, poli.service.id, day)
        left = places(uow, poli.service.id, day)
        return {"namapoli": poli.namapoli, "namadokter": poli.role.namadokter,
                "totalantrean": figures.total, "sisaantrean": figures.left,
                "antreanpanggil": figures.called or "-",
                "sisakuotajkn": left.jkn_left, "kuotajkn": left.jkn_quota,
                "sisakuotanonjkn": left.other_left, "kuotanonjkn": left.other_quota,
                "keterangan": STATUS_NOTE}


def _ticket(uow: Any, row: BpjsBooking) -> Any:
    """The booking's ticket at its poli (the last one there), else its first ticket."""
    visit = bookings.find_visit(uow, row.kodebooking)
    at_poli = [t for t in visit.tickets if t.service_id == row.service_id]
    return at_poli[-1] if at_poli else visit.tickets[0]


def remaining(uow: Any, clock: Clock, row: BpjsBooking, namapoli: str,
              namadokter: str) -> JsonObject:
    """Sisa antrean of booking `row`: patients ahead of it, the number last called and
    the estimated wait in seconds (`waktutunggu`; 0 once called or without estimate)."""
    ticket = _ticket(uow, row)
    now = clock.now()
    ahead = uow.bookings.ahead_by_number(ticket) if ticket.status in _AHEAD else 0
    wait, _ = estimate(uow, ticket.service, now, ahead) if ticket.status in _AHEAD \
        else (None, None)
    called = day_figures(uow, row.service_id, row.tanggalperiksa).called
    return {"nomorantrean": ticket.number, "namapoli": namapoli, "namadokter": namadokter,
            "sisaantrean": ahead, "antreanpanggil": called or "-",
            "waktutunggu": int(wait.total_seconds()) if wait is not None else 0,
            "keterangan": STATUS_NOTE}


def remaining_of(uow: Any, clock: Clock, principal: Principal,
                 kodebooking: str) -> JsonObject:
    """Sisa antrean by `kodebooking` (FKRTL); WsBookingNotFound for an unknown one."""
    with uow:
        row = booking_by_code(uow, principal, kodebooking)
        poli = poli_of(uow, principal, row.kodepoli)
        return remaining(uow, clock, row, poli.namapoli, poli.role.namadokter)


def remaining_by_card(uow: Any, clock: Clock, principal: Principal, card: str,
                      kodepoli: str, day: date) -> JsonObject:
    """Sisa antrean of the card's booking at poli `kodepoli` on `day` (FKTP)."""
    with uow:
        poli = poli_of(uow, principal, kodepoli)
        row = booking_by_card(uow, principal, card, poli.role.kodepoli or "", day)
        return remaining(uow, clock, row, poli.namapoli, poli.role.namadokter)


def code_by_card(uow: Any, principal: Principal, card: str, kodepoli: str,
                 day: date) -> str:
    """The `kodebooking` of the card's booking at poli `kodepoli` on `day` (FKTP names
    a booking so); WsPoliNotFound, WsBookingNotFound."""
    with uow:
        poli = poli_of(uow, principal, kodepoli)
        return booking_by_card(uow, principal, card, poli.role.kodepoli or "",
                               day).kodebooking


def _before_check_in(ticket: Any) -> None:
    """BPJS's batal rule: only a number not yet checked in (booked, or held for its
    code) may be cancelled; else WsCancelRefused."""
    if ticket.status not in _CANCELLABLE:
        raise WsCancelRefused()


def cancel(uow: Any, clock: Clock, principal: Principal, row_code: str) -> None:
    """Batal antrean: the core cancel (the place goes back to the day's quota), only
    while the patient has not checked in (BPJS: batal before check-in only), checked in
    the cancel's own transaction (a check-in just before it is never cancelled); else
    WsCancelRefused; WsBookingNotFound for an unknown or another facility's booking.
    A check-in committed between the cancel's read and its write (the ticket's version
    moved: StaleDataError) is met by reading again, which then refuses. The history
    names the actor "patient:bpjs"."""
    with uow:
        code = booking_by_code(uow, principal, row_code).kodebooking
    for attempt in (1, 2):
        try:
            bookings.cancel(uow, clock, code, actor="patient:bpjs", guard=_before_check_in)
            return
        except StaleDataError:
            if attempt == 2:
                raise


def check_in(uow: Any, clock: Clock, principal: Principal, kodebooking: str,
             waktu: datetime | None) -> None:
    """Check-in from Mobile JKN: the booked number joins today's queue through the core
    use case (arrivals.check_in, as the account of the booking's facility), and the BPJS
    row keeps when (`waktu`, else now). Raises WsBookingNotFound, BookingNotToday,
    AlreadyCheckedIn and the ticket's other refusals."""
    with uow:
        code = booking_by_code(uow, principal, kodebooking).kodebooking
    arrivals.check_in(uow, clock, principal, code)
    with uow:
        row = booking_by_code(uow, principal, code)
        row.checked_in_at = waktu or clock.now()
        uow.commit()
