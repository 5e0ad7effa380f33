"""e-Wadul's dashboard: complaints per category, office and month, the median working
days from filing to answer, the share answered within the category's days (counted from
the office taking the complaint on, as SP4N-LAPOR! times an office), and the ratings.

Who sees it: the admin, the city account and the Media Center desk (every office, or one
with `office`); an office head their own offices; others WadulForbidden (403)."""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from mobile_api.report_schemas import as_csv
from queue_server.domain.calendar import Calendar
from queue_server.services.auth import Principal
from queue_server.services.closures import calendar as city_calendar
from queue_server.services.port_cases import CaseWork

from .domain import InvalidPeriod, WadulForbidden, WrongOffice
from .lists import sees_all
from .models import WadulCategory
from .reading import category_of
from .store import WadulStore


@dataclass(frozen=True)
class Period:
    """Complaints opened from `since` to `until` (city dates, both included)."""

    since: date
    until: date

    def bounds(self, tz: str) -> tuple[datetime, datetime]:
        zone = ZoneInfo(tz)
        return (datetime.combine(self.since, time(), zone),
                datetime.combine(self.until + timedelta(days=1), time(), zone))


def period(since: date | None, until: date | None, today: date) -> Period:
    """The period asked (default: the twelve months to `today`). Raises InvalidPeriod
    (422) when `since` is after `until` or it spans over 3 years."""
    end = until or today
    start = since or date(end.year - 1, end.month, 1)
    if start > end or (end - start).days > 3 * 366:
        raise InvalidPeriod()
    return Period(start, end)


def _offices(uow: CaseWork, principal: Principal, office: str | None) -> list[int] | None:
    wanted = uow.offices.by_code(office) if office else None
    if office and wanted is None:
        raise WrongOffice()
    if sees_all(uow, principal):
        return None if wanted is None else [wanted.id]
    heads = [oid for oid, roles in uow.offices.roles_of(principal.id).items() if "head" in roles]
    if not heads:
        raise WadulForbidden("melihat dasbor", "see the dashboard")
    if wanted is not None and wanted.id not in heads:
        raise WrongOffice()
    return [wanted.id] if wanted else heads


def _ratio(part: int, whole: int) -> float | None:
    return None if whole == 0 else round(100 * part / whole, 1)


def _median(days: list[int]) -> float | None:
    return float(statistics.median(days)) if days else None


@dataclass(frozen=True)
class Answered:
    """One answered complaint: its office, working days filing→answer, and whether the
    office answered within the category's days of taking it on."""

    office_id: int | None
    days: int
    in_time: bool


def _answers(store: WadulStore, cal: Calendar, rows: list[Any], tz: str,
             cats: dict[int, WadulCategory]) -> list[Answered]:
    """Every answered complaint among `rows` (working days by the city's calendar)."""
    zone, found = ZoneInfo(tz), []
    for case, report in rows:
        if report.answered_at is None:
            continue
        answered = report.answered_at.astimezone(zone).date()
        days = cal.working_days_between(case.opened_at.astimezone(zone).date(), answered)
        accepted = store.first_event(case.id, "accept")
        start = (accepted.at if accepted else case.opened_at).astimezone(zone).date()
        limit = category_of(store, report, cats).days
        found.append(Answered(case.office_id, days,
                              cal.working_days_between(start, answered) <= limit))
    return found


def _open_counts(rows: list[Any], today: date) -> dict[str, int]:
    """Open complaints, those past their state's deadline on `today`, and escalated."""
    still = [case for case, _ in rows if case.closed_at is None]
    return {"open": len(still),
            "overdue": sum(1 for c in still if c.state_due is not None and c.state_due < today),
            "escalated": sum(1 for c in still if c.escalated_at is not None)}


def dashboard(uow: CaseWork, tz: str, today: date, principal: Principal,
              asked: Period, office: str | None = None) -> dict[str, Any]:
    """The figures of complaints opened in `asked` (confirmed ones): `cases` (the total),
    `open`, `overdue` and `escalated` (open ones, on `today`), `per_category` (with
    `name_en`), `per_office` (cases, answered, median working days and in-time share
    each), `per_month` (`YYYY-MM`) counts, `answered`, `median_days_to_answer` (working
    days), `answered_in_time_pct`, `rating_mean` and `rating_count`."""
    with uow:
        offices = _offices(uow, principal, office)
        store, cats = WadulStore(uow), dict[int, WadulCategory]()
        rows = store.for_dashboard(*asked.bounds(tz), offices)
        zone = ZoneInfo(tz)
        by_cat = Counter(category_of(store, r, cats).code for _, r in rows)
        by_month = Counter(c.opened_at.astimezone(zone).strftime("%Y-%m") for c, _ in rows)
        answers = _answers(store, city_calendar(uow), rows, tz, cats)
        ratings = [r.rating for _, r in rows if r.rating is not None]
        named = {c.code: c for c in cats.values()}
        return {
            "since": asked.since.isoformat(), "until": asked.until.isoformat(),
            "cases": len(rows), **_open_counts(rows, today),
            "per_category": [{"category": k, "name": named[k].name,
                              "name_en": named[k].name_en or named[k].name, "cases": n}
                             for k, n in sorted(by_cat.items())],
            "per_office": _per_office(uow, Counter(c.office_id for c, _ in rows), answers),
            "per_month": [{"month": k, "cases": n} for k, n in sorted(by_month.items())],
            "answered": len(answers),
            "median_days_to_answer": _median([a.days for a in answers]),
            "answered_in_time_pct": _ratio(sum(a.in_time for a in answers), len(answers)),
            "rating_mean": round(float(statistics.mean(ratings)), 2) if ratings else None,
            "rating_count": len(ratings)}


def _per_office(uow: CaseWork, counts: Counter[int | None],
                answers: list[Answered]) -> list[dict[str, Any]]:
    """One row per office holding complaints (None: not yet forwarded), active or not."""
    found = []
    for office_id, n in counts.items():
        office = uow.offices.by_id(office_id) if office_id is not None else None
        mine = [a for a in answers if a.office_id == office_id]
        found.append({"office": office.code if office else None,
                      "name": office.name if office else None,
                      "name_en": (office.name_en or office.name) if office else None,
                      "cases": n,
                      "answered": len(mine), "median_days": _median([a.days for a in mine]),
                      "in_time_pct": _ratio(sum(a.in_time for a in mine), len(mine))})
    return sorted(found, key=lambda row: str(row["office"]))


def dashboard_csv(result: dict[str, Any]) -> str:
    """The dashboard as CSV (cells a spreadsheet would run as formulas kept as text): one
    row per figure, columns `section,key,name,value`."""
    rows: list[dict[str, Any]] = []
    for row in result["per_category"]:
        rows.append({"section": "category", "key": row["category"], "name": row["name"],
                     "value": row["cases"]})
    for row in result["per_office"]:
        for figure in ("cases", "answered", "median_days", "in_time_pct"):
            rows.append({"section": f"office_{figure}" if figure != "cases" else "office",
                         "key": row["office"], "name": row["name"], "value": row[figure]})
    for row in result["per_month"]:
        rows.append({"section": "month", "key": row["month"], "name": None,
                     "value": row["cases"]})
    for key in ("cases", "open", "overdue", "escalated", "answered", "median_days_to_answer",
                "answered_in_time_pct", "rating_mean", "rating_count"):
        rows.append({"section": "summary", "key": key, "name": None, "value": result[key]})
    return as_csv(rows)
