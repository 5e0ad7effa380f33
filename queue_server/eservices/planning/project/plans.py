"""A package's schedule, payment plan and planned physical progress, plain Python: the
payment plan's termins sum to 100 % within the schedule's months; the planned progress
defaults to an S-curve over the schedule (slow start, fast middle, slow finish: the shape
of a works package's cumulative progress)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from .errors import BeyondBudgetYear, MultiYearReasonRequired, PlanInvalid

MAX_MONTHS = 120  # a multi-year package runs a few years at most (kontrak tahun jamak)


def months(starts: date, ends: date) -> list[str]:
    """The months "YYYY-MM" from `starts` to `ends`, both included; `PlanInvalid` (422)
    when the schedule ends before it starts or spans more than MAX_MONTHS."""
    if ends < starts:
        raise PlanInvalid("jadwal selesai sebelum mulai", "the schedule ends before it starts")
    if (ends.year - starts.year) * 12 + ends.month - starts.month >= MAX_MONTHS:
        raise PlanInvalid(f"jadwal lebih dari {MAX_MONTHS} bulan",
                          f"the schedule is longer than {MAX_MONTHS} months")
    out, year, month = [], starts.year, starts.month
    while (year, month) <= (ends.year, ends.month):
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def payment_plan(plan: list[dict[str, Any]] | None, starts: date,
                 ends: date) -> list[dict[str, Any]]:
    """The termins `[{termin, percent, month}]` checked: numbered 1, 2, 3…, each percent
    above 0, months in the schedule and not going back, the percents summing to exactly
    100; none given: one termin of 100 % in the last month. `PlanInvalid` (422)."""
    span = months(starts, ends)
    if not plan:
        return [{"termin": 1, "percent": 100.0, "month": span[-1]}]
    total, last = Decimal(0), ""
    for number, termin in enumerate(plan, start=1):
        percent = Decimal(str(termin.get("percent", 0)))
        if int(termin.get("termin", 0)) != number or percent <= 0:
            raise PlanInvalid(f"termin ke-{number} harus bernomor {number} dengan persen "
                              "di atas 0", f"termin {number} must be numbered {number} "
                              "with a percent above 0")
        month = str(termin.get("month", ""))
        if month not in span or month < last:
            raise PlanInvalid(f"bulan termin {number} ({month}) di luar jadwal atau mundur",
                              f"termin {number}'s month ({month}) is outside the schedule "
                              "or goes back")
        total, last = total + percent, month
    if total != 100:
        raise PlanInvalid(f"jumlah termin {total} %, harus 100 %",
                          f"the termins sum to {total} %, not 100 %")
    return [{"termin": int(t["termin"]), "percent": float(t["percent"]),
             "month": str(t["month"])} for t in plan]


def s_curve(starts: date, ends: date) -> list[dict[str, Any]]:
    """Planned cumulative progress per month of the schedule on the smoothstep curve
    3t² − 2t³ (t = share of the months passed), two decimals, 100 in the last month."""
    span = months(starts, ends)
    n = len(span)
    return [{"month": m, "percent": round(100 * (3 * (i / n) ** 2 - 2 * (i / n) ** 3), 2)}
            for i, m in enumerate(span, start=1)]


def progress_plan(plan: list[dict[str, Any]] | None, starts: date,
                  ends: date) -> list[dict[str, Any]]:
    """The planned cumulative progress `[{month, percent}]` checked (months in the
    schedule, ascending; percents 0–100 never going down; 100 in the last given month);
    none given: `s_curve`. `PlanInvalid` (422)."""
    if not plan:
        return s_curve(starts, ends)
    span, last_month, last = months(starts, ends), "", -1.0
    for step in plan:
        month, percent = str(step.get("month", "")), float(step.get("percent", -1))
        if month not in span or month <= last_month or not last <= percent <= 100:
            raise PlanInvalid(f"rencana progres bulan {month} tidak runtut",
                              f"the planned progress of {month} is out of order")
        last_month, last = month, percent
    if last != 100:
        raise PlanInvalid("rencana progres harus berakhir di 100 %",
                          "the planned progress must end at 100 %")
    return [{"month": str(s["month"]), "percent": float(s["percent"])} for s in plan]


def within_year(ends: date, year: int, multi_year: bool, reason: str = "",
                what: tuple[str, str] = ("jadwal paket", "package's schedule")) -> str:
    """The one rule of a budget year's end: a package's schedule and its contract's
    period end by 31 December of the budget line's `year` (one year's budget pays for
    them: PP 12/2019 art. 54, Perpres 16/2018 art. 27) unless the package is a
    multi-year contract (kontrak tahun jamak), which needs the `reason` of its approval.
    `what` names the period in the refusal (Indonesian, English). Returns the reason
    kept (stripped; empty when not multi-year). Raises MultiYearReasonRequired (422)
    for a multi-year package without a reason, BeyondBudgetYear (422) for a period
    past the year of a single-year package."""
    reason = (reason or "").strip()
    if multi_year and not reason:
        raise MultiYearReasonRequired()
    if not multi_year and ends > date(year, 12, 31):
        raise BeyondBudgetYear(what[0], what[1], ends.isoformat(), year)
    return reason if multi_year else ""
