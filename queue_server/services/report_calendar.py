"""The calendar as the reports ask it: on how many days of a range each service was
open for bookings (its weekly hours and special dates, the facility's and service's
closures, national holidays and cuti bersama: services/closures.py), so a booking quota
over a range counts only those days."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from ..domain.hours import is_open_on
from ..domain.reports_tables import FacilityScope
from .closures import closure_on
from .ports import UnitOfWork


def open_days(uow: UnitOfWork, scope: Sequence[FacilityScope], start: date,
              end: date) -> dict[int, int]:
    """Service id → how many days of [start, end] (both inclusive, the facility's local
    days) the service opened by its hours and the calendar left open. A service whose
    configuration cannot be read counts no day."""
    days = [start + timedelta(days=n) for n in range((end - start).days + 1)]
    out: dict[int, int] = {}
    for f in scope:
        facility = uow.directory.facility(f.code)
        if facility is None:
            continue
        rows = {s.id: s for s in uow.directory.services(f.id, active_only=False)}
        for info in f.services:
            service = rows.get(info.id)
            if service is None or not info.booking_quota:
                out[info.id] = 0
                continue
            out[info.id] = sum(1 for d in days if is_open_on(service.hours, d)
                               and closure_on(uow, facility, service, d) is None)
    return out
