"""Report tables: the tickets of facilities grouped per service, counter, hour, weekday
and booking, one flat row each (the same rows answer JSON and CSV)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from .reports import (
    Entry,
    TicketFacts,
    counts,
    estimate_accuracy,
    median,
    percentile,
    timings,
    to_entry,
)

Row = dict[str, object]
HOURS = range(24)


@dataclass(frozen=True)
class ServiceInfo:
    """A service as the reports see it; `active` False: deactivated (its history stays)."""

    id: int
    code: str
    name: str
    target_wait_minutes: int
    booking_quota: int
    active: bool = True


@dataclass(frozen=True)
class CounterInfo:
    """A counter as the reports see it; `active` False: deactivated (its history stays)."""

    id: int
    code: str
    name: str
    active: bool = True


@dataclass(frozen=True)
class FacilityScope:
    """A facility as the reports see it: its zone, services and counters in order."""

    id: int
    code: str
    name: str
    timezone: str
    services: tuple[ServiceInfo, ...]
    counters: tuple[CounterInfo, ...]


Tickets = Sequence[TicketFacts | Entry]


def entries(facilities: Sequence[FacilityScope], tickets: Tickets) -> list[Entry]:
    """The tickets as `Entry`s: entries as they are, `TicketFacts` read in their
    facility's zone (UTC for a facility not in `facilities`)."""
    zones = {f.id: ZoneInfo(f.timezone) for f in facilities}
    utc = ZoneInfo("UTC")
    return [t if isinstance(t, Entry) else to_entry(t, zones.get(t.facility_id, utc))
            for t in tickets]


def in_use(facilities: Sequence[FacilityScope], tickets: Sequence[Entry],
           named: str | None = None) -> list[FacilityScope]:
    """The facilities with their active services and counters, and the deactivated ones
    that have tickets among `tickets` (deactivating is how a service or counter is
    removed: its past stays in every report); the service coded `named` stays too."""
    services = {t.service_id for t in tickets}
    counters = {t.counter_id for t in tickets}
    return [FacilityScope(
        f.id, f.code, f.name, f.timezone,
        tuple(s for s in f.services if s.active or s.id in services or s.code == named),
        tuple(c for c in f.counters if c.active or c.id in counters)) for f in facilities]


def _by(tickets: Sequence[Entry], key: Callable[[Entry], object]) -> dict[object, list[Entry]]:
    groups: dict[object, list[Entry]] = defaultdict(list)
    for t in tickets:
        groups[key(t)].append(t)
    return groups


def summary(facilities: Sequence[FacilityScope], tickets: Tickets) -> list[Row]:
    """Per facility and service (every service, in order, also those without tickets):
    `domain.reports.figures` with the service's target."""
    groups = _by(entries(facilities, tickets), lambda t: t.service_id)
    rows = []
    for f in facilities:
        for s in f.services:
            mine = groups.get(s.id, [])
            rows.append({"facility": f.code, "service": s.code, "name": s.name,
                         "target_wait_minutes": s.target_wait_minutes,
                         **counts(mine), **timings(mine, s.target_wait_minutes),
                         **estimate_accuracy(mine)})
    return rows


def counters(facilities: Sequence[FacilityScope], tickets: Tickets) -> list[Row]:
    """Per facility and counter (the counter that last held the ticket): tickets,
    served, no-shows, transferred, waiting and service times."""
    groups = _by(entries(facilities, tickets), lambda t: t.counter_id)
    rows = []
    for f in facilities:
        for c in f.counters:
            mine = groups.get(c.id, [])
            times = timings(mine, None)
            rows.append({"facility": f.code, "counter": c.code, "name": c.name,
                         "tickets": len(mine),
                         "served": sum(1 for t in mine if t.outcome == "served"),
                         "no_show": sum(1 for t in mine if t.outcome == "no_show"),
                         "transferred": sum(1 for t in mine if t.transferred),
                         **{k: times[k] for k in ("wait_median_min", "wait_p90_min",
                                                  "service_median_min", "service_p90_min")}})
    return rows


def still_waiting(tickets: Sequence[Entry]) -> list[int]:
    """Per local hour h (a list of 24): over the days, how many people were waiting at
    h+1:00 (arrived before it, not yet called, cancelled or closed), summed."""
    steps = [0] * 25
    for t in tickets:
        if t.hour is not None and t.waiting_until > t.hour:
            steps[t.hour] += 1
            steps[t.waiting_until] -= 1
    out, running = [], 0
    for h in HOURS:
        running += steps[h]
        out.append(running)
    return out


def hours_ended(start: date, end: date, now: datetime) -> list[int]:
    """Per local hour h (a list of 24): how many days of [start, end] had seen hour h
    end by `now` (aware, in the facility's zone): every past day, today only for the
    hours before the current one, no day after today."""
    today = now.date()
    past = max(0, (min(end, today - timedelta(days=1)) - start).days + 1)
    now_in_range = start <= today <= end
    return [past + (1 if now_in_range and h < now.hour else 0) for h in HOURS]


def hourly(facilities: Sequence[FacilityScope], tickets: Tickets, start: date, end: date,
           now: datetime) -> list[Row]:
    """Per facility, service and arrival hour (local, "08" is 08:00–08:59): arrivals,
    served, waiting median/p90, service level, and the people still waiting at the
    hour's end (`waiting_at_end`: the mean over the range's days whose hour had ended by
    `now`, one decimal; None while no such day, as for the current hour today). Hours
    with no arrival and nobody waiting are left out, so today stops at the current hour
    (the tickets still waiting must be entries made with `now`: domain.reports.to_entry)."""
    rows: list[Row] = []
    per_service = _by(entries(facilities, tickets), lambda t: t.service_id)
    for f in facilities:
        ended = hours_ended(start, end, now.astimezone(ZoneInfo(f.timezone)))
        for s in f.services:
            mine = [t for t in per_service.get(s.id, []) if t.hour is not None]
            per_hour = _by(mine, lambda t: t.hour)
            waiting = still_waiting(mine)
            for h in HOURS:
                group = per_hour.get(h, [])
                if not group and not waiting[h]:
                    continue
                times = timings(group, s.target_wait_minutes)
                rows.append({"facility": f.code, "service": s.code, "name": s.name,
                             "hour": f"{h:02d}", "arrivals": len(group),
                             "served": sum(1 for t in group if t.outcome == "served"),
                             "wait_median_min": times["wait_median_min"],
                             "wait_p90_min": times["wait_p90_min"],
                             "sla_pct": times["sla_pct"], "over_target": times["over_target"],
                             "waiting_at_end": round(waiting[h] / ended[h], 1)
                             if ended[h] else None})
    return rows


def heatmap(facilities: Sequence[FacilityScope], tickets: Tickets) -> list[Row]:
    """Per facility and weekday (0 Monday … 6 Sunday): arrivals in each local hour,
    columns `h00` … `h23`, summed over the range."""
    rows: list[Row] = []
    cells: dict[tuple[int, int, int], int] = defaultdict(int)
    for t in entries(facilities, tickets):
        if t.hour is not None and t.weekday is not None:
            cells[(t.facility_id, t.weekday, t.hour)] += 1
    for f in facilities:
        for weekday in range(7):
            rows.append({"facility": f.code, "weekday": weekday,
                         **{f"h{h:02d}": cells[(f.id, weekday, h)] for h in HOURS}})
    return rows


def bookings(facilities: Sequence[FacilityScope], tickets: Tickets,
             open_days: Mapping[int, int]) -> list[Row]:
    """Per facility and service, the bookings (tickets that came by booking): booked,
    the quota over the range (daily quota × the days the service was open for bookings,
    `open_days` by service id), its use in percent, checked in,
    cancelled, not arrived (closed at the day's end without a check-in), and the lead
    time in days from booking to the booked day (median, p90)."""
    rows: list[Row] = []
    per_service = _by([t for t in entries(facilities, tickets) if t.booking],
                      lambda t: t.service_id)
    for f in facilities:
        for s in f.services:
            mine = per_service.get(s.id, [])
            quota = s.booking_quota * open_days.get(s.id, 0)
            leads = [float(t.lead_days) for t in mine if t.lead_days is not None]
            rows.append({"facility": f.code, "service": s.code, "name": s.name,
                         "booked": len(mine), "quota": quota,
                         "quota_use_pct": round(100 * len(mine) / quota, 1) if quota else None,
                         "checked_in": sum(1 for t in mine if t.checked_in),
                         "cancelled": sum(1 for t in mine if t.outcome == "cancelled"),
                         "not_arrived": sum(1 for t in mine
                                            if not t.checked_in and t.closed),
                         "lead_median_days": median(leads),
                         "lead_p90_days": percentile(leads, 90)})
    return rows


TABLES = ("summary", "hourly", "counters", "heatmap", "bookings")
