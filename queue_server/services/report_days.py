"""The reports' daily roll-up: a closed service day's reportable tickets kept as entries
(domain.reports.Entry), so a year's report reads ~365 rows a service instead of turning
every ticket's history into moments. Each round of the end-of-day closer rolls up the
closed days that have none, in a transaction after the closes' own: the days it just
closed, and those closed before the roll-up existed (migration 0011). A report reads
the roll-ups of its range and computes the other days (today, a day not closed or not
yet rolled up) live, the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from zoneinfo import ZoneInfo

from ..domain.reports import Entry, reportable, to_entry
from .ports import UnitOfWork

# Service days rolled up per round at most (a year at six services is 2,190).
ROLL_UP_LIMIT = 500


def roll_up_day(uow: UnitOfWork, service_id: int, day: date, timezone: str) -> int:
    """Write the roll-up of one closed service day inside the caller's transaction;
    returns how many tickets it holds."""
    zone = ZoneInfo(timezone)
    entries = [to_entry(t, zone)
               for t in reportable(uow.reports.ticket_facts([service_id], day, day))]
    uow.reports.store_day(service_id, day, entries)
    return len(entries)


def roll_up_closed_days(new_uow: Callable[[], UnitOfWork],
                        limit: int = ROLL_UP_LIMIT) -> tuple[int, bool]:
    """Roll up closed service days that have no roll-up yet (at most `limit`, oldest
    first, in one transaction); returns (how many, whether more are left)."""
    with new_uow() as uow:
        due = uow.reports.not_rolled_up(limit + 1)
        for service_id, day, timezone in due[:limit]:
            roll_up_day(uow, service_id, day, timezone)
        uow.commit()
    return min(len(due), limit), len(due) > limit


def report_entries(uow: UnitOfWork, zones: dict[int, ZoneInfo], service_ids: Sequence[int],
                   start: date, end: date, now: datetime | None = None) -> list[Entry]:
    """The reportable tickets of these services in [start, end] as entries: the rolled-up
    days as stored, the others computed live (`zones`: facility id to its zone; `now`:
    a ticket still waiting waits until then, domain.reports.to_entry).

    The live read goes first: a day rolled up between the two reads is then in both, and
    its stored copy is skipped, so no day is counted twice or left out."""
    live = uow.reports.ticket_facts(service_ids, start, end, unrolled_only=True)
    seen = {(t.service_id, t.day) for t in live}
    stored = uow.reports.rolled_up(service_ids, start, end, skip=seen)
    return stored + [to_entry(t, zones[t.facility_id], now) for t in reportable(live)]
