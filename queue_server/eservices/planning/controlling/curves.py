"""Planned-vs-actual curves (the S-curve of a contract): per package, and aggregated
over packages weighted by contract value (per office, per kecamatan, the city)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

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


def track_of(uow: Any, package: ProjectPackage, contract: DeliveryContract) -> Track:
    """The package's track from its rows."""
    approved = {r.month: float(r.physical) for r in store.reports(uow, contract.id, True)}
    starts = contract.starts or package.starts
    standing = Standing(plan=package.plan or [], ends=contract.ends or package.ends,
                        value=contract.value, starts=starts,
                        running=contract.state in RUNNING,
                        last=store.last_approved(uow, contract.id),
                        paid=store.paid(uow, contract.id)[1])
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
    or before it; 0 before the first); None for a month after this one."""
    if month > month_of(today):
        return None
    done = [pct for m, pct in track.approved.items() if m <= month]
    return max(done) if done else 0.0


def curve(track: Track, today: date) -> list[dict[str, Any]]:
    """The package's curve: `[{month, planned, actual}]` (percent; actual None ahead)."""
    return [{"month": m, "planned": planned_at(track.standing.plan, m),
             "actual": _actual(track, m, today)} for m in _months([track], today)]


def aggregate(tracks: Sequence[Track], today: date) -> list[dict[str, Any]]:
    """The packages' curve weighted by contract value: `[{month, planned, actual}]`."""
    total = sum(t.standing.value for t in tracks)
    if not total:
        return []
    found = []
    for month in _months(tracks, today):
        planned = sum(planned_at(t.standing.plan, month) * t.standing.value for t in tracks)
        actual = [(_actual(t, month, today), t.standing.value) for t in tracks]
        found.append({"month": month, "planned": round(planned / total, 2),
                      "actual": None if month > month_of(today) else
                      round(sum((a or 0.0) * v for a, v in actual) / total, 2)})
    return found
