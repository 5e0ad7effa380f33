"""Report tables: the tickets of facilities grouped per service, counter, hour, weekday
and booking, one flat row each (the same rows answer JSON and CSV)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from .reports import TicketFacts, figures, median, percentile, timings

Row = dict[str, object]
HOURS = range(24)


@dataclass(frozen=True)
class ServiceInfo:
    id: int
    code: str
    name: str
    target_wait_minutes: int
    booking_quota: int


@dataclass(frozen=True)
class CounterInfo:
    id: int
    code: str
    name: str


@dataclass(frozen=True)
class FacilityScope:
    """A facility as the reports see it: its zone, services and counters in order."""

    id: int
    code: str
    name: str
    timezone: str
    services: tuple[ServiceInfo, ...]
    counters: tuple[CounterInfo, ...]


def _by(tickets: Sequence[TicketFacts],
        key: Callable[[TicketFacts], object]) -> dict[object, list[TicketFacts]]:
    groups: dict[object, list[TicketFacts]] = defaultdict(list)
    for t in tickets:
        groups[key(t)].append(t)
    return groups


def summary(facilities: Sequence[FacilityScope], tickets: Sequence[TicketFacts]) -> list[Row]:
    """Per facility and service (every service, in order, also those without tickets):
    `domain.reports.figures` with the service's target."""
    groups = _by(tickets, lambda t: t.service_id)
    return [{"facility": f.code, "service": s.code, "name": s.name,
             "target_wait_minutes": s.target_wait_minutes,
             **figures(groups.get(s.id, []), s.target_wait_minutes)}
            for f in facilities for s in f.services]


def counters(facilities: Sequence[FacilityScope], tickets: Sequence[TicketFacts]) -> list[Row]:
    """Per facility and counter (the counter that last held the ticket): tickets,
    served, no-shows, transferred, waiting and service times."""
    groups = _by(tickets, lambda t: t.counter_id)
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


def _local(moment: datetime, zone: ZoneInfo) -> datetime:
    return moment.astimezone(zone)


def still_waiting(tickets: Sequence[TicketFacts], zone: ZoneInfo) -> dict[int, int]:
    """Per local hour h: over the days, how many people were waiting at h+1:00 (arrived
    before it, not yet called, cancelled or closed), summed."""
    out: dict[int, int] = defaultdict(int)
    for t in tickets:
        if t.arrival is None:
            continue
        arrived = _local(t.arrival, zone)
        for h in range(arrived.hour, 24):
            end = arrived.replace(hour=h, minute=0, second=0, microsecond=0) + timedelta(hours=1)
            if t.left is not None and t.left < end:
                break
            out[h] += 1
    return out


def hourly(facilities: Sequence[FacilityScope], tickets: Sequence[TicketFacts],
           days: int) -> list[Row]:
    """Per facility, service and arrival hour (local, "08" is 08:00–08:59): arrivals,
    served, waiting median/p90, service level, and the people still waiting at the
    hour's end (`waiting_at_end`, the mean over the `days` of the range, one decimal).
    Hours with no arrival and nobody waiting are left out."""
    rows: list[Row] = []
    per_service = _by(tickets, lambda t: t.service_id)
    for f in facilities:
        zone = ZoneInfo(f.timezone)
        for s in f.services:
            mine = [t for t in per_service.get(s.id, []) if t.arrival is not None]
            per_hour: dict[int, list[TicketFacts]] = defaultdict(list)
            for t in mine:
                per_hour[_local(t.arrival, zone).hour].append(t)  # type: ignore[arg-type]
            waiting = still_waiting(mine, zone)
            for h in HOURS:
                group = per_hour.get(h, [])
                if not group and not waiting.get(h):
                    continue
                times = timings(group, s.target_wait_minutes)
                rows.append({"facility": f.code, "service": s.code, "name": s.name,
                             "hour": f"{h:02d}", "arrivals": len(group),
                             "served": sum(1 for t in group if t.outcome == "served"),
                             "wait_median_min": times["wait_median_min"],
                             "wait_p90_min": times["wait_p90_min"],
                             "sla_pct": times["sla_pct"], "over_target": times["over_target"],
                             "waiting_at_end": round(waiting.get(h, 0) / max(days, 1), 1)})
    return rows


def heatmap(facilities: Sequence[FacilityScope], tickets: Sequence[TicketFacts]) -> list[Row]:
    """Per facility and weekday (0 Monday … 6 Sunday): arrivals in each local hour,
    columns `h00` … `h23`, summed over the range."""
    rows: list[Row] = []
    per_facility = _by(tickets, lambda t: t.facility_id)
    for f in facilities:
        zone = ZoneInfo(f.timezone)
        cells: dict[tuple[int, int], int] = defaultdict(int)
        for t in per_facility.get(f.id, []):
            if t.arrival is not None:
                local = _local(t.arrival, zone)
                cells[(local.weekday(), local.hour)] += 1
        for weekday in range(7):
            rows.append({"facility": f.code, "weekday": weekday,
                         **{f"h{h:02d}": cells[(weekday, h)] for h in HOURS}})
    return rows


def bookings(facilities: Sequence[FacilityScope], tickets: Sequence[TicketFacts],
             days: int) -> list[Row]:
    """Per facility and service, the bookings (tickets that came by booking): booked,
    the quota over the range (daily quota × `days`), its use in percent, checked in,
    cancelled, not arrived (closed at the day's end without a check-in), and the lead
    time in days from booking to the booked day (median, p90)."""
    rows: list[Row] = []
    per_service = _by([t for t in tickets if t.source == "booking"], lambda t: t.service_id)
    for f in facilities:
        zone = ZoneInfo(f.timezone)
        for s in f.services:
            mine = per_service.get(s.id, [])
            quota = s.booking_quota * days
            leads = [float((t.day - _local(t.issued, zone).date()).days) for t in mine]
            rows.append({"facility": f.code, "service": s.code, "name": s.name,
                         "booked": len(mine), "quota": quota,
                         "quota_use_pct": round(100 * len(mine) / quota, 1) if quota else None,
                         "checked_in": sum(1 for t in mine if t.checked_in is not None),
                         "cancelled": sum(1 for t in mine if t.outcome == "cancelled"),
                         "not_arrived": sum(1 for t in mine
                                            if t.checked_in is None and t.closed),
                         "lead_median_days": median(leads),
                         "lead_p90_days": percentile(leads, 90)})
    return rows


TABLES = ("summary", "hourly", "counters", "heatmap", "bookings")
