"""Read models: the JSON-ready shapes of tickets, services and the board.

Nothing here holds personal data unless the caller asks for the staff view.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from ..domain import estimates
from ..domain.hours import is_open, is_open_on
from ..domain.numbering import service_day
from ..domain.privacy import mask_digits
from .ports import UnitOfWork
from .voice import announce_fields, call_clips

RECENT = timedelta(hours=12)


def iso(moment: datetime | None, tz: str) -> str | None:
    return moment.astimezone(ZoneInfo(tz)).isoformat(timespec="seconds") if moment else None


def queue_days(now: datetime, tz: str) -> tuple[date, date]:
    """Today and yesterday: a 24-hour puskesmas still calls the patients of before midnight."""
    today = service_day(now, tz)
    return today, today - timedelta(days=1)


def minutes_per_patient(uow: UnitOfWork, service: Any, now: datetime) -> float:
    return pace(uow, service, now)[0]


# How long a process reuses a service's pace. Changes made in this process (a finished
# patient, a paused counter) forget it at once; another process's show within this time.
PACE_TTL = 10.0


def pace(uow: UnitOfWork, service: Any, now: datetime) -> tuple[float, int]:
    """(minutes per patient, open counters) of a service: estimates need both, every ticket
    and event asks, and they change slowly, so they are worked out once and reused."""
    key = ("pace", service.id)
    if key not in uow.memo:
        cached = uow.shared.get(key)
        if cached is not None and cached[1] > time.monotonic():
            uow.memo[key] = cached[0]
        else:
            observed = uow.tickets.recent_service_minutes(service.id, now - RECENT)
            value = (estimates.minutes_per_patient(observed, service.avg_minutes),
                     uow.directory.open_counters(service.id))
            uow.memo[key] = value
            uow.shared[key] = (value, time.monotonic() + PACE_TTL)
    return uow.memo[key]


def forget_pace(uow: UnitOfWork, service_id: int) -> None:
    uow.memo.pop(("pace", service_id), None)
    uow.shared.pop(("pace", service_id), None)


def ticket_view(uow: UnitOfWork, ticket: Any, now: datetime, staff: bool = False,
                people_ahead: int | None = None) -> dict[str, Any]:
    """A ticket as the API returns it; `staff=True` adds the patient's (masked) identity.

    `people_ahead` may be given when the caller already knows it.
    """
    facility = ticket.service.facility
    tz = facility.timezone
    if people_ahead is None:
        people_ahead = uow.tickets.people_ahead(ticket, queue_days(now, tz))
    eta = None
    if ticket.status == "waiting":
        minutes, counters = pace(uow, ticket.service, now)
        eta = iso(estimates.estimated_call_at(now, people_ahead, minutes, counters), tz)
    view: dict[str, Any] = {
        "id": ticket.id,
        "number": ticket.number,
        "code": ticket.visit.code,
        "facility": {"code": facility.code, "name": facility.name},
        "service": {"code": ticket.service.code, "name": ticket.service.name},
        "status": ticket.status,
        "priority": ticket.priority,
        "date": ticket.day.isoformat(),
        "counter": _counter_ref(ticket.counter),
        "people_ahead": people_ahead,
        "estimated_call_at": eta,
        "issued_at": iso(ticket.issued_at, tz),
        "called_at": iso(ticket.called_at, tz),
        "version": ticket.version,
        "ticket_url": f"/t/{ticket.visit.code}",
    }
    if staff:
        visit = ticket.visit
        waited = (now - ticket.waiting_since).total_seconds() if ticket.waiting_since else None
        view["patient"] = {
            "name": visit.name,
            "nik": mask_digits(visit.nik),
            "bpjs_number": mask_digits(visit.bpjs_number, 2, 3),
        }
        view["recalls"] = ticket.recalls
        view["waited_seconds"] = int(waited) if waited is not None else None
    return view


def announce_call(number: str, counter: Any) -> dict[str, list[str]] | None:
    """The clips of a call in each board language, as `ticket.called` carries them."""
    return call_clips(number, counter)


def _counter_ref(counter: Any) -> dict[str, str] | None:
    return {"code": counter.code, "name": counter.name} if counter else None


def counter_view(counter: Any) -> dict[str, Any]:
    return {
        "code": counter.code,
        "name": counter.name,
        "paused": counter.paused,
        "services": [link.service.code for link in counter.links],
    }


def services_view(
    uow: UnitOfWork, facility: Any, now: datetime, on: date | None = None
) -> list[dict[str, Any]]:
    """What a patient choosing a service needs: hours, quota left, queue and wait."""
    today = queue_days(now, facility.timezone)[0]
    on = on or today
    result = []
    for service, summary in _summaries(uow, facility, now):
        booked = uow.tickets.active_bookings(service.id, on)
        walk_ins = uow.tickets.count_issued(service.id, today, "walk_in")
        limit = service.walkin_limit
        result.append({
            **summary,
            "hours": service.hours,
            "open_on_date": is_open_on(service.hours, on.weekday()),
            "date": on.isoformat(),
            "booking_quota": service.booking_quota,
            "quota_left": max(service.booking_quota - booked, 0),
            "walkin_limit": limit,
            "walkin_left": None if limit is None else max(limit - walk_ins, 0),
        })
    return result


def _summaries(uow: UnitOfWork, facility: Any, now: datetime,
               services: Sequence[Any] | None = None,
               known: dict[int, int] | None = None) -> list[tuple[Any, dict[str, Any]]]:
    days = queue_days(now, facility.timezone)
    if services is None:
        services = uow.directory.services(facility.id)
        waiting = uow.tickets.waiting_counts(facility.id, days)
    else:  # the services that just moved: usually one, counted directly unless known
        known = known or {}
        waiting = {s.id: known[s.id] if s.id in known else uow.tickets.waiting_count(s.id, days)
                   for s in services}
    result = []
    for service in services:
        people = waiting.get(service.id, 0)
        minutes, counters = pace(uow, service, now)
        wait = estimates.estimated_wait(people, minutes, counters)
        result.append((service, {
            "code": service.code, "name": service.name, "prefix": service.prefix,
            "open_now": is_open(service.hours, now, facility.timezone),
            "waiting": people, "open_counters": counters,
            "minutes_per_patient": round(minutes, 1),
            "estimated_wait_minutes": round(wait.total_seconds() / 60),
        }))
    return result


def service_summaries(uow: UnitOfWork, facility: Any, now: datetime,
                      services: Sequence[Any] | None = None,
                      waiting: dict[int, int] | None = None) -> list[dict[str, Any]]:
    """Waiting count and estimated wait per service: what boards and kiosks show.

    `waiting`: counts the caller already has (by service id)."""
    return [summary for _, summary in _summaries(uow, facility, now, services, waiting)]


def board_view(uow: UnitOfWork, facility: Any, now: datetime) -> dict[str, Any]:
    """What a waiting-room display shows: no personal data, ever."""
    tz = facility.timezone
    serving = uow.tickets.now_serving(facility.id)
    all_counters = uow.directory.counters(facility.id)
    counters = []
    for counter in all_counters:
        ticket = serving.get(counter.id)
        counters.append(
            {
                "code": counter.code,
                "name": counter.name,
                "paused": counter.paused,
                "services": [link.service.code for link in counter.links],
                "ticket": None
                if ticket is None
                else {"number": ticket.number, "service": ticket.service.code,
                      "status": ticket.status},
            }
        )
    names = {c.id: c for c in all_counters}
    last_calls = []
    for event, ticket in uow.tickets.recent_calls(facility.id, now - RECENT):
        counter = names.get(event.counter_id) if event.counter_id else None
        last_calls.append(
            {
                "number": ticket.number,
                "service": ticket.service.code,
                "service_name": ticket.service.name,
                "counter": _counter_ref(counter),
                "at": iso(event.at, tz),
                "recall": event.kind == "recalled",
                "seq": event.seq,
                **announce_fields(ticket.number, counter),
            }
        )
    return {
        "facility": {"code": facility.code, "name": facility.name,
                     "running_text": facility.running_text},
        "generated_at": iso(now, tz),
        "seq": facility.event_seq,
        "epoch": facility.epoch,
        "counters": counters,
        "last_calls": last_calls,
        "services": service_summaries(uow, facility, now),
    }
