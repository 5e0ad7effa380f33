"""Booking routes: a patient books from a phone, follows, cancels; kiosks check in."""

from __future__ import annotations

from typing import Any

import qrcode
import qrcode.image.svg
from flask import Response, current_app, request
from flask_smorest import Blueprint

from queue_server.runtime import current
from queue_server.services import arrivals, bookings

from .auth import principal
from .ratelimit import client_address, limited, nik_key
from .responses import ready
from .schemas import BookingIn, BookingOut, IdempotencyHeader, TicketOut

blp = Blueprint("bookings", __name__, url_prefix="/api/v1/bookings",
                description="Phone bookings: book, follow, cancel; check-in on arrival")


@blp.post("")
@limited(("address", "BOOKING_LIMIT_PER_ADDRESS", client_address),
         ("nik", "BOOKING_LIMIT_PER_NIK", nik_key))
@blp.arguments(BookingIn())
@blp.arguments(IdempotencyHeader(), location="headers")
@blp.response(201, BookingOut)
@blp.alt_response(200, schema=BookingOut, description="the same key and body again")
def book(body: dict[str, Any], headers: dict[str, Any]) -> Response:
    """Book a number at a facility's service on a date.

    Errors: `invalid_nik`, `invalid_bpjs`, `invalid_phone`, `invalid_name` (422),
    `date_in_past`, `date_out_of_window` (422), `service_closed`, `already_booked`,
    `quota_full`, `idempotency_key_reused` (409), 429 with Retry-After when hammered.
    """
    rt = current()
    patient = body["patient"]
    req = bookings.BookingRequest(
        facility=body["facility"], service=body["service"], date=body["date"],
        nik=patient["nik"], name=patient["name"], phone=patient["phone"],
        bpjs_number=patient.get("bpjs_number"))
    view, created = bookings.book(rt.uow(), rt.clock, req,
                                  current_app.config["BOOKING_WINDOW_DAYS"], headers.get("key"))
    return ready(view, 201 if created else 200)


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
