"""Phone bookings confirmed by the phone (with a messaging gateway configured).

`hold` answers every well-formed request alike: a place is held for a few minutes and a
one-time code goes to the phone given. Whether the NIK already has a booking is not
looked at then, so the answer tells a stranger nothing about it. `confirm` with the code
makes the hold a booking; only then do the one-booking rules apply (409 `already_booked`,
`daily_limit`, the hold let go). Holds whose time is up free their place
(services/hold_expiry.py).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from ..domain import phone_codes
from ..domain.booking_limits import check_one_per_day
from ..domain.errors import DomainError
from ..domain.privacy import mask_digits
from ..domain.tickets import Action, TicketStatus
from . import bookings, hold_expiry, idempotency, notifications, patient_bookings
from .port_records import HoldRow
from .port_rows import StoredTicket
from .ports import Clock, JsonObject, UnitOfWork
from .queue import apply_action, issue_new_visit
from .views import iso


def hold_view(code: str, status: str, phone: str | None, expires_at: datetime | None,
              lasts: timedelta, tz: str) -> JsonObject:
    """The answer to a held booking: its `code` (to confirm with), `status`, when the hold
    ends (`expires_at`, ISO with the facility's offset), the phone masked, and a message
    in Indonesian (`message`) and English (`message_en`). The same keys and words for
    every request: nothing in it depends on the NIK's other bookings."""
    masked = mask_digits(phone, 5, 3)
    minutes = max(1, round(lasts.total_seconds() / 60))
    return {
        "code": code, "status": status, "expires_at": iso(expires_at, tz), "phone": masked,
        "message": f"Kode verifikasi dikirim ke nomor HP {masked}. Masukkan kode itu dalam "
                   f"{minutes} menit untuk menyelesaikan booking.",
        "message_en": f"A verification code was sent to {masked}. Enter it within "
                      f"{minutes} minutes to complete the booking.",
        "links": {"confirm": f"/api/v1/bookings/{code}/confirm"},
    }


def _replay(uow: UnitOfWork, code: str) -> JsonObject:
    """The answer first given to a keyed hold request, from what is stored."""
    visit = bookings.find_visit(uow, code)
    ticket = visit.tickets[0]
    hold = uow.holds.of(ticket)
    expires = hold.expires_at if hold is not None else None
    lasts = (expires - ticket.issued_at) if expires is not None else timedelta()
    return hold_view(visit.code, ticket.status, visit.phone, expires, lasts,
                     ticket.service.facility.timezone)


def hold(uow: UnitOfWork, clock: Clock, req: bookings.BookingRequest, window_days: int,
         lasts: timedelta, idempotency_key: str | None = None) -> tuple[JsonObject, bool]:
    """Hold a place for `lasts` and send a one-time code to the request's phone; returns
    (hold_view, created). The same key and request again give the same hold (no new
    code). Errors are those a patient can fix and that say nothing of the NIK's other
    bookings: identity (422), the date (422 `date_in_past`, `date_out_of_window`; 409
    `closed_on_date`, `service_closed`, `booking_closed_today`), 409 `quota_full` (held
    places count; `jkn_quota_full` / `non_jkn_quota_full` when split),
    `idempotency_key_reused`."""
    patient = bookings.read_patient(req)
    key = bookings.stored_key(idempotency_key)
    with uow:
        now = clock.now()
        seen = idempotency.previous(uow, key, req.fingerprint())
        if seen is not None:
            return _replay(uow, seen.visit_code), False
        service, seq, day = bookings.open_booking_day(uow, req, patient.nik, now, window_days)
        bookings.check_day_places(service, day, jkn=patient.bpjs_number is not None)
        ticket = issue_new_visit(uow, service, now, "patient:mobile", "booking", "mobile",
                                 status=TicketStatus.HELD, day=req.date, seq=seq,
                                 nik=patient.nik, name=patient.name, phone=patient.phone,
                                 bpjs_number=patient.bpjs_number)
        code, expires = phone_codes.new_code(), now + lasts
        uow.holds.add(ticket.id, phone_codes.hash_code(code), expires)
        notifications.queue_booking_code(uow, ticket, code, expires, now)
        if key:
            uow.idempotency.remember(key, req.fingerprint(), ticket.visit.code, now)
        view = hold_view(ticket.visit.code, ticket.status, patient.phone, expires, lasts,
                         service.facility.timezone)
        uow.commit()
        return view, True


def _refuse(uow: UnitOfWork, ticket: StoredTicket, now: datetime, action: Action,
            error: Exception, **data: object) -> None:
    """Let the hold go (`action`: EXPIRE or RELEASE), keep that, then raise `error`."""
    hold_expiry.let_go(uow, [ticket.id], action, "patient:mobile", now, **data)
    uow.commit()
    raise error


def _check_code(uow: UnitOfWork, ticket: StoredTicket, hold: HoldRow, otp: str,
                now: datetime) -> None:
    """Count a wrong code (WrongCode, 422; the last allowed one drops the hold:
    TooManyAttempts, 409); a hold gone or past its time: HoldExpired (409)."""
    if hold.attempts >= phone_codes.MAX_ATTEMPTS:
        raise phone_codes.TooManyAttempts()
    if ticket.status != TicketStatus.HELD.value:
        raise phone_codes.HoldExpired()
    if hold.expires_at <= now:
        _refuse(uow, ticket, now, Action.EXPIRE, phone_codes.HoldExpired())
    if not phone_codes.code_matches(otp, hold.otp_hash):
        hold.attempts += 1
        left = phone_codes.MAX_ATTEMPTS - hold.attempts
        if left <= 0:
            _refuse(uow, ticket, now, Action.RELEASE, phone_codes.TooManyAttempts(),
                    reason="too_many_attempts")
        uow.commit()
        raise phone_codes.WrongCode(left)


def confirm(uow: UnitOfWork, clock: Clock, code: str, otp: str,
            daily_limit: int) -> tuple[JsonObject, bool]:
    """The phone's one-time code for a held booking: (booking, created). Right, the hold
    becomes a booking (created) unless the NIK already has one of that service and day
    (409 `already_booked`) or `daily_limit` that day (409 `daily_limit`): then the hold
    is let go. A booking confirmed before answers again with its view (not created).

    Errors: `invalid_otp` (422), `booking_not_found` (404), `not_held` (409, a booking
    made without a phone check), `wrong_otp` (422, with `attempts_left`),
    `too_many_attempts` (409: the hold is dropped), `hold_expired` (409)."""
    otp = phone_codes.read_code(otp)
    with uow:
        now = clock.now()
        visit = bookings.find_visit(uow, code)
        ticket = visit.tickets[0]
        if uow.holds.of(ticket) is None:
            raise phone_codes.NotHeld()
        nik = visit.nik
        assert nik is not None, "a hold is made with a NIK (hold, above)"
        # The NIK's day lock first, as every booking takes it; then the rows.
        patient_bookings.lock_booking_day(uow, nik, ticket.day)
        hold = uow.holds.of(ticket, lock=True)
        if hold is None:  # let go since the look above (its time ran out)
            raise phone_codes.NotHeld()
        if hold.confirmed_at is not None:
            if not phone_codes.code_matches(otp, hold.otp_hash):
                raise phone_codes.WrongCode(max(0, phone_codes.MAX_ATTEMPTS - hold.attempts))
            return bookings.booking_view(uow, visit, now, ticket), False
        _check_code(uow, ticket, hold, otp, now)
        try:
            check_one_per_day(uow.bookings.booking_day(nik, ticket.service_id,
                                                       ticket.day).mine)
            patient_bookings.check_daily_place(uow, nik, ticket.day, daily_limit)
        except DomainError as refused:
            _refuse(uow, ticket, now, Action.RELEASE, refused, reason=refused.code)
        apply_action(uow, ticket, Action.CONFIRM, "patient:mobile", now)
        hold.confirmed_at = now
        uow.flush()
        view = bookings.booking_view(uow, visit, now, ticket)
        uow.commit()
        return view, True
