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
from datetime import date, datetime

from .errors import InvalidInput

# The channels a ticket can come in by: the visit's channel (kiosk, staff at a desk,
# mobile phone booking, bpjs for the BPJS hosted services), or `transfer` for a ticket
# opened by a transfer from another service. Anything else counts as `other`.
CHANNELS = ("kiosk", "staff", "mobile", "bpjs", "transfer", "other")
MAX_DAYS = 366


class ReportRangeTooLong(InvalidInput):
    """A report asked for over more than a year of days."""

    code = "report_range_too_long"
    text_id = "Rentang laporan paling lama {days} hari; persempit 'from' dan 'to'."
    text_en = "A report covers at most {days} days; narrow 'from' and 'to'."

    def __init__(self) -> None:
        super().__init__(days=MAX_DAYS)


class ReportDatesReversed(InvalidInput):
    code = "invalid_range"
    text_id = "Tanggal 'from' harus sama dengan atau sebelum 'to'."
    text_en = "'from' must be on or before 'to'."


def check_days(start: date, end: date) -> None:
    """Raise ReportDatesReversed when `start` is after `end`, ReportRangeTooLong when the
    range holds more than MAX_DAYS days (both inclusive)."""
    if start > end:
        raise ReportDatesReversed()
    if (end - start).days + 1 > MAX_DAYS:
        raise ReportRangeTooLong()


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


def _present(values: Iterable[float | None]) -> list[float]:
    return [v for v in values if v is not None]


def counts(tickets: Sequence[TicketFacts]) -> dict[str, int]:
    """Tickets by channel (`channel_<name>`), and by outcome: served, no_show,
    cancelled, closed_end_of_day, transferred (of those served)."""
    out = {"tickets": len(tickets)}
    out.update({f"channel_{c}": 0 for c in CHANNELS})
    for t in tickets:
        out[f"channel_{t.channel_key}"] += 1
    outcomes = [t.outcome for t in tickets]
    out.update(served=outcomes.count("served"), no_show=outcomes.count("no_show"),
               cancelled=outcomes.count("cancelled"),
               closed_end_of_day=outcomes.count("closed"),
               transferred=sum(1 for t in tickets if t.transferred))
    return out


def timings(tickets: Sequence[TicketFacts], target_minutes: int | None) -> dict[str, object]:
    """Waiting and service times (median, p90 in minutes) and the service level: of the
    tickets called (with a measured wait), the share called within `target_minutes`
    (`sla_pct`, one decimal; None with no call or no target) and how many waited longer
    (`over_target`)."""
    waits = _present(t.wait_minutes for t in tickets)
    services = _present(t.service_minutes for t in tickets if t.outcome == "served")
    within = over = 0
    if target_minutes is not None:
        within = sum(1 for w in waits if w <= target_minutes)
        over = len(waits) - within
    sla = round(100 * within / len(waits), 1) if waits and target_minutes is not None else None
    return {"wait_median_min": median(waits), "wait_p90_min": percentile(waits, 90),
            "service_median_min": median(services),
            "service_p90_min": percentile(services, 90),
            "sla_pct": sla, "over_target": over}


def figures(tickets: Sequence[TicketFacts], target_minutes: int | None) -> dict[str, object]:
    """`counts` and `timings` of one group of tickets, in one flat row."""
    return {**counts(tickets), **timings(tickets, target_minutes)}


def reportable(tickets: Iterable[TicketFacts]) -> list[TicketFacts]:
    """The tickets a report counts: not phone holds that lapsed (never a booking)."""
    return [t for t in tickets if not t.lapsed and t.status != "held"]
