"""e-Controlling after the review of issue 18 (fix 18K): a curve shows no actual for a
month that is not over; a package finished after its contract's end is late by those
days and owes the late penalty (1 per mil of the value a day, configurable)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from queue_server.eservices.planning.controlling.curves import Track, aggregate, curve
from queue_server.eservices.planning.controlling.rules import (
    Last,
    Standing,
    Thresholds,
    days_late,
    flags,
    late_penalty,
    thresholds,
)

PLAN = [{"month": "2026-10", "percent": 40}, {"month": "2026-11", "percent": 80},
        {"month": "2026-12", "percent": 100}]
TODAY = date(2026, 12, 1)  # the reviewer's city day (18:00 UTC on 30 November)


def track(approved: dict[str, float], value: int = 1_000, finished: date | None = None,
          ends: date = date(2026, 12, 31)) -> Track:
    month = max(approved) if approved else None
    last = Last(month, Decimal(str(approved[month])), Decimal(0), 0) if month else Last()
    standing = Standing(plan=PLAN, ends=ends, value=value, starts=date(2026, 10, 1),
                        running=finished is None, last=last, finished=finished)
    fake: Any = None
    return Track(fake, fake, standing, approved)


def test_a_month_not_over_has_no_actual_on_any_curve() -> None:
    running = track({"2026-10": 40, "2026-11": 72.99})
    points = {p["month"]: p["actual"] for p in curve(running, TODAY)}
    assert points == {"2026-10": 40, "2026-11": 72.99, "2026-12": None}
    october = track({"2026-10": 40})  # November not yet reported on 30 November
    assert curve(october, date(2026, 11, 30))[-2:] == [
        {"month": "2026-11", "planned": 80, "actual": None},
        {"month": "2026-12", "planned": 100, "actual": None}]
    done = track({"2026-10": 40, "2026-11": 100}, finished=date(2026, 11, 25))
    assert [p["actual"] for p in curve(done, TODAY)] == [40, 100, 100]  # finished: known
    city = {p["month"]: p["actual"] for p in aggregate([running, done], TODAY)}
    assert city == {"2026-10": 40, "2026-11": 86.5, "2026-12": None}


def test_finished_after_the_end_is_late_with_its_penalty() -> None:
    ends = date(2026, 11, 10)
    late = track({"2026-11": 100}, value=952_000_000, finished=date(2026, 11, 26),
                 ends=ends).standing
    assert days_late(late, TODAY) == 16 and "late" in flags(late, TODAY, Thresholds())
    assert late_penalty(952_000_000, 16, 1.0) == 15_232_000
    assert late_penalty(1_999, 1, 1.0) == 1  # rounded down to the rupiah
    on_time = track({"2026-11": 100}, finished=date(2026, 11, 10), ends=ends).standing
    assert days_late(on_time, TODAY) == 0 and "late" not in flags(on_time, TODAY, Thresholds())
    running = track({"2026-11": 60}, ends=ends).standing
    assert days_late(running, TODAY) == 21  # still running: the days so far
    assert thresholds({"CONTROLLING_LATE_PENALTY_PER_MIL": "0.5"}).penalty_per_mil == 0.5
