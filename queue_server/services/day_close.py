"""The end-of-day close: when a service's day ends (domain/dayend.py), every ticket of
that day still open becomes a no-show with a `closed_end_of_day` history row, its
counter is free again, and boards, consoles and patients' phones hear of it.

Each (service, day) closes in its own transaction, which first inserts the day's
`day_closes` row: whichever process inserts it does the close, any other finds the row
and leaves the day alone. The server's background loop (queue_server/closing.py) and
`python -m queue_server close-day` both run `close_ended_days`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from ..domain.dayend import DayNotOver, day_is_over, require_day_over
from ..domain.lookups import FacilityNotFound
from ..domain.numbering import service_day
from ..domain.tickets import Action
from .events import queue_changed, ticket_changed
from .port_records import ServiceDayRow
from .ports import Clock, UnitOfWork
from .queue import apply_action
from .report_days import roll_up_closed_days
from .views import forget_pace

ACTOR = "system:end_of_day"
# Service days closed per round at most; a longer backlog (a first start on an old
# database) goes on in the next rounds.
ROUND_LIMIT = 200


@dataclass(frozen=True)
class ClosedDay:
    """One service day closed now, and how many of its tickets were still open."""

    facility: str
    service: str
    day: date
    tickets: int


@dataclass
class CloseReport:
    """What a round did: the days it closed, those asked for that have not ended (the
    reason, in Indonesian and English), and whether days are left for another round."""

    closed: list[ClosedDay] = field(default_factory=list)
    not_over: list[DayNotOver] = field(default_factory=list)
    more: bool = False


def close_service_day(uow: UnitOfWork, clock: Clock, service_id: int, day: date,
                      grace: timedelta) -> ClosedDay | None:
    """Close `day` of one service: its booked, waiting, called and serving tickets become
    no-shows (history `closed_end_of_day`, actor `system:end_of_day`), then
    `ticket.updated` for each and one `queue.changed` (with `closed_day`) go out after
    the commit (the day's roll-up for the reports follows in `close_ended_days`).
    Returns None when another process had already closed the day.

    Raises DayNotOver when the day has not ended at the clock's time."""
    with uow:
        now = clock.now()
        service = uow.day_closes.service(service_id)
        facility = service.facility
        require_day_over(service.name, service.hours, day, now, facility.timezone, grace)
        if not uow.day_closes.claim(service_id, day, now):
            return None
        tickets = list(uow.day_closes.open_tickets(service_id, day))
        for ticket in tickets:
            apply_action(uow, ticket, Action.CLOSE_DAY, ACTOR, now, ticket.counter_id,
                         **{"number": ticket.number, "from": ticket.status})
            ticket.finished_at = now
        uow.flush()
        for ticket in tickets:  # the patient's phone, the boards, the counter's console
            ticket_changed(uow, ticket, now)
        if tickets or day >= service_day(now, facility.timezone) - timedelta(days=1):
            # Boards drop the day's numbers, its last calls too (an old backlog is
            # closed quietly: no board holds it).
            forget_pace(uow, service_id)
            queue_changed(uow, facility, now, [service],
                          closed_day={"service": service.code, "date": day.isoformat()})
        uow.day_closes.record(service_id, day, len(tickets))
        uow.commit()
        return ClosedDay(facility.code, service.code, day, len(tickets))


def _due(new_uow: Callable[[], UnitOfWork], now: datetime, grace: timedelta,
         facility: str | None,
         day: date | None) -> tuple[list[ServiceDayRow], list[ServiceDayRow]]:
    """(ended, not ended) unclosed service days, oldest first."""
    with new_uow() as uow:
        if facility is not None and uow.directory.facility(facility) is None:
            raise FacilityNotFound(facility)
        # No facility's local date is ahead of UTC's by more than a day.
        until = now.astimezone(UTC).date() + timedelta(days=1)
        pending = uow.day_closes.unclosed(until if day is None else min(day, until),
                                          facility, day)
    ended: list[ServiceDayRow] = []
    waiting: list[ServiceDayRow] = []
    for entry in pending:
        over = day_is_over(entry.hours, entry.day, now, entry.timezone, grace)
        (ended if over else waiting).append(entry)
    return ended, waiting


def close_ended_days(new_uow: Callable[[], UnitOfWork], clock: Clock, grace: timedelta,
                     facility: str | None = None, day: date | None = None,
                     limit: int = ROUND_LIMIT) -> CloseReport:
    """Close every service day that has ended and is not closed yet (at most `limit`),
    of one facility (a code) and one day when given. With `day`, the service days of
    that date that have not ended are reported in `not_over`. Then closed days without
    a roll-up for the reports (services/report_days.py: those just closed, those closed
    before migration 0011) are rolled up, a batch a round (`more` while some are left):
    after the close's commit, so the roll-up reads the day's history as written.

    `new_uow()` makes a fresh unit of work: each day closes in its own transaction.
    Raises FacilityNotFound (404) for an unknown facility."""
    now = clock.now()
    ended, waiting = _due(new_uow, now, grace, facility, day)
    report = CloseReport(more=len(ended) > limit)
    for entry in ended[:limit]:
        try:
            closed = close_service_day(new_uow(), clock, entry.service_id, entry.day, grace)
        except DayNotOver as exc:  # the clock went back between the two looks
            report.not_over.append(exc)
            continue
        if closed is not None:
            report.closed.append(closed)
    report.more = roll_up_closed_days(new_uow)[1] or report.more
    if day is not None:
        for entry in waiting:
            try:
                require_day_over(f"{entry.facility}/{entry.service}", entry.hours, entry.day,
                                 now, entry.timezone, grace)
            except DayNotOver as exc:
                report.not_over.append(exc)
    return report
