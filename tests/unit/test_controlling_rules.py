"""e-Controlling's rules: months, the plan at a month, what a report may say, and the
dashboard's flags (late, overspent, stalled) at their thresholds."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from queue_server.eservices.planning.controlling.errors import (
    BadMonth,
    MonthBeforeStart,
    MonthInFuture,
    ProgressDecreased,
    ReportFinal,
    SpentAboveValue,
)
from queue_server.eservices.planning.controlling.rules import (
    Last,
    Standing,
    Thresholds,
    check_report,
    flags,
    planned_at,
    read_month,
    shift,
    thresholds,
)

PLAN = [{"month": "2026-08", "percent": 10}, {"month": "2026-09", "percent": 35},
        {"month": "2026-10", "percent": 70}, {"month": "2026-11", "percent": 100}]
TODAY = date(2026, 11, 23)
LIMITS = Thresholds()


def standing(physical: float | None, month: str | None, running: bool = True,
             financial: float = 0, spent: int = 0, paid: int = 0,
             ends: date = date(2026, 12, 31)) -> Standing:
    last = Last() if month is None else Last(month, Decimal(str(physical)),
                                             Decimal(str(financial)), spent)
    return Standing(plan=PLAN, ends=ends, value=1_000, starts=date(2026, 8, 3),
                    running=running, last=last, paid=paid)


def test_months_read_and_shift() -> None:
    assert read_month(" 2026-11 ") == "2026-11"
    for bad in ("2026-13", "26-11", "2026/11", ""):
        with pytest.raises(BadMonth):
            read_month(bad)
    assert shift("2026-01", -1) == "2025-12" and shift("2026-11", 2) == "2027-01"


def test_the_plan_at_a_month_is_its_latest_entry_before_it() -> None:
    assert planned_at(PLAN, "2026-07") == 0
    assert planned_at(PLAN, "2026-09") == 35
    assert planned_at(PLAN, "2027-03") == 100


def test_a_report_keeps_to_its_month_and_never_falls() -> None:
    last = Last("2026-09", Decimal(40), Decimal(30), 300)
    ok: dict[str, Any] = dict(today=TODAY, start=date(2026, 8, 3), last=last,
                              physical=Decimal(50), financial=Decimal(30), spent=300,
                              value=1_000)
    check_report("2026-10", **ok)
    refusals: list[tuple[dict[str, Any], type[Exception]]] = [
                ({"month": "2026-12"}, MonthInFuture), ({"month": "2026-07"}, MonthBeforeStart),
                ({"month": "2026-09"}, ReportFinal), ({"month": "2026-08"}, ReportFinal),
                ({"physical": Decimal(39)}, ProgressDecreased),
                ({"financial": Decimal(29)}, ProgressDecreased),
                ({"spent": 299}, ProgressDecreased), ({"spent": 1_001}, SpentAboveValue)]
    for change, error in refusals:
        asked = {"month": "2026-10", **ok, **change}
        with pytest.raises(error):
            check_report(**asked)


def test_late_is_behind_plan_by_more_than_the_threshold_or_past_the_end() -> None:
    # judged at October (the previous month): plan 70
    assert "late" not in flags(standing(60, "2026-10"), TODAY, LIMITS)  # 10 behind
    assert "late" in flags(standing(59, "2026-10"), TODAY, LIMITS)
    assert "late" in flags(standing(95, "2026-11", ends=date(2026, 11, 20)), TODAY, LIMITS)
    assert "late" not in flags(standing(100, "2026-11", ends=date(2026, 11, 20)), TODAY,
                               LIMITS)
    assert "late" in flags(standing(80, "2026-11"), TODAY, LIMITS)  # November's own: 100


def test_overspent_is_money_ahead_of_the_works() -> None:
    assert "overspent" not in flags(standing(60, "2026-10", financial=70), TODAY, LIMITS)
    assert "overspent" in flags(standing(60, "2026-10", financial=71), TODAY, LIMITS)
    assert "overspent" in flags(standing(60, "2026-10", paid=800), TODAY, LIMITS)
    assert "overspent" in flags(standing(60, "2026-10", spent=1_001), TODAY, LIMITS)


def test_stalled_is_two_months_without_an_approved_report_while_running() -> None:
    assert "stalled" not in flags(standing(60, "2026-10"), TODAY, LIMITS)
    assert "stalled" in flags(standing(35, "2026-09"), TODAY, LIMITS)
    assert "stalled" not in flags(standing(35, "2026-09", running=False), TODAY, LIMITS)
    assert "stalled" in flags(standing(None, None), TODAY, LIMITS)  # started August


def test_thresholds_come_from_the_configuration() -> None:
    limits = thresholds({"CONTROLLING_LATE_POINTS": "5", "CONTROLLING_STALLED_MONTHS": 3})
    assert (limits.late_points, limits.overspent_points, limits.stalled_months) == (5, 10, 3)
    assert "late" in flags(standing(64, "2026-10"), TODAY, limits)
    assert "stalled" not in flags(standing(35, "2026-09"), TODAY, limits)
