"""The audit log as the admin reads it: who changed which object of the configuration,
when, and its entry before and after (secrets "***"), newest first."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from ..domain import admin_errors as refused
from ..domain.zones import DEFAULT_TIMEZONE
from .admin import facility_for, require_configurer
from .auth import ADMIN, Principal
from .port_admin import AuditRow
from .ports import JsonObject, UnitOfWork
from .views import iso

# The most rows one answer carries (a busy month of changes at one facility).
AUDIT_LIMIT = 500


def _day(value: str | None, tz: str, later: int = 0) -> datetime | None:
    """Local midnight of a `YYYY-MM-DD` day (+ `later` days) in UTC; BadAuditDate else."""
    if value in (None, ""):
        return None
    try:
        day = date.fromisoformat(str(value)) + timedelta(days=later)
    except ValueError:
        raise refused.BadAuditDate(value) from None
    return datetime.combine(day, time(0), tzinfo=ZoneInfo(tz)).astimezone(UTC)


def _row(row: AuditRow, places: dict[int, tuple[str, str]]) -> JsonObject:
    code, tz = places.get(row.facility_id or 0, (None, DEFAULT_TIMEZONE))
    return {"id": row.id, "at": iso(row.at, tz), "actor": row.actor, "facility": code,
            "object_kind": row.object_kind, "object_code": row.object_code,
            "action": row.action, "before": row.before, "after": row.after}


def audit_events(uow: UnitOfWork, principal: Principal, facility_code: str | None,
                 since: str | None = None, until: str | None = None) -> JsonObject:
    """`{"events": [...]}` newest first (at most AUDIT_LIMIT): an admin's of every
    facility or of `facility_code`; a facility admin's of its own. `since` and `until`
    are `YYYY-MM-DD` days (both included) in the facility's time zone (Jakarta's for
    every facility). Raises AdminOnly, WrongFacility, FacilityNotFound, BadAuditDate."""
    require_configurer(principal)
    with uow:
        facility = None
        if facility_code:
            facility = facility_for(uow, principal, facility_code)
        elif principal.role != ADMIN:
            facility = uow.directory.facility_by_id(principal.facility_id or 0)
        tz = facility.timezone if facility else DEFAULT_TIMEZONE
        rows = uow.admin.events(facility.id if facility else None, _day(since, tz),
                                _day(until, tz, later=1), AUDIT_LIMIT)
        places = {f.id: (f.code, f.timezone) for f in uow.directory.facilities()}
        return {"events": [_row(r, places) for r in rows]}
