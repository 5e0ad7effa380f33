"""Report statistics over the ticket history: one ticket's moments (which event marks
each), and the figures of a group of tickets (counts, medians, p90, service level).

Every percentile here is the nearest-rank percentile: the value at rank ceil(p/100 × n)
of the n values in order (the median is p50 by that rule, so always an observed value;
for 1, 2, 3, 4 it is 2). Durations are in minutes, rounded to one decimal.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import NamedTuple

# The channels a ticket can come in by: the visit's channel (kiosk, staff at a desk,
# mobile phone booking, bpjs for the BPJS hosted services), or `transfer` for a ticket
# opened by a transfer from another service. Anything else counts as `other`.
CHANNELS = ("kiosk", "staff", "mobile", "bpjs", "transfer", "other")
@dataclass(slots=True)
class TicketFacts:
    """One ticket's moments (aware datetimes; None: it did not happen), from its events:

    - `issued`: the `issued` event (the ticket's `issued_at`: a walk-in's arrival, a
      booking's making);
    - `checked_in`: the first `checked_in` event (a booking's arrival);
    - `first_call` / `last_call`: the first `called` and the last `called` or `recalled`;
    - `started`: the first `started`; `finished`: the first `finished` or `transferred`;
    - `left`: when it stopped waiting, the first `called`, `cancelled`,
      `closed_end_of_day` or `voided` (a requeue is not counted back in).
    Flags: `transferred` (a `transferred` event), `closed` (`closed_end_of_day`),
    `lapsed` (a phone hold that expired or was released: never a booking).
    `estimate_s`: the estimated wait (seconds) the ticket's reply gave at issue, kept on
    its `issued` row (regular walk-ins; None for others and for older tickets).
    """

    ticket_id: int
    facility_id: int
    service_id: int
    counter_id: int | None
    day: date
    source: str
    channel: str
    status: str
    issued: datetime
    checked_in: datetime | None = None
    first_call: datetime | None = None
    last_call: datetime | None = None
    started: datetime | None = None
    finished: datetime | None = None
    left: datetime | None = None
    transferred: bool = False
    closed: bool = False
    lapsed: bool = False
    estimate_s: int | None = None

    @property
    def arrival(self) -> datetime | None:
        """When the patient joined the queue: a booking's check-in, else its issue."""
        return self.checked_in if self.source == "booking" else self.issued

    @property
    def wait_minutes(self) -> float | None:
        """Arrival to the last call (a recalled patient waited until the call they
        answered); None when either is missing."""
        return _minutes(self.arrival, self.last_call)

    @property
    def service_minutes(self) -> float | None:
        """Start (or, never started, the last call) to finish or transfer."""
        return _minutes(self.started or self.last_call, self.finished)

    @property
    def outcome(self) -> str:
        """served (finished or transferred), no_show (skipped), closed (open at the
        day's end), cancelled, or open (still in the queue or booked)."""
        if self.status == "done":
            return "served"
        if self.status == "no_show":
            return "closed" if self.closed else "no_show"
        return "cancelled" if self.status == "cancelled" else "open"

    @property
    def channel_key(self) -> str:
        key = "transfer" if self.source == "transfer" else self.channel
        return key if key in CHANNELS else "other"


def _minutes(start: datetime | None, end: datetime | None) -> float | None:
    if start is None or end is None or end < start:
        return None
    return (end - start).total_seconds() / 60


def percentile(values: Sequence[float], pct: float) -> float | None:
    """The nearest-rank `pct` percentile (0 < pct <= 100) of `values`, rounded to one
    decimal; None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return round(ordered[rank - 1], 1)


def median(values: Sequence[float]) -> float | None:
    """The nearest-rank median (p50): see `percentile`."""
    return percentile(values, 50)


class Entry(NamedTuple):
    """One ticket as the report tables read it, in plain numbers (no moments): what a
    daily roll-up stores (persistence/repositories/report_days.py) and what `to_entry`
    makes of a `TicketFacts` for the days not rolled up. `hour`, `weekday`: the local
    arrival's (None: no arrival); `waiting_until`: the ticket was still waiting at the
    end of the local hours [hour, waiting_until); `wait_us`, `service_us`: wait and
    (served tickets only) service time in whole microseconds, so the minutes derived are
    exactly those of the moments; `lead_days`: a booking's days from its making to its day;
    `estimate_error_us`: how far the first call was from the call time estimated at issue
    (absolute, microseconds; None without an estimate or a call).
    """

    facility_id: int
    service_id: int
    counter_id: int | None
    channel: str
    outcome: str
    transferred: bool
    closed: bool
    booking: bool
    checked_in: bool
    hour: int | None
    weekday: int | None
    waiting_until: int
    wait_us: int | None
    service_us: int | None
    lead_days: int | None
    estimate_error_us: int | None = None

    @property
    def wait_minutes(self) -> float | None:
        return None if self.wait_us is None else self.wait_us / 1_000_000 / 60

    @property
    def service_minutes(self) -> float | None:
        return None if self.service_us is None else self.service_us / 1_000_000 / 60


def _micros(start: datetime | None, end: datetime | None) -> int | None:
    if start is None or end is None or end < start:
        return None
    return (end - start) // timedelta(microseconds=1)


def _waiting_until(local: datetime, left: datetime | None) -> int:
    """The first local hour at whose end the ticket no longer waited (24: to the end)."""
    if left is None:
        return 24
    for h in range(local.hour, 24):
        end = local.replace(hour=h, minute=0, second=0, microsecond=0) + timedelta(hours=1)
        if left < end:
            return h
    return 24


def to_entry(t: TicketFacts, zone: tzinfo, now: datetime | None = None) -> Entry:
    """The ticket's `Entry`, its local hours in `zone` (the facility's). `now`: a ticket
    still waiting counts as waiting until then, not to the day's end (an hour that has
    not ended has nobody "still waiting at its end" yet)."""
    local = t.arrival.astimezone(zone) if t.arrival is not None else None
    outcome = t.outcome
    booking = t.source == "booking"
    return Entry(
        t.facility_id, t.service_id, t.counter_id, t.channel_key, outcome, t.transferred,
        t.closed, booking, t.checked_in is not None,
        None if local is None else local.hour, None if local is None else local.weekday(),
        0 if local is None else _waiting_until(local, t.left or now),
        _micros(t.arrival, t.last_call),
        _micros(t.started or t.last_call, t.finished) if outcome == "served" else None,
        (t.day - t.issued.astimezone(zone).date()).days if booking else None,
        _estimate_error(t))


def _estimate_error(t: TicketFacts) -> int | None:
    """|first call − (issue + estimated wait)| in whole microseconds, or None."""
    if t.estimate_s is None or t.first_call is None:
        return None
    promised = t.issued + timedelta(seconds=t.estimate_s)
    return abs(t.first_call - promised) // timedelta(microseconds=1)


def as_entries(tickets: Iterable[TicketFacts | Entry], zone: tzinfo = UTC) -> list[Entry]:
    """Entries as they are, `TicketFacts` made entries (local hours in `zone`)."""
    return [t if isinstance(t, Entry) else to_entry(t, zone) for t in tickets]


def counts(tickets: Sequence[Entry]) -> dict[str, int]:
    """Tickets by channel (`channel_<name>`), and by outcome: served, no_show,
    cancelled, closed_end_of_day, transferred (of those served)."""
    out = {"tickets": len(tickets)}
    out.update({f"channel_{c}": 0 for c in CHANNELS})
    for t in tickets:
        out[f"channel_{t.channel}"] += 1
    outcomes = [t.outcome for t in tickets]
    out.update(served=outcomes.count("served"), no_show=outcomes.count("no_show"),
               cancelled=outcomes.count("cancelled"),
               closed_end_of_day=outcomes.count("closed"),
               transferred=sum(1 for t in tickets if t.transferred))
    return out


def timings(tickets: Sequence[Entry], target_minutes: int | None) -> dict[str, object]:
    """Waiting and service times (median, p90 in minutes) and the service level: of the
    tickets called (with a measured wait), the share called within `target_minutes`
    (`sla_pct`, one decimal; None with no call or no target) and how many waited longer
    (`over_target`). Service times are those of the served tickets."""
    waits = [t.wait_us / 1_000_000 / 60 for t in tickets if t.wait_us is not None]
    services = [t.service_us / 1_000_000 / 60 for t in tickets if t.service_us is not None]
    within = over = 0
    if target_minutes is not None:
        within = sum(1 for w in waits if w <= target_minutes)
        over = len(waits) - within
    sla = round(100 * within / len(waits), 1) if waits and target_minutes is not None else None
    return {"wait_median_min": median(waits), "wait_p90_min": percentile(waits, 90),
            "service_median_min": median(services),
            "service_p90_min": percentile(services, 90),
            "sla_pct": sla, "over_target": over}


def estimate_accuracy(tickets: Sequence[Entry]) -> dict[str, object]:
    """How good the estimates given at issue were: the median absolute error between the
    estimated and the real first call (`estimate_error_median_min`, minutes, nearest
    rank, one decimal; None without any) over the `estimate_count` tickets that had an
    estimate and were called."""
    errors = [t.estimate_error_us / 60_000_000 for t in tickets
              if t.estimate_error_us is not None]
    return {"estimate_error_median_min": median(errors), "estimate_count": len(errors)}


def figures(tickets: Sequence[TicketFacts | Entry],
            target_minutes: int | None) -> dict[str, object]:
    """`counts` and `timings` of one group of tickets, in one flat row."""
    entries = as_entries(tickets)
    return {**counts(entries), **timings(entries, target_minutes)}


def reportable(tickets: Iterable[TicketFacts]) -> list[TicketFacts]:
    """The tickets a report counts: not phone holds that lapsed (never a booking)."""
    return [t for t in tickets if not t.lapsed and t.status != "held"]
