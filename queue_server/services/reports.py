"""Report use cases: who may read which facility's reports, over which days, and the
tables (domain/reports_tables.py) computed from the ticket history (closed days from
their daily roll-up: services/report_days.py)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from ..domain import reports_tables as tables
from ..domain.lookups import FacilityNotFound, ServiceNotFound
from ..domain.numbering import service_day
from ..domain.report_range import check_days
from ..domain.reports import Entry
from ..domain.reports_tables import FacilityScope
from ..domain.zones import DEFAULT_TIMEZONE
from .auth import FACILITY_ADMIN, Principal
from .ports import Clock, JsonObject, UnitOfWork
from .report_calendar import open_days
from .report_days import report_entries


@dataclass(frozen=True)
class ReportQuery:
    """What a report is asked for: a table (domain.reports_tables.TABLES), a facility
    code (None: every facility, or a facility_admin's own), the first and last local
    days (None: today), and a service code (None: every service)."""

    table: str
    facility: str | None = None
    start: date | None = None
    end: date | None = None
    service: str | None = None


def _facilities(uow: UnitOfWork, principal: Principal, code: str | None) -> list[FacilityScope]:
    """The facilities the report covers, after the access rule (Principal.
    require_reports_of). Raises ReportsForbidden, WrongFacility (also for a
    facility_admin naming a facility that does not exist: no probing), FacilityNotFound."""
    if code is None and principal.kind == "staff" and principal.role == FACILITY_ADMIN:
        principal.require_reports_of(principal.facility_id)
        return uow.reports.scope(principal.facility_id)
    if code is None:
        principal.require_reports_of(None)
        return uow.reports.scope(None)
    facility = uow.directory.facility(code)
    if facility is None:
        principal.require_reports_of(None)
        raise FacilityNotFound(code)
    principal.require_reports_of(facility.id)
    return uow.reports.scope(facility.id)


def _only_service(scope: list[FacilityScope], code: str) -> list[FacilityScope]:
    """The facilities cut to the service `code` (ServiceNotFound when none has it)."""
    cut = [FacilityScope(f.id, f.code, f.name, f.timezone,
                         tuple(s for s in f.services if s.code == code), f.counters)
           for f in scope]
    if not any(f.services for f in cut):
        raise ServiceNotFound(code, scope[0].name if len(scope) == 1 else "fasilitas mana pun")
    return [f for f in cut if f.services]


@dataclass(frozen=True)
class Period:
    """The report's first and last local day (inclusive) and the moment it is read."""

    start: date
    end: date
    now: datetime


def _rows(uow: UnitOfWork, name: str, scope: Sequence[FacilityScope], facts: list[Entry],
          period: Period) -> list[JsonObject]:
    if name == "hourly":
        return tables.hourly(scope, facts, period.start, period.end, period.now)
    if name == "bookings":
        return tables.bookings(scope, facts, open_days(uow, scope, period.start, period.end))
    if name == "counters":
        return tables.counters(scope, facts)
    if name == "heatmap":
        return tables.heatmap(scope, facts)
    return tables.summary(scope, facts)


def _period(clock: Clock, scope: Sequence[FacilityScope], query: ReportQuery) -> Period:
    """The query's days (missing bounds: today in the first facility's zone); raises
    ReportDatesReversed / ReportRangeTooLong."""
    now = clock.now()
    today = service_day(now, scope[0].timezone if scope else DEFAULT_TIMEZONE)
    end = query.end or (query.start if query.start and query.start > today else today)
    start = query.start or end
    check_days(start, end)
    return Period(start, end, now)


def report(uow: UnitOfWork, clock: Clock, principal: Principal,
           query: ReportQuery) -> JsonObject:
    """One report table: `{"table", "facility" (code or null: all), "service", "from",
    "to" (ISO dates), "rows": [...]}`; rows as domain.reports_tables builds them
    (minutes with one decimal). Days are the facilities' local days, both inclusive;
    missing bounds are today (the first facility's zone). Deactivated services and
    counters are in the rows when they have tickets in the range (or are asked for).

    Raises ReportsForbidden / WrongFacility (403), FacilityNotFound / ServiceNotFound
    (404), ReportDatesReversed / ReportRangeTooLong (422)."""
    with uow:
        scope = _facilities(uow, principal, query.facility)
        if query.service is not None and scope:
            scope = _only_service(scope, query.service)
        period = _period(clock, scope, query)
        ids = [s.id for f in scope for s in f.services]
        zones = {f.id: ZoneInfo(f.timezone) for f in scope}
        facts = report_entries(uow, zones, ids, period.start, period.end, period.now)
        scope = tables.in_use(scope, facts, query.service)
        rows = _rows(uow, query.table, scope, facts, period)
        named = query.facility or (scope[0].code if principal.role == FACILITY_ADMIN
                                   and scope else None)
        return {"table": query.table, "facility": named, "service": query.service,
                "from": period.start.isoformat(), "to": period.end.isoformat(),
                "rows": rows}


def choices(uow: UnitOfWork, principal: Principal) -> list[FacilityScope]:
    """The facilities this principal may read (admin, city: all; facility_admin: its
    own), for a chooser. Raises ReportsForbidden for any other role."""
    with uow:
        return _facilities(uow, principal, None)
