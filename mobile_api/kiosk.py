"""Kiosk routes: a device token takes walk-in numbers for its facility."""

from __future__ import annotations

from typing import Any

from flask_smorest import Blueprint

from queue_server.runtime import current
from queue_server.services import queue

from .auth import principal
from .schemas import FacilityQuery, TicketOut, WalkInIn

blp = Blueprint("kiosk", __name__, url_prefix="/api/v1/kiosk", description="Walk-in kiosk")


@blp.post("/tickets")
@blp.arguments(WalkInIn)
@blp.arguments(FacilityQuery, location="query")
@blp.response(201, TicketOut)
@blp.doc(security=[{"bearer": []}])
def take_ticket(body: dict[str, Any], query: dict[str, Any]) -> dict[str, Any]:
    """A walk-in number: the ticket, its visit code for the QR, people ahead, estimate.

    A kiosk device token issues at its own facility; staff may issue by hand with
    `?facility=CODE`.
    """
    rt = current()
    return queue.issue_walk_in(
        rt.uow(), rt.clock, principal(), body["service"], body.get("priority"),
        query.get("facility"),
    )
