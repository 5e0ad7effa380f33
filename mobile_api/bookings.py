"""Booking routes: a booked patient checks in on arrival (kiosk or staff)."""

from __future__ import annotations

from typing import Any

from flask_smorest import Blueprint

from queue_server.runtime import current
from queue_server.services import queue

from .auth import principal
from .schemas import TicketOut

blp = Blueprint("bookings", __name__, url_prefix="/api/v1/bookings",
                description="Phone bookings: status, cancel, check-in")


@blp.post("/<code>/check-in")
@blp.response(200, TicketOut)
@blp.doc(security=[{"bearer": []}])
def check_in(code: str) -> dict[str, Any]:
    """The patient has arrived: booked → waiting (kiosk device or staff of the facility)."""
    rt = current()
    return queue.check_in(rt.uow(), rt.clock, principal(), code)
