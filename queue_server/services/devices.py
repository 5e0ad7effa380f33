"""The facility's kiosks and boards as staff see them: online or since when not, and the
kiosk printer's state."""

from __future__ import annotations

from datetime import datetime

from ..domain.devices import OFFLINE_AFTER, is_online, printer_state
from ..domain.lookups import FacilityRequired
from .auth import Principal
from .port_records import DeviceRow
from .port_rows import FacilityFull
from .ports import Clock, JsonObject, UnitOfWork
from .queries import get_facility
from .views import facility_ref, iso


def _facility(uow: UnitOfWork, principal: Principal,
              facility_code: str | None) -> FacilityFull:
    if facility_code:
        facility = get_facility(uow, facility_code)
        principal.require_facility(facility.id)
        return facility
    if principal.facility_id is None:
        raise FacilityRequired()
    return uow.directory.facility_by_id(principal.facility_id)


def device_view(device: DeviceRow, now: datetime, tz: str) -> JsonObject:
    """One device: code, name, kind, `last_seen` (ISO with offset, or None if never),
    `online` (the domain's rule) and `printer` (kiosks; None for boards)."""
    return {
        "code": device.code,
        "name": device.name or device.code,
        "kind": device.kind,
        "last_seen": iso(device.last_seen_at, tz),
        "online": is_online(device.last_seen_at, now),
        "printer": printer_state(device.kind, device.status),
    }


def list_devices(uow: UnitOfWork, clock: Clock, principal: Principal,
                 facility_code: str | None = None) -> JsonObject:
    """The devices of the caller's facility (an admin names one with `facility_code`).

    Returns `facility`, `checked_at`, `offline_after_seconds` and `devices`. Raises
    Forbidden for devices and for another facility's staff, `facility_not_found` (404),
    `facility_required` (422: an admin who named none)."""
    principal.require_staff()
    with uow:
        facility = _facility(uow, principal, facility_code)
        now = clock.now()
        tz = facility.timezone
        return {
            "facility": facility_ref(facility, now),
            "checked_at": iso(now, tz),
            "offline_after_seconds": int(OFFLINE_AFTER.total_seconds()),
            "devices": [device_view(d, now, tz) for d in uow.directory.devices(facility.id)],
        }
