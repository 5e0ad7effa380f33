"""The configured world as plain values, cached per process for the busiest paths.

Every walk-in ticket and booking needs its facility and service: reading them through the
ORM was a third of a ticket's time. Here they are read once and reused for `TTL` seconds.
A configuration loaded in this process forgets them at once; one loaded by another
process (`python -m queue_server load-config` next to a running server) shows within TTL.

Also the records a ticket issued through Core comes back as: the same attributes the
views read from ORM rows, without an ORM round trip.
"""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from ..domain.lookups import FacilityNotFound, ServiceNotFound
from .ports import UnitOfWork

TTL = 10.0
_generation = itertools.count()
_current = [next(_generation)]


def forget_all() -> None:
    """The configuration changed in this process: every cache here reloads."""
    _current[0] = next(_generation)


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


@dataclass
class VisitRecord:
    id: int
    code: str
    priority: str
    nik: str | None = None
    name: str | None = None
    phone: str | None = None
    bpjs_number: str | None = None
    tickets: list[Any] = field(default_factory=list)


@dataclass
class TicketRecord:
    """A ticket just written through Core: what the views and events read of it."""

    id: int
    visit: VisitRecord
    service: ServiceRef
    facility_id: int
    service_id: int
    day: date
    seq: int
    number: str
    priority: str
    status: str
    source: str
    issued_at: datetime
    waiting_since: datetime | None
    queue_key: datetime | None
    version: int = 1
    recalls: int = 0
    counter: Any = None
    called_at: datetime | None = None


def _facility_ref(row: Any) -> FacilityRef:
    return FacilityRef(row.id, row.code, row.name, row.timezone, dict(row.closed_dates or {}),
                       bool(row.joint_leave_closes))


def _service_ref(row: Any, facility: FacilityRef) -> ServiceRef:
    return ServiceRef(row.id, row.facility_id, row.code, row.name, row.prefix, dict(row.hours),
                      row.booking_quota, row.walkin_limit, row.avg_minutes, row.active, facility,
                      dict(row.closed_dates or {}), bool(row.open_on_holidays),
                      row.booking_cutoff)


def cached(uow: UnitOfWork, key: tuple[Any, ...], load: Any) -> Any:
    """`load()`'s value, reused in this process for TTL seconds, until the configuration
    changes here (forget_all); a None value is never kept."""
    return _cached(uow, key, load)


def _cached(uow: UnitOfWork, key: tuple[Any, ...], load: Any) -> Any:
    generation = _current[0]  # before loading: a load that races forget_all() is not kept
    hit = uow.shared.get(key)
    if hit is not None and hit[1] == generation and hit[2] > time.monotonic():
        return hit[0]
    value = load()
    if value is not None:
        uow.shared[key] = (value, generation, time.monotonic() + TTL)
    return value


def facility_by_id(uow: UnitOfWork, facility_id: int) -> FacilityRef:
    def load() -> FacilityRef | None:
        row = uow.directory.find_facility(facility_id)
        return None if row is None else _facility_ref(row)

    facility = _cached(uow, ("facility-id", facility_id), load)
    if facility is None:
        raise FacilityNotFound(str(facility_id))
    return facility


def facility_by_code(uow: UnitOfWork, code: str) -> FacilityRef:
    def load() -> FacilityRef | None:
        row = uow.directory.facility(code)
        return None if row is None else _facility_ref(row)

    facility = _cached(uow, ("facility", code), load)
    if facility is None:
        raise FacilityNotFound(code)
    return facility


def service(uow: UnitOfWork, facility: FacilityRef, code: str) -> ServiceRef:
    """An active service of the facility, or NotFound in words a patient understands."""
    def load() -> ServiceRef | None:
        row = uow.directory.service(facility.id, code)
        return None if row is None else _service_ref(row, facility)

    found = _cached(uow, ("service", facility.id, code), load)
    if found is None or not found.active:
        raise ServiceNotFound(code, facility.name)
    return found
