"""Booking routes: a patient books from a phone, follows, cancels; kiosks check in."""

from __future__ import annotations

from typing import Any

import qrcode
import qrcode.image.svg
from flask import Response, current_app, request

from queue_server.edge.caller import client_address
from queue_server.edge.ratelimit import limited
from queue_server.runtime import current
from queue_server.services import (
    arrivals,
    booking_groups,
    booking_holds,
    bookings,
    patient_bookings,
)

from .auth import principal
from .blueprint import Blueprint
from .hold_schemas import HoldOut
from .lookup_schemas import LookupIn, MyBookingOut
from .patient_keys import nik_key, phone_key
from .phone_bookings import hold_lasts, phone_check
from .responses import ready
from .schemas import BookingIn, BookingOut, IdempotencyHeader, TicketOut

blp = Blueprint("bookings", __name__, url_prefix="/api/v1/bookings",
                description="Phone bookings: book, follow, cancel; check-in on arrival")


@blp.post("")
@limited(("address", "BOOKING_LIMIT_PER_ADDRESS", client_address),
         ("nik", "BOOKING_LIMIT_PER_NIK", nik_key),
         ("phone", "BOOKING_LIMIT_PER_PHONE", phone_key))
@blp.arguments(BookingIn())
@blp.arguments(IdempotencyHeader(), location="headers")
@blp.response(201, BookingOut)
@blp.alt_response(200, schema=BookingOut, description="the same key and body again")
@blp.alt_response(202, schema=HoldOut, description="with a messaging gateway: the place is "
                  "held and a code sent to the phone; confirm at `links.confirm`")
def book(body: dict[str, Any], headers: dict[str, Any]) -> Response:
    """Book a number at a facility's service on a date.

    With a messaging gateway configured, every well-formed request is answered alike: 202,
    the place held (`expires_at`; 10 minutes unless ANTRIAN_BOOKING_HOLD_MINUTES says
    otherwise) and a 6-digit code sent to the phone;
    `POST /api/v1/bookings/{code}/confirm` makes it a booking, and only then are
    `already_booked` and `daily_limit` told. The same key and body again: the same hold.

    Errors: `invalid_nik`, `invalid_bpjs`, `invalid_phone`, `invalid_name`,
    `invalid_facility`, `invalid_service` (422), `date_in_past`, `date_out_of_window`
    (422), `closed_on_date` (a holiday or closure: the reason is the message),
    `service_closed`, `booking_closed_today` (today, after closing or the booking cutoff),
    `already_booked`, `daily_limit`, `quota_full` (`jkn_quota_full` or
    `non_jkn_quota_full` when the service's quota is split between JKN patients and the
    others), `idempotency_key_reused` (409), 429 with Retry-After when hammered: per
    address, per NIK (with a gateway per NIK and phone, so a stranger spends only their
    own allowance) and, with a gateway, per phone (the codes one number is sent). A
    malformed NIK or phone counts for the address only.
    """
    rt = current()
    patient = body["patient"]
    req = bookings.BookingRequest(
        facility=body["facility"], service=body["service"], date=body["date"],
        nik=patient["nik"], name=patient["name"], phone=patient["phone"],
        bpjs_number=patient.get("bpjs_number"))
    if phone_check():
        held, _ = booking_holds.hold(rt.uow(), rt.clock, req,
                                     current_app.config["BOOKING_WINDOW_DAYS"], hold_lasts(),
                                     headers.get("key"))
        return ready(held, 202)
    config = current_app.config
    view, created = booking_groups.book(
        rt.uow(), rt.clock, rt.booking_groups(config["BOOKING_GROUP_MOST"]), req,
        config["BOOKING_WINDOW_DAYS"], headers.get("key"), config["BOOKINGS_PER_NIK_PER_DAY"])
    return ready(view, 201 if created else 200)


@blp.post("/lookup")
@limited(("lookup-address", "BOOKING_LIMIT_PER_ADDRESS", client_address),
         ("lookup-nik", "BOOKING_LIMIT_PER_NIK", nik_key))
@blp.arguments(LookupIn())
@blp.response(200, MyBookingOut(many=True))
def lookup(body: dict[str, Any]) -> list[dict[str, Any]]:
    """My bookings: the NIK's active bookings from today on, for a patient who lost the code.

    The phone must be the one given at booking (compared in its normalised form); an
    unknown NIK, or a phone that does not match, gives `[]` alike. Each item: number,
    facility, service, date, code, status. Errors: `invalid_nik`, `invalid_phone` (422);
    429 with Retry-After when hammered (per address and per NIK, counted apart from
    bookings).
    """
    rt = current()
    return patient_bookings.lookup(rt.uow(write=False), rt.clock, body["nik"], body["phone"])


@blp.get("/<code>")
@blp.response(200, BookingOut)
def status(code: str) -> dict[str, Any]:
    """Status, number, position, estimated call time, counter when called, the journey."""
    rt = current()
    return bookings.status(rt.uow(write=False), rt.clock, code)


@blp.post("/<code>/cancel")
@blp.response(200, BookingOut)
def cancel(code: str) -> dict[str, Any]:
    """Cancel the booking: its place in the day's quota is free again."""
    rt = current()
    return bookings.cancel(rt.uow(), rt.clock, code)


@blp.get("/<code>/qr.svg")
@blp.response(200, content_type="image/svg+xml")
def qr(code: str) -> Response:
    """A QR code of the booking's page, to show at the kiosk's scanner."""
    rt = current()
    view = bookings.status(rt.uow(write=False), rt.clock, code)
    target = (current_app.config.get("PUBLIC_URL") or request.host_url).rstrip("/")
    image = qrcode.make(target + view["links"]["ticket_page"],
                        image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=2)
    return Response(image.to_string(), mimetype="image/svg+xml")


# A code may come as the QR's whole address (`…/t/CODE`), slashes and all.
@blp.post("/<path:code>/check-in", merge_slashes=False)
@blp.response(200, TicketOut)
@blp.doc(security=[{"bearer": []}])
def check_in(code: str) -> dict[str, Any]:
    """The patient has arrived: booked → waiting (kiosk device or staff of the facility).

    `code` may be the bare code, grouped (`ABCD-EFGH-JK`), lower case, or the whole
    `/t/{code}` address a scanner reads from the QR (URL-encoded).
    """
    rt = current()
    return arrivals.check_in(rt.uow(), rt.clock, principal(), code, rt.notify_at)
