"""The calendar as the use cases ask it: is a service open on a date and why not, can a
booking for today still be served, when does a closed service open next.

The rules are domain.opening's; here they get their inputs: the holidays (the `holidays`
package, services.holiday_source), the city-wide closures (cached like the catalogue),
and the facility's and service's configuration (ORM rows or catalogue refs alike: both
carry `closed_dates`, `joint_leave_closes`, `open_on_holidays`, `booking_cutoff`).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timedelta

from ..domain import estimates, opening
from ..domain.calendar import Calendar, Closed
from ..domain.errors import DomainError
from ..domain.hours import is_open_on
from ..domain.numbering import service_day
from . import catalogue, views
from .holiday_source import DEFAULT
from .port_rows import FacilityRow, ServiceRow
from .ports import JsonObject, UnitOfWork


def calendar(uow: UnitOfWork) -> Calendar:
    """National holidays and cuti bersama, and the city-wide closures (read at most once
    per catalogue.TTL seconds in a process; at once after a load-config in it)."""
    if "calendar" not in uow.memo:
        city = catalogue.cached(uow, ("city-closures",), uow.calendar.all)
        uow.memo["calendar"] = Calendar(DEFAULT, city)
    kept = uow.memo["calendar"]
    assert isinstance(kept, Calendar)
    return kept


def _dates(closed: Mapping[str, str] | None) -> dict[date, str]:
    return {date.fromisoformat(day): reason for day, reason in (closed or {}).items()}


def schedule(facility: FacilityRow, service: ServiceRow) -> opening.Schedule:
    """The service's hours and closures as the domain rules read them."""
    return opening.Schedule(
        name=service.name, timezone=facility.timezone, hours=service.hours,
        facility_closed=_dates(facility.closed_dates),
        service_closed=_dates(service.closed_dates),
        joint_leave_closes=bool(facility.joint_leave_closes),
        open_on_holidays=bool(service.open_on_holidays),
        booking_cutoff=service.booking_cutoff)


def closure_on(uow: UnitOfWork, facility: FacilityRow, service: ServiceRow,
               day: date) -> Closed | None:
    """Why the service is closed on `day` (holiday, cuti bersama, local closure, a
    `closed` date in its hours), or None."""
    return opening.closure(calendar(uow), schedule(facility, service), day)


def require_open_on(uow: UnitOfWork, facility: FacilityRow, service: ServiceRow, day: date) -> None:
    """Raises ClosedOnDate (409 `closed_on_date`, the reason as message) or ServiceClosed
    (409 `service_closed`: no hours that weekday) unless the service opens on `day`."""
    opening.require_open_on(calendar(uow), schedule(facility, service), day)


def open_now(uow: UnitOfWork, facility: FacilityRow, service: ServiceRow, now: datetime) -> bool:
    """Open at `now`: within its hours, on a date the calendar leaves open (known at once
    when this transaction has already required it: `require_open_now`)."""
    if uow.memo.get(("open_now", service.id, now)):
        return True
    return opening.is_open_now(calendar(uow), schedule(facility, service), now)


def require_open_now(uow: UnitOfWork, facility: FacilityRow, service: ServiceRow,
                     now: datetime) -> None:
    """Raises ClosedOnDate or ServiceClosed (409 each, `opening.require_open_now`) unless
    the service takes walk-ins at `now`; remembers for this transaction that it does (the
    boards' figures ask `open_now` again)."""
    opening.require_open_now(calendar(uow), schedule(facility, service), now)
    uow.memo[("open_now", service.id, now)] = True


def next_opening(uow: UnitOfWork, facility: FacilityRow, service: ServiceRow,
                 now: datetime) -> datetime | None:
    """When a service closed at `now` opens next, closed dates skipped; None while open."""
    return opening.next_opening(calendar(uow), schedule(facility, service), now)


def current_wait(uow: UnitOfWork, facility: FacilityRow, service: ServiceRow,
                 now: datetime) -> timedelta | None:
    """The service's estimated wait now (people waiting × pace ÷ open counters); None
    when no counter is open, so no estimate can be made."""
    minutes, counters = views.pace(uow, service, now)
    if counters <= 0:
        return None
    people = uow.tickets.waiting_count(service.id, views.queue_days(now, facility.timezone))
    return estimates.estimated_wait(people, minutes, counters)


def require_bookable(uow: UnitOfWork, facility: FacilityRow, service: ServiceRow, day: date,
                     now: datetime) -> None:
    """A booking for `day` made at `now` can be served: raises ClosedOnDate,
    ServiceClosed, or BookingClosedToday (409 `booking_closed_today`) for today once the
    service has closed or passed its cutoff."""
    sched = schedule(facility, service)
    opening.require_open_on(calendar(uow), sched, day)
    if day == service_day(now, facility.timezone):
        refusal = opening.same_day_refusal(sched, now,
                                           current_wait(uow, facility, service, now))
        if refusal is not None:
            raise refusal


def date_fields(uow: UnitOfWork, facility: FacilityRow, service: ServiceRow, day: date,
                now: datetime, wait_minutes: float | None) -> JsonObject:
    """What the services list says about `day`: `open_on_date`, `closed_reason` (null when
    open, or when only the weekly hours leave that weekday out), `bookable_today` (can a
    booking for `day` be made now: for today, before closing and the cutoff) and
    `bookable_reason`; each reason also in English (`…_en`). `wait_minutes`: the
    service's current estimated wait, as the list computed it (None: no estimate)."""
    sched = schedule(facility, service)
    closed = opening.closure(calendar(uow), sched, day)
    open_on_date = closed is None and is_open_on(sched.hours, day)
    refusal: Closed | DomainError | None = None
    if not open_on_date:
        refusal = opening.ServiceClosed(sched.name, day) if closed is None else closed
    elif day == service_day(now, facility.timezone):
        wait = None if wait_minutes is None else timedelta(minutes=wait_minutes)
        refusal = opening.same_day_refusal(sched, now, wait)
    return {
        "open_on_date": open_on_date,
        "closed_reason": closed.reason if closed else None,
        "closed_reason_en": closed.reason_en if closed else None,
        "bookable_today": refusal is None,
        "bookable_reason": _said(refusal, "id"),
        "bookable_reason_en": _said(refusal, "en"),
    }


def _said(refusal: Closed | DomainError | None, lang: str) -> str | None:
    """The words of a refusal (a Closed or a DomainError) in `lang`, or None."""
    if refusal is None:
        return None
    if isinstance(refusal, Closed):
        return refusal.reason if lang == "id" else refusal.reason_en
    return refusal.message if lang == "id" else refusal.message_en
