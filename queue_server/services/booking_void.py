"""Staff void a booking made under someone else's NIK, when the NIK's owner shows their
KTP at the facility: the place is free again (the owner can book it), and the act is
kept twice, as the ticket's history row and as a security event an admin reads."""

from __future__ import annotations

import hmac
import logging

from ..domain.codes import normalise_code
from ..domain.identity import parse_nik
from ..domain.lookups import BookingNotFound
from ..domain.phone_codes import OwnerNikMismatch, parse_void_reason
from ..domain.privacy import mask_digits
from ..domain.tickets import Action, TicketStatus
from .auth import Principal
from .bookings import booking_view
from .notifications import CODE_KIND
from .port_rows import FacilityRow, StoredVisit
from .ports import Clock, JsonObject, UnitOfWork
from .queries import get_facility
from .queue import apply_action

log = logging.getLogger(__name__)

VOIDED = "booking_voided_by_owner"
VOIDABLE = (TicketStatus.HELD.value, TicketStatus.BOOKED.value)


def _booking_at(uow: UnitOfWork, facility: FacilityRow, code: str) -> StoredVisit:
    visit = uow.tickets.visit_by_code(normalise_code(code))
    if visit is None or not visit.tickets or visit.facility_id != facility.id:
        raise BookingNotFound()
    return visit


def void(uow: UnitOfWork, clock: Clock, principal: Principal, facility_code: str, code: str,
         owner_nik: str, reason: str, address: str) -> JsonObject:
    """Cancel the booking `code` of this facility on its NIK owner's KTP: `owner_nik` (the
    NIK on the card shown) must be the booking's. Returns the booking as staff see it.

    Errors: 403 (not staff of this facility), 422 `invalid_nik`, `invalid_reason`, 404
    `booking_not_found` (also a code of another facility), 409 `nik_mismatch` (nothing
    changes), 409 `invalid_transition` (not a booking still held or booked: a patient
    already checked in is dealt with at the counter)."""
    principal.require_staff()
    owner, reason = parse_nik(owner_nik).value, parse_void_reason(reason)
    with uow:
        facility = get_facility(uow, facility_code)
        principal.require_facility(facility.id)
        visit = _booking_at(uow, facility, code)
        ticket = next((t for t in visit.tickets if t.status in VOIDABLE), visit.tickets[-1])
        if not hmac.compare_digest((visit.nik or "").encode(), owner.encode()):
            raise OwnerNikMismatch()
        now = clock.now()
        was_held = ticket.status == TicketStatus.HELD.value
        apply_action(uow, ticket, Action.VOID, principal.actor, now, reason=reason,
                     owner_ktp_checked=True)
        ticket.finished_at = now
        uow.flush()
        if was_held:
            uow.holds.drop_code_messages([ticket.id], CODE_KIND)
        uow.security.record(VOIDED, mask_digits(visit.nik) or "", address, now, {
            "facility": facility.code, "service": ticket.service.code,
            "number": ticket.number, "date": ticket.day.isoformat(),
            "by": principal.name, "reason": reason})
        log.warning("booking %s (%s, %s) voided by %s on its owner's KTP", ticket.number,
                    ticket.service.code, ticket.day.isoformat(), principal.name)
        view = booking_view(uow, visit, now, ticket)
        uow.commit()
        return view
