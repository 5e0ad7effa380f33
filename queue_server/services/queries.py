"""Read-only use cases: facilities, services with queue figures, the board snapshot."""

from __future__ import annotations

from datetime import date

from ..domain.booking_dates import check_not_past
from ..domain.lookups import FacilityNotFound
from .port_rows import FacilityFull
from .ports import Clock, JsonObject, UnitOfWork
from .views import board_view, facility_ref, queue_days, services_view


def get_facility(uow: UnitOfWork, code: str) -> FacilityFull:
    facility = uow.directory.facility(code)
    if facility is None:
        raise FacilityNotFound(code)
    return facility


def facilities(uow: UnitOfWork, clock: Clock | None = None) -> list[dict[str, str]]:
    """Every facility: code, name, `timezone` and `tz_label` (domain.zones)."""
    with uow:
        now = clock.now() if clock is not None else None
        return [facility_ref(f, now) for f in uow.directory.facilities()]


def services(uow: UnitOfWork, clock: Clock, facility_code: str,
             on: date | None = None) -> list[JsonObject]:
    with uow:
        facility = get_facility(uow, facility_code)
        now = clock.now()
        today = queue_days(now, facility.timezone)[0]
        if on is not None:
            check_not_past(on, today)
        return services_view(uow, facility, now, on)


def board(uow: UnitOfWork, clock: Clock, facility_code: str) -> JsonObject:
    with uow:
        return board_view(uow, get_facility(uow, facility_code), clock.now())
