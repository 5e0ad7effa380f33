"""Kiosk routes: a device token takes walk-in numbers for its facility."""

from __future__ import annotations

from typing import Any

from flask import Response, current_app, request

from queue_server.runtime import current
from queue_server.services import arrivals

from .auth import principal
from .blueprint import Blueprint
from .responses import ready
from .schemas import (
    FacilityQuery,
    HeartbeatIn,
    KioskHomeOut,
    KioskKeyHeader,
    TicketOut,
    WalkInIn,
)

blp = Blueprint("kiosk", __name__, url_prefix="/api/v1/kiosk", description="Walk-in kiosk")


@blp.post("/tickets")
@blp.arguments(WalkInIn())
@blp.arguments(FacilityQuery(), location="query")
@blp.arguments(KioskKeyHeader(), location="headers")
@blp.response(201, TicketOut)
@blp.alt_response(200, schema=TicketOut, description="the same Idempotency-Key and body again")
@blp.doc(security=[{"bearer": []}])
def take_ticket(body: dict[str, Any], query: dict[str, Any], headers: dict[str, Any]) -> Response:
    """A walk-in number: the ticket, its visit code for the QR, people ahead, estimate.

    A kiosk device token issues at its own facility; staff may issue by hand with
    `?facility=CODE`. With `Idempotency-Key` (scoped to the device or staff user), the
    same key and body return the same ticket with 200; another body is 409
    `idempotency_key_reused`. Errors: `closed_on_date` (a holiday or closure: the reason
    is the message), `service_closed`, `walkin_full` (409).
    """
    rt = current()
    uow = rt.uow()
    view, created = arrivals.take_walk_in(
        uow, rt.clock, principal(uow), body["service"], body.get("priority"),
        query.get("facility"), headers.get("key"),
    )
    return ready(view, 201 if created else 200)


@blp.get("/services")
@blp.response(200, KioskHomeOut)
@blp.doc(security=[{"bearer": []}])
def home() -> dict[str, Any]:
    """The kiosk's facility and its services, with queue figures, walk-ins left and when a
    closed service opens; `public_url` is the address for the tickets' QR."""
    rt = current()
    public = (current_app.config.get("PUBLIC_URL") or request.host_url).rstrip("/")
    return arrivals.kiosk_home(rt.uow(write=False), rt.clock, principal(), public)


@blp.post("/heartbeat")
@blp.arguments(HeartbeatIn())
@blp.response(200)
@blp.doc(security=[{"bearer": []}])
def heartbeat(body: dict[str, Any]) -> dict[str, Any]:
    """A kiosk reports its state (printer online, paper, jobs waiting, last error).

    Only kiosk device tokens: a display token is 403 `forbidden` (boards heartbeat over
    their Socket.IO connection) and its device is not marked seen."""
    rt = current()
    return arrivals.device_heartbeat(rt.uow(), rt.clock, principal(), body)
