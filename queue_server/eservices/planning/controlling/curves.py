"""Planned-vs-actual curves (the S-curve of a contract): per package, and aggregated
over packages weighted by contract value (per office, per kecamatan, the city)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from flask import current_app, has_app_context

from ..delivery.models import DeliveryContract
from ..project.models import ProjectPackage
from . import store
from .rules import Standing, month_index, month_of, planned_at, shift

RUNNING = ("signed", "started")


@dataclass(frozen=True)
class Track:
    """A contracted package, where it stands, and its approved months
    (`{month: physical percent}`)."""

    package: ProjectPackage
    contract: DeliveryContract
    standing: Standing
    approved: dict[str, float]


def _city_day(moment: datetime | None) -> date | None:
    """The day of `moment` in the city's time zone (app config CITY_TIMEZONE)."""
    if moment is None:
        return None
    zone = (current_app.config.get("CITY_TIMEZONE", "Asia/Jakarta") if has_app_context()
            else "Asia/Jakarta")
    return moment.astimezone(ZoneInfo(str(zone))).date()


def _finished(contract: DeliveryContract, rows: Sequence[Any]) -> date | None:
    """The day the works finished: the handover's, else the approval of the first
    report at 100 %; None while unfinished."""
    done = [r.decided_at for r in rows if float(r.physical) >= 100 and r.decided_at]
    return _city_day(contract.handed_over_at) or _city_day(min(done) if done else None)


def track_of(uow: Any, package: ProjectPackage, contract: DeliveryContract) -> Track:
    """The package's track from its rows."""
    rows = store.reports(uow, contract.id, True)
    approved = {r.month: float(r.physical) for r in rows}
    starts = contract.starts or package.starts
    standing = Standing(plan=package.plan or [], ends=contract.ends or package.ends,
                        value=contract.value, starts=starts,
                        running=contract.state in RUNNING,
                        last=store.last_approved(uow, contract.id),
                        paid=store.paid(uow, contract.id)[1],
                        finished=_finished(contract, rows))
    return Track(package, contract, standing, approved)


def _months(tracks: Sequence[Track], today: date) -> list[str]:
    """Every month from the earliest start or plan entry to the latest plan entry,
    approved report or this month, whichever comes last."""
    firsts, lasts = [], [month_of(today)]
    for t in tracks:
        plan = [str(e.get("month")) for e in t.standing.plan]
        firsts += plan + ([month_of(t.standing.starts)] if t.standing.starts else [])
        lasts += plan + list(t.approved)
    if not firsts:
        return []
    first, last = min(firsts), max(lasts)
    return [shift(first, n) for n in range(month_index(last) - month_index(first) + 1)]


def _actual(track: Track, month: str, today: date) -> float | None:
    """Approved cumulative progress at the end of `month` (the latest approved month on
    or before it; 0 before the first). None for a month that has not happened: after
    this month, or this month itself while its report is not approved (a month's
    progress is known at its end), unless the works are already at 100 %."""
    this = month_of(today)
    done = [pct for m, pct in track.approved.items() if m <= month]
    if month > this or (month == this and month not in track.approved
                        and max(done, default=0.0) < 100):
        return None
    return max(done) if done else 0.0


def curve(track: Track, today: date) -> list[dict[str, Any]]:
    """The package's curve: `[{month, planned, actual}]` (percent; actual None ahead)."""
    return [{"month": m, "planned": planned_at(track.standing.plan, m),
             "actual": _actual(track, m, today)} for m in _months([track], today)]


def aggregate(tracks: Sequence[Track], today: date) -> list[dict[str, Any]]:
    """The packages' curve weighted by contract value: `[{month, planned, actual}]`;
    actual None for a month some package has no actual for yet (see _actual)."""
    total = sum(t.standing.value for t in tracks)
    if not total:
        return []
    found = []
    for month in _months(tracks, today):
        planned = sum(planned_at(t.standing.plan, month) * t.standing.value for t in tracks)
        actual = [(_actual(t, month, today), t.standing.value) for t in tracks]
        known = all(a is not None for a, _ in actual)  # a month not over: no actual
        found.append({"month": month, "planned": round(planned / total, 2),
                      "actual": round(sum((a or 0.0) * v for a, v in actual) / total, 2)
                      if known else None})
    return found
