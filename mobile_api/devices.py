"""Device routes: staff see which kiosks and boards are online, and the printers' state."""

from __future__ import annotations

from typing import Any

from queue_server.runtime import current
from queue_server.services import devices

from .auth import principal
from .blueprint import Blueprint
from .counter_schemas import DevicesOut
from .schemas import FacilityQuery

blp = Blueprint("devices", __name__, url_prefix="/api/v1/devices",
                description="Kiosks and boards: online, last seen, printer")


@blp.get("")
@blp.arguments(FacilityQuery(), location="query")
@blp.response(200, DevicesOut)
@blp.doc(security=[{"bearer": []}])
def list_devices(query: dict[str, Any]) -> dict[str, Any]:
    """The facility's devices: `last_seen`, `online` (seen within 60 s) and, for kiosks,
    the printer as the last heartbeat reported it.

    Staff of the facility; an admin adds `?facility=CODE` (else 422 `facility_required`).
    """
    rt = current()
    return devices.list_devices(rt.uow(write=False), rt.clock, principal(),
                                query.get("facility"))
