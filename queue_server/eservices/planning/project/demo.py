"""e-Project's demo data (the "demo" hook, after e-Budgeting's): three planned packages
whose works ran over the past months, so procurement, delivery and controlling can show
them: a road package of at least Rp 400 juta (tender: the largest line of at least that,
else the road programme line) finished at the end of last month, a direct one of about Rp 150
juta running until two months from now (at the latest 31 December of the budget year),
and a direct one that should have finished the month before last (the late, stalled
case); each made and planned, through the use cases, at the day it happened (before its
procurement), so its OCDS releases are dated then. Dates are relative to today; nothing
again once the demo year's lines have packages."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy import select

from queue_server.services.cases import city_today

from ..budgeting.demo import demo_year, principal_of
from ..budgeting.models import BudgetLine
from ..budgeting.views import packaged
from ..procurement.demo import at
from . import packages
from .models import ProjectPackage
from .plans import months

ROAD_MIN = 400_000_000
KECAMATAN = "kec-tegalsari"


def _termins(starts: date, ends: date, shares: list[int]) -> list[dict[str, Any]]:
    span = months(starts, ends)
    steps = len(shares)
    picks = [span[min(len(span) - 1, (i + 1) * len(span) // steps - 1)] for i in range(steps)]
    return [{"termin": i + 1, "percent": share, "month": month}
            for i, (share, month) in enumerate(zip(shares, picks, strict=True))]


def _picks(lines: list[BudgetLine], office_id: int | None) -> list[BudgetLine | None]:
    """The lines of the road, the running and the late package: the road from the largest
    proposal line of at least ROAD_MIN (else the road programme line), the others from
    the office's next largest proposal lines (else the programme line's remainder)."""
    proposals = sorted((line for line in lines if line.proposal_id),
                       key=lambda line: -line.amount)
    programme = next((line for line in lines if not line.proposal_id), None)
    road = next((line for line in proposals if line.amount >= ROAD_MIN), programme)
    rest = [line for line in proposals if line is not road and line.office_id == office_id]
    return [road, rest[0] if rest else programme, rest[1] if len(rest) > 1 else programme]


def month_end(day: date) -> date:
    """The last day of `day`'s month."""
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)


def _wanted(lines: list[BudgetLine], office_id: int | None, today: date,
            year: int) -> list[tuple[BudgetLine, dict[str, Any]]]:
    """(line, package fields) of the three demo packages, from the lines there are. Each
    schedule ends on a month's last day (a termin falls due at its month's end, within
    the contract) and by 31 December of the budget year (single-year contracts): the
    road finished at the end of last month, the running one ends in two months (at the
    latest on 31 December), the late one should have ended the month before last."""
    last_month = today.replace(day=1) - timedelta(days=1)
    plans = [("Peningkatan jalan dan saluran Kedungdoro", 450_000_000, "tender",
              today - timedelta(days=180), last_month, [30, 40, 30]),
             ("Paving dan saluran lingkungan Kedungdoro", 150_000_000, "direct",
              today - timedelta(days=90),
              min(month_end(today + timedelta(days=60)), date(year, 12, 31)), [50, 50]),
             ("Saluran tepi jalan Kedungdoro", 180_000_000, "direct",
              today - timedelta(days=150), last_month.replace(day=1) - timedelta(days=1),
              [50, 50])]
    out = []
    for line, (title, most, method, starts, ends, shares) in zip(
            _picks(lines, office_id), plans, strict=True):
        if line is not None:
            out.append((line, {"title": title, "most": most, "method": method,
                               "starts": starts, "ends": ends, "kecamatan": KECAMATAN,
                               "payment_plan": _termins(starts, ends, shares)}))
    return out


def load_demo(app: Any) -> None:
    """Add and plan the demo packages once (see the module); nothing without lines."""
    rt = app.extensions["antrian"]
    with rt.uow(write=False) as uow:
        year = demo_year(uow)
        found = list(uow.session.scalars(select(BudgetLine).where(
            BudgetLine.year == year, BudgetLine.state == "approved"))) if year else []
        done = uow.session.scalar(select(ProjectPackage.id).where(
            ProjectPackage.budget_line_id.in_([line.id for line in found] or [0])))
        maker = principal_of(uow, "opd")
    if not found or done is not None or maker is None:
        return
    today = city_today(rt.clock, str(app.config.get("CITY_TIMEZONE", "Asia/Jakarta")))
    office_id = _office(rt, "dsdabm")
    for line, fields in _wanted(found, office_id, today, int(year or today.year)):
        with rt.uow(write=False) as uow:
            left = line.amount - packaged(uow, line.id)
        value = min(left, fields.pop("most"))
        if line.proposal_id:  # a proposal's package keeps its name (followed on its page)
            fields["title"] = line.title
        who = maker if line.office_id == office_id else _member(rt, line.office_id)
        if who is None or value <= 0:
            continue
        # made and planned when it happened: before its tender (45 days before the works)
        # or its direct procurement (25 days before), so its releases are dated then
        made = fields["starts"] - timedelta(days=60 if fields["method"] == "tender" else 40)
        code = packages.add(rt.uow(), at(made), app.config, who, packages.NewPackage(
            line=line.id, value=value, category="works", **fields))
        packages.act(rt.uow(), at(made + timedelta(days=1)), who, code, "plan")


def _office(rt: Any, code: str) -> int | None:
    with rt.uow(write=False) as uow:
        office = uow.offices.by_code(code)
        return None if office is None else int(office.id)


def _member(rt: Any, office_id: int) -> Any:
    from ..budgeting.demo import member_of

    with rt.uow(write=False) as uow:
        return member_of(uow, office_id)
