"""The audit log as the admin reads it: who changed which object of the configuration,
when, and its entry before and after (secrets "***"), newest first."""

from __future__ import annotations

import re
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


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _date(value: str | None) -> date | None:
    """A `YYYY-MM-DD` day: BadAuditDate when not written so, AuditDateMissing when the
    calendar has no such day (2026-02-30)."""
    if value in (None, ""):
        return None
    written = str(value).strip()
    if not _ISO_DAY.fullmatch(written):
        raise refused.BadAuditDate(value)
    try:
        return date.fromisoformat(written)
    except ValueError:
        raise refused.AuditDateMissing(written) from None


def _start(day: date | None, tz: str, later: int = 0) -> datetime | None:
    """Local midnight of `day` (+ `later` days) in UTC; AuditDateMissing at the
    calendar's edge (0001-01-01 in a zone east of UTC, 9999-12-31's next day)."""
    if day is None:
        return None
    try:
        moment = datetime.combine(day + timedelta(days=later), time(0), tzinfo=ZoneInfo(tz))
        return moment.astimezone(UTC)
    except OverflowError:
        raise refused.AuditDateMissing(day.isoformat()) from None


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
    every facility). Raises AdminOnly, WrongFacility, FacilityNotFound, BadAuditDate,
    AuditDateMissing (no such day), AuditDatesReversed (`since` after `until`)."""
    require_configurer(principal)
    with uow:
        facility = None
        if facility_code:
            facility = facility_for(uow, principal, facility_code)
        elif principal.role != ADMIN:
            facility = uow.directory.facility_by_id(principal.facility_id or 0)
        tz = facility.timezone if facility else DEFAULT_TIMEZONE
        first, last = _date(since), _date(until)
        if first is not None and last is not None and first > last:
            raise refused.AuditDatesReversed()
        rows = uow.admin.events(facility.id if facility else None, _start(first, tz),
                                _start(last, tz, later=1), AUDIT_LIMIT)
        places = {f.id: (f.code, f.timezone) for f in uow.directory.facilities()}
        return {"events": [_row(r, places) for r in rows]}
