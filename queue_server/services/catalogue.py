"""The configured world as plain values, cached per process for the busiest paths.

Every walk-in ticket and booking needs its facility and service: reading them through the
ORM was a third of a ticket's time. Here they are read once and reused for `TTL` seconds.
They are kept in the runtime's cache (services/cache.py): a configuration loaded in this
process forgets them at once (`uow.cache.forget_all()`); one loaded by another process
(`python -m queue_server load-config` next to a running server) shows within TTL.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..domain.lookups import FacilityNotFound, ServiceNotFound
from .port_rows import FacilityRow, ServiceRow
from .ports import UnitOfWork

TTL = 10.0


@dataclass(frozen=True)
class FacilityRef:
    id: int
    code: str
    name: str
    timezone: str
    # The calendar's facility part: local closures (ISO date → reason), cuti bersama.
    closed_dates: dict[str, str] = field(default_factory=dict)
    joint_leave_closes: bool = True


@dataclass(frozen=True)
class ServiceRef:
    id: int
    facility_id: int
    code: str
    name: str
    prefix: str
    hours: dict[str, Any]
    booking_quota: int
    walkin_limit: int | None
    avg_minutes: float
    active: bool
    facility: FacilityRef
    # The calendar's service part: own closures, holidays, the same-day booking cutoff.
    closed_dates: dict[str, str] = field(default_factory=dict)
    open_on_holidays: bool = False
    booking_cutoff: str | None = None
    # Of booking_quota, the places kept for JKN bookings (None: one shared quota).
    jkn_quota: int | None = None


def _facility_ref(row: FacilityRow) -> FacilityRef:
    return FacilityRef(row.id, row.code, row.name, row.timezone, dict(row.closed_dates or {}),
                       bool(row.joint_leave_closes))


def _service_ref(row: ServiceRow, facility: FacilityRef) -> ServiceRef:
    return ServiceRef(row.id, row.facility_id, row.code, row.name, row.prefix, dict(row.hours),
                      row.booking_quota, row.walkin_limit, row.avg_minutes, row.active, facility,
                      dict(row.closed_dates or {}), bool(row.open_on_holidays),
                      row.booking_cutoff, row.jkn_quota)


def cached(uow: UnitOfWork, key: tuple[Any, ...], load: Callable[[], Any]) -> Any:
    """`load()`'s value, reused in this process for TTL seconds through the runtime's cache
    (services/cache.py), until a configuration load forgets it; None is never kept."""
    return uow.cache.get(("catalogue", *key), load, TTL)


def facility_by_id(uow: UnitOfWork, facility_id: int) -> FacilityRef:
    def load() -> FacilityRef | None:
        row = uow.directory.find_facility(facility_id)
        return None if row is None else _facility_ref(row)

    facility = cached(uow, ("facility-id", facility_id), load)
    if facility is None:
        raise FacilityNotFound(str(facility_id))
    return facility


def facility_by_code(uow: UnitOfWork, code: str) -> FacilityRef:
    def load() -> FacilityRef | None:
        row = uow.directory.facility(code)
        return None if row is None else _facility_ref(row)

    facility = cached(uow, ("facility", code), load)
    if facility is None:
        raise FacilityNotFound(code)
    return facility


def service(uow: UnitOfWork, facility: FacilityRef, code: str) -> ServiceRef:
    """An active service of the facility, or NotFound in words a patient understands."""
    def load() -> ServiceRef | None:
        row = uow.directory.service(facility.id, code)
        return None if row is None else _service_ref(row, facility)

    found = cached(uow, ("service", facility.id, code), load)
    if found is None or not found.active:
        raise ServiceNotFound(code, facility.name)
    return found
