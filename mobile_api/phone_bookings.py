"""Bookings confirmed by the phone: the one-time code's route, and staff voiding a
booking made under someone else's NIK when its owner shows their KTP.

With a messaging gateway (`NOTIFY_WEBHOOK_URL`) and `BOOKING_PHONE_CHECK` not turned
off, `POST /api/v1/bookings` holds the place (202) and sends the code; see
services/booking_holds.py."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from flask import Response, current_app

from queue_server.domain.phone_codes import hold_time
from queue_server.edge.caller import client_address
from queue_server.edge.ratelimit import limited
from queue_server.runtime import current
from queue_server.services import booking_holds, booking_void, case_checks

from .auth import principal
from .blueprint import Blueprint
from .hold_schemas import ConfirmIn, VoidIn
from .responses import ready
from .schemas import BookingOut

blp = Blueprint("phone_bookings", __name__, url_prefix="/api/v1",
                description="Bookings confirmed by the phone's one-time code; staff void "
                            "a booking on its NIK owner's KTP")


def phone_check() -> bool:
    """Whether bookings wait for the phone's code: a gateway is configured and
    `BOOKING_PHONE_CHECK` is not turned off."""
    return case_checks.gateway_on(current_app.config)  # one rule for every phone check


def hold_lasts() -> timedelta:
    """How long a held place waits for its code (`BOOKING_HOLD_MINUTES`)."""
    return hold_time(current_app.config.get("BOOKING_HOLD_MINUTES"))


@blp.post("/bookings/<code>/confirm")
@limited(("confirm-address", "BOOKING_LIMIT_PER_ADDRESS", client_address))
@blp.arguments(ConfirmIn())
@blp.response(201, BookingOut)
@blp.alt_response(200, schema=BookingOut, description="confirmed before: the booking")
def confirm(body: dict[str, Any], code: str) -> Response:
    """Confirm a held booking with the 6-digit code sent to its phone: the booking (201).

    Only now do the patient's own bookings count: 409 `already_booked` (one per service
    and day) or `daily_limit`, and the hold is let go. Errors: `invalid_otp` (422),
    `wrong_otp` (422, `attempts_left`), `too_many_attempts` (409, after 5 wrong codes:
    the hold is dropped, book again), `hold_expired` (409: its time ran out or it was
    cancelled), `not_held` (409: a booking made without a phone check),
    `booking_not_found` (404), 429 with Retry-After when hammered."""
    rt = current()
    view, created = booking_holds.confirm(rt.uow(), rt.clock, code, body["otp"],
                                          current_app.config["BOOKINGS_PER_NIK_PER_DAY"])
    return ready(view, 201 if created else 200)


@blp.post("/facilities/<facility>/bookings/<code>/void")
@blp.arguments(VoidIn())
@blp.response(200, BookingOut)
@blp.doc(security=[{"bearer": []}])
def void(body: dict[str, Any], facility: str, code: str) -> dict[str, Any]:
    """Staff of the facility cancel a booking (held or booked) made under someone else's
    NIK, when its owner shows their KTP: `owner_nik` must be the booking's NIK.

    Recorded as the ticket's `voided` history row (who, reason) and a
    `booking_voided_by_owner` security event (NIK masked). Errors: 403 (another
    facility's staff, a device), `invalid_nik`, `invalid_reason` (422),
    `booking_not_found` (404), `nik_mismatch` (409: nothing changes),
    `invalid_transition` (409: already checked in, done or cancelled)."""
    rt = current()
    return booking_void.void(rt.uow(), rt.clock, principal(), facility, code,
                             body["owner_nik"], body["reason"], client_address())
