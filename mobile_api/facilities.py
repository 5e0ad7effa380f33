"""Public reads: facilities, their services, and the board snapshot."""

from __future__ import annotations

from typing import Any

from queue_server.runtime import current
from queue_server.services import queries, queue

from .auth import principal
from .blueprint import Blueprint
from .schemas import BoardOut, FacilityOut, RunningTextIn, ServiceOut, ServicesQuery

blp = Blueprint("facilities", __name__, url_prefix="/api/v1/facilities",
                description="Facilities, services and boards (public)")


@blp.get("")
@blp.response(200, FacilityOut(many=True))
def list_facilities() -> list[dict[str, Any]]:
    """Every facility that runs a queue here."""
    rt = current()
    return queries.facilities(rt.uow(write=False), rt.clock)


@blp.get("/<facility>/services")
@blp.arguments(ServicesQuery(), location="query")
@blp.response(200, ServiceOut(many=True))
def list_services(args: dict[str, Any], facility: str) -> list[dict[str, Any]]:
    """Services with hours, quota left on `date`, people waiting and estimated wait; whether
    `date` is open (`open_on_date`, `closed_reason`) and bookable now (`bookable_today`,
    `bookable_reason`)."""
    rt = current()
    return queries.services(rt.uow(write=False), rt.clock, facility, args.get("date"))


@blp.get("/<facility>/board")
@blp.response(200, BoardOut)
def board(facility: str) -> dict[str, Any]:
    """What a waiting-room display shows (no personal data)."""
    rt = current()
    return queries.board(rt.uow(write=False), rt.clock, facility)


@blp.put("/<facility>/running-text")
@blp.arguments(RunningTextIn())
@blp.response(200, RunningTextIn)
@blp.doc(security=[{"bearer": []}])
def running_text(body: dict[str, Any], facility: str) -> dict[str, Any]:
    """Set the text that runs along the bottom of the facility's boards (staff)."""
    rt = current()
    return queue.set_running_text(rt.uow(), rt.clock, principal(), facility, body["running_text"])
