"""e-Controlling's rules, in one place: months (`YYYY-MM`), what a monthly report may
say, the planned progress of a month, and the dashboard's flags with their thresholds.

Sources: the provider reports physical progress (percent of the works done, cumulative)
and financial progress monthly and the commitment officer (PPK) approves (Perpres 16/2018
as amended by Perpres 12/2021, art. 11: the PPK controls the contract's execution;
Surabaya's GRMS monthly progress). A package is *late* when its actual physical progress
is behind the plan (the S-curve of the contract schedule) by more than a threshold, a
"kontrak kritis" in LKPP's terms when it is 10 points or more, or it is past its end
date short of 100 %; *overspent* when money runs ahead of the works (financial progress
or termins paid above physical progress by more than a threshold, or spent above the
contract value); *stalled* when no report has been approved for some months while it
runs. Thresholds: app config `CONTROLLING_LATE_POINTS` (percent points, default 10),
`CONTROLLING_OVERSPENT_POINTS` (default 10), `CONTROLLING_STALLED_MONTHS` (default 2),
each also from the environment as `ANTRIAN_<key>`.

A package finished after its contract's end (the handover, or the approval of its 100 %
report, after `ends`), or still unfinished past it, is late by those days, and the PPK
applies the late penalty (denda keterlambatan): 1 per mil of the contract value per
day late (Perpres 16/2018 art. 79 ayat 4); the rate is app config
`CONTROLLING_LATE_PENALTY_PER_MIL` (default 1). See days_late and late_penalty."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from queue_server.domain.errors import Words

from .errors import (
    BadMonth,
    MonthBeforeStart,
    MonthInFuture,
    PercentOutOfRange,
    ProgressDecreased,
    ReportFinal,
    SpentAboveValue,
)

MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
PHYSICAL = Words("fisik", "physical")
FINANCIAL = Words("keuangan", "financial")


def month_of(day: date) -> str:
    """The month `YYYY-MM` of `day`."""
    return f"{day.year:04d}-{day.month:02d}"


def read_month(text: str) -> str:
    """`text` when it is a month written `YYYY-MM`; raises BadMonth (422) otherwise."""
    text = (text or "").strip()
    if not MONTH.match(text):
        raise BadMonth()
    return text


def month_index(month: str) -> int:
    """Months since year 0 of a `YYYY-MM` month (to count months between two)."""
    year, mon = month.split("-")
    return int(year) * 12 + int(mon) - 1


def shift(month: str, months: int) -> str:
    """The month `months` after `month` (before it when negative)."""
    index = month_index(month) + months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def planned_at(plan: Sequence[Mapping[str, Any]], month: str) -> float:
    """The planned cumulative physical progress (percent) at the end of `month`: the
    plan's latest entry on or before it (`plan`: `[{month, percent}]`), 0 before the
    first."""
    found = 0.0
    for entry in sorted(plan, key=lambda e: str(e.get("month", ""))):
        if str(entry.get("month", "")) <= month:
            found = float(entry.get("percent") or 0)
    return found


def percent(value: Any, what: Words) -> Decimal:
    """`value` as a percent with two decimals; PercentOutOfRange (422) outside 0–100 or
    not a number."""
    try:
        number = Decimal(str(value)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        raise PercentOutOfRange(what) from None
    if not Decimal(0) <= number <= Decimal(100):
        raise PercentOutOfRange(what)
    return number


@dataclass(frozen=True)
class Last:
    """The latest approved report of a contract (None fields: none yet)."""

    month: str | None = None
    physical: Decimal = Decimal(0)
    financial: Decimal = Decimal(0)
    spent: int = 0


def check_report(month: str, today: date, start: date, last: Last, physical: Decimal,
                 financial: Decimal, spent: int, value: int) -> None:
    """A monthly report is acceptable: `month` not after `today`'s month nor before the
    contract's `start` (MonthInFuture, MonthBeforeStart, 422), after the latest approved
    month (ReportFinal 409: an approved month is final, and so are those before it),
    progress never below the latest approved (ProgressDecreased 422), `spent` (rupiah)
    never above the contract's `value` (SpentAboveValue 422)."""
    if month > month_of(today):
        raise MonthInFuture(month)
    if month < month_of(start):
        raise MonthBeforeStart(month, start.isoformat())
    if last.month is not None and month <= last.month:
        raise ReportFinal(last.month)
    if physical < last.physical:
        raise ProgressDecreased(PHYSICAL, f"{last.physical} %")
    if financial < last.financial:
        raise ProgressDecreased(FINANCIAL, f"{last.financial} %")
    if spent > value:
        raise SpentAboveValue(spent, value)
    if spent < last.spent:
        raise ProgressDecreased(Words("biaya", "spending"), f"Rp {last.spent}")


@dataclass(frozen=True)
class Thresholds:
    """The dashboard's thresholds: `late_points` and `overspent_points` (percent points),
    `stalled_months` (whole months without an approved report), `penalty_per_mil` (the
    late penalty a day, per mil of the contract value)."""

    late_points: float = 10.0
    overspent_points: float = 10.0
    stalled_months: int = 2
    penalty_per_mil: float = 1.0  # late penalty per day, per mil of the contract value


# The app config keys of the thresholds (each `ANTRIAN_<key>` in the environment).
SETTINGS = {"CONTROLLING_LATE_POINTS": Thresholds.late_points,
            "CONTROLLING_OVERSPENT_POINTS": Thresholds.overspent_points,
            "CONTROLLING_STALLED_MONTHS": Thresholds.stalled_months,
            "CONTROLLING_LATE_PENALTY_PER_MIL": Thresholds.penalty_per_mil}


def thresholds(config: Mapping[str, Any]) -> Thresholds:
    """The thresholds of app config `CONTROLLING_LATE_POINTS`,
    `CONTROLLING_OVERSPENT_POINTS`, `CONTROLLING_STALLED_MONTHS`,
    `CONTROLLING_LATE_PENALTY_PER_MIL` (defaults 10, 10, 2, 1)."""
    base = Thresholds()
    return Thresholds(float(config.get("CONTROLLING_LATE_POINTS", base.late_points)),
                      float(config.get("CONTROLLING_OVERSPENT_POINTS", base.overspent_points)),
                      int(config.get("CONTROLLING_STALLED_MONTHS", base.stalled_months)),
                      float(config.get("CONTROLLING_LATE_PENALTY_PER_MIL",
                                       base.penalty_per_mil)))


@dataclass(frozen=True)
class Standing:
    """Where a package stands on a day: its `plan`, `ends`, contract `value` (rupiah)
    and start `starts`, whether its works are `running` (contract signed or started,
    not handed over), the latest approved report (`last`), rupiah `paid`, and the day
    its works were `finished` (handover, else the approval of its 100 % report; None
    while unfinished)."""

    plan: Sequence[Mapping[str, Any]]
    ends: date
    value: int
    starts: date | None
    running: bool
    last: Last
    paid: int = 0
    finished: date | None = None


def reference_month(today: date, last: Last) -> str:
    """The month progress is judged at: the previous month (a month's report comes at
    its end), or this month once this month's report is approved."""
    this = month_of(today)
    return this if last.month == this else shift(this, -1)


def flags(standing: Standing, today: date, limits: Thresholds) -> list[str]:
    """The package's flags on `today`, among `late` (behind plan, or days_late above
    0), `overspent`, `stalled` (see the module's docstring for each rule)."""
    found = []
    actual = float(standing.last.physical)
    planned = planned_at(standing.plan, reference_month(today, standing.last))
    active = standing.running or standing.last.month is not None
    if active and (planned - actual > limits.late_points or days_late(standing, today)):
        found.append("late")
    paid = 100 * standing.paid / standing.value if standing.value else 0.0
    ahead = max(float(standing.last.financial), paid) - actual
    if ahead > limits.overspent_points or standing.last.spent > standing.value:
        found.append("overspent")
    if standing.running and _months_silent(standing, today) >= limits.stalled_months:
        found.append("stalled")
    return found


def _months_silent(standing: Standing, today: date) -> int:
    """Whole months since the latest approved report (since the month before the start
    when none: the first month's report is due at its end)."""
    since = standing.last.month
    if since is None:
        since = shift(month_of(standing.starts or today), -1)
    return month_index(month_of(today)) - month_index(since)


FLAGS = ("late", "overspent", "stalled")


def days_late(standing: Standing, today: date) -> int:
    """Calendar days the works finished after the contract's end (`finished` - `ends`);
    unfinished, the days `today` is past the end; 0 when on time (or 100 % with no day
    of finishing known)."""
    if standing.finished is None and float(standing.last.physical) >= 100:
        return 0
    return max(0, ((standing.finished or today) - standing.ends).days)


def late_penalty(value: int, days: int, per_mil: float) -> int:
    """The late penalty (denda keterlambatan, Perpres 16/2018 art. 79 ayat 4) in whole
    rupiah, rounded down: `per_mil` per mil of the contract `value` (rupiah) for each
    of `days` days late."""
    return int(Decimal(value) * Decimal(str(per_mil)) * Decimal(days) // Decimal(1000))
