"""SSW's report for a period: per permit type, the applications filed, decided, issued
and rejected, the median working days taken to a decision and the share decided within
the permit's working days; per reviewing office, its reviews, the median working days
and the share on time (ESERVICES.md: reports per permit type and office)."""

from __future__ import annotations

from datetime import date, datetime
from statistics import median
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select

from queue_server.domain.report_range import check_days
from queue_server.persistence.case_models import Case, Office
from queue_server.services.closures import calendar as city_calendar
from queue_server.services.port_cases import CaseWork

from . import MODULE
from .flow import city_tz
from .models import SswApplication, SswPermitType, SswReview
from .store import session_of


def _day(moment: datetime, tz: str) -> date:
    return moment.astimezone(ZoneInfo(tz)).date()


def _decided_on(case: Any, tz: str) -> date | None:
    """The day an application was decided (issued, rejected; a revoked one: issued
    before), None while open."""
    if case.state not in ("issued", "rejected", "revoked"):
        return None
    return _day(case.closed_at or case.state_since, tz)


# Every column of the report's one table (CSV): a permit row leaves the office columns
# empty and an office row the permit ones.
COLUMNS = ("kind", "permit", "office", "name", "applications", "decided", "issued",
           "rejected", "reviews", "approved", "objected", "median_days", "on_time_share")


def _summary(days: list[int], on_time: int) -> dict[str, Any]:
    return {"median_days": round(float(median(days)), 1) if days else None,
            "on_time_share": round(on_time / len(days), 3) if days else None}


def _permits(uow: CaseWork, start: date, end: date, tz: str) -> list[dict[str, Any]]:
    cal, out = city_calendar(uow), []
    rows = session_of(uow).execute(
        select(Case, SswPermitType).join(SswApplication, SswApplication.case_id == Case.id)
        .join(SswPermitType, SswPermitType.id == SswApplication.permit_type_id)
        .where(Case.module == MODULE, Case.confirmed.is_(True))).all()
    for permit in {p.code: p for _c, p in rows}.values():
        mine = [c for c, p in rows if p.code == permit.code]
        filed = [c for c in mine if start <= (_day(c.opened_at, tz) or start) <= end]
        decided = [c for c in mine if (c.state in ("issued", "rejected", "revoked")
                   and c.closed_at is not None) or c.state == "revoked"]
        decided = [c for c in decided if start <= (_day(c.closed_at or c.state_since, tz)
                                                   or start) <= end]
        closed = [(c, _day(c.closed_at or c.state_since, tz)) for c in decided]
        taken = [cal.working_days_between(_day(c.opened_at, tz), day)  # type: ignore[arg-type]
                 for c, day in closed]
        on_time = sum(day <= c.due if c.due else t <= permit.days
                      for (c, day), t in zip(closed, taken, strict=True))
        out.append({"kind": "permit", "permit": permit.code, "name": permit.name,
                    "applications": len(filed), "decided": len(decided),
                    "issued": sum(c.state in ("issued", "revoked") for c in decided),
                    "rejected": sum(c.state == "rejected" for c in decided),
                    **_summary(taken, on_time)})
    return sorted(out, key=lambda r: r["permit"])


def _offices(uow: CaseWork, start: date, end: date, tz: str) -> list[dict[str, Any]]:
    cal, out = city_calendar(uow), []
    rows = session_of(uow).execute(select(SswReview, Office).join(
        Office, Office.id == SswReview.office_id)).all()
    for code in sorted({o.code for _r, o in rows}):
        mine = [(r, o) for r, o in rows if o.code == code]
        done = [r for r, _o in mine if r.decided_at is not None
                and start <= _day(r.decided_at, tz) <= end]
        taken = [cal.working_days_between(_day(r.started_at, tz), _day(r.decided_at, tz))
                 for r in done]
        on_time = sum(_day(r.decided_at, tz) <= r.due for r in done)
        out.append({"kind": "office", "office": code, "name": mine[0][1].name,
                    "reviews": len(done), "approved": sum(r.state == "approved" for r in done),
                    "objected": sum(r.state == "objected" for r in done),
                    **_summary(taken, on_time)})
    return out


def report(uow: CaseWork, start: date, end: date) -> list[dict[str, Any]]:
    """Rows for the period `start`..`end` (city dates, both included): one per permit
    type (`kind` permit: `applications` filed, `decided`, `issued`, `rejected`,
    `median_days` working days from filing to decision with one decimal,
    `on_time_share` 0-1: decided on or before the case's due day) then one per
    reviewing office (`kind` office: `reviews` decided, `approved`, `objected`,
    `median_days`, `on_time_share` by each review's own due day). `start` after `end`:
    ReportDatesReversed 422; over a year: ReportRangeTooLong 422."""
    check_days(start, end)
    tz = city_tz()
    with uow:
        return _permits(uow, start, end, tz) + _offices(uow, start, end, tz)


def table(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The report's rows as one table with every column (COLUMNS) named, for CSV: each
    row has them all, in that order (None where the row's kind has no such value)."""
    return [{column: row.get(column) for column in COLUMNS} for row in rows]
