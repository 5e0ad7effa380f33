"""Read models: the JSON-ready shapes of tickets, services and the board.

Nothing here holds personal data unless the caller asks for the staff view.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import TypedDict
from zoneinfo import ZoneInfo

from ..domain import estimates
from ..domain.booking_limits import quota_left
from ..domain.numbering import service_day
from ..domain.privacy import mask_digits
from ..domain.tickets import TicketStatus
from ..domain.zones import tz_label
from . import closures
from .days import days_by_service, service_days
from .pace import PACE_TTL as PACE_TTL  # the pace's names, for callers of views
from .pace import forget_pace as forget_pace
from .pace import note_finished as note_finished
from .pace import pace
from .port_rows import CounterRow, FacilityFull, FacilityRow, ServiceRow, TicketFacts
from .ports import JsonObject, UnitOfWork
from .voice import announce_fields, call_clips

RECENT = timedelta(hours=12)
# The board's "last calls": this many patients, each with their newest call.
LAST_CALLS = 10


class ServiceSummary(TypedDict):
    """A service's queue figures (service_summaries): boards, kiosks, `queue.changed`."""

    code: str
    name: str
    prefix: str
    open_now: bool
    waiting: int
    open_counters: int
    minutes_per_patient: float
    estimated_wait_minutes: int | None
    estimate_note: str | None


def iso(moment: datetime | None, tz: str) -> str | None:
    return moment.astimezone(ZoneInfo(tz)).isoformat(timespec="seconds") if moment else None


def queue_days(now: datetime, tz: str) -> tuple[date, date]:
    """The facility's today and yesterday: the widest queue window (a 24-hour service
    still calls the patients of before midnight; each service's own days, a day-time
    service only today, come from services.days)."""
    today = service_day(now, tz)
    return today, today - timedelta(days=1)


def minutes_per_patient(uow: UnitOfWork, service: ServiceRow, now: datetime) -> float:
    return pace(uow, service, now)[0]


def facility_ref(facility: FacilityRow, now: datetime | None = None) -> dict[str, str]:
    """A facility as payloads name it: code, name, its IANA `timezone` and the label of
    its times (`tz_label`, domain.zones), so pages and printers never guess the zone."""
    return {"code": facility.code, "name": facility.name, "timezone": facility.timezone,
            "tz_label": tz_label(facility.timezone, now)}


def estimate(uow: UnitOfWork, service: ServiceRow, now: datetime,
             people_ahead: int) -> tuple[timedelta | None, str | None]:
    """(wait, note) for someone with `people_ahead` ahead at `service`: the wait and
    None, or None and the note `no_counter_open` when no counter of the service is open
    (domain.estimates.NoCounterOpen): then there is no estimate to give."""
    minutes, counters = pace(uow, service, now)
    try:
        return estimates.estimated_wait(people_ahead, minutes, counters), None
    except estimates.NoCounterOpen as exc:
        return None, exc.code


def ticket_view(uow: UnitOfWork, ticket: TicketFacts, now: datetime, staff: bool = False,
                people_ahead: int | None = None) -> JsonObject:
    """A ticket as the API returns it; `staff=True` adds the patient's (masked) identity.

    `people_ahead` may be given when the caller already knows it.
    """
    facility = ticket.service.facility
    tz = facility.timezone
    if people_ahead is None:
        people_ahead = uow.tickets.people_ahead(ticket, service_days(ticket.service, now))
    eta = note = None
    if ticket.status == TicketStatus.WAITING:
        wait, note = estimate(uow, ticket.service, now, people_ahead)
        eta = iso(now + wait, tz) if wait is not None else None
    view: JsonObject = {
        "id": ticket.id,
        "number": ticket.number,
        "code": ticket.visit.code,
        "facility": facility_ref(facility, now),
        "service": {"code": ticket.service.code, "name": ticket.service.name},
        "status": ticket.status,
        "priority": ticket.priority,
        "date": ticket.day.isoformat(),
        "counter": _counter_ref(ticket.counter),
        "people_ahead": people_ahead,
        "estimated_call_at": eta,
        "estimate_note": note,
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


def announce_call(number: str, counter: CounterRow | None) -> dict[str, list[str]] | None:
    """The clips of a call in each board language, as `ticket.called` carries them."""
    return call_clips(number, counter)


def _counter_ref(counter: CounterRow | None) -> dict[str, str] | None:
    return {"code": counter.code, "name": counter.name} if counter else None


def counter_view(counter: CounterRow) -> JsonObject:
    return {
        "code": counter.code,
        "name": counter.name,
        "paused": counter.paused,
        "services": [link.service.code for link in counter.links],
    }


def services_view(
    uow: UnitOfWork, facility: FacilityRow, now: datetime, on: date | None = None
) -> list[JsonObject]:
    """What a patient choosing a service needs: hours, quota left, queue and wait (see
    service_summaries), and the facility with its zone (`facility.tz_label`)."""
    today = queue_days(now, facility.timezone)[0]
    on = on or today
    result: list[JsonObject] = []
    for service, summary in _summaries(uow, facility, now):
        places = quota_left(service.booking_quota, service.jkn_quota,
                            *uow.bookings.booked_split(service.id, on))
        walk_ins = uow.tickets.count_issued(service.id, today, "walk_in")
        limit = service.walkin_limit
        result.append({
            **summary,
            "hours": service.hours,
            **closures.date_fields(uow, facility, service, on, now,
                                   summary["estimated_wait_minutes"]),
            "date": on.isoformat(),
            "facility": facility_ref(facility, now),
            "booking_quota": service.booking_quota,
            "quota_left": places.left,
            # The JKN split (null when one shared quota): places per side left.
            "jkn_quota": service.jkn_quota,
            "jkn_left": places.jkn_left if places.split else None,
            "non_jkn_left": places.other_left if places.split else None,
            "walkin_limit": limit,
            "walkin_left": None if limit is None else max(limit - walk_ins, 0),
        })
    return result


def _summaries(uow: UnitOfWork, facility: FacilityRow, now: datetime,
               services: Sequence[ServiceRow] | None = None,
               known: dict[int, int] | None = None,
               on_boards: bool = False) -> list[tuple[ServiceRow, ServiceSummary]]:
    if services is None:
        services = uow.directory.services(facility.id, on_boards=on_boards)
        waiting = uow.tickets.waiting_counts(facility.id, days_by_service(services, now))
    else:  # the services that just moved: usually one, counted directly unless known
        known = known or {}
        waiting = {s.id: known[s.id] if s.id in known
                   else uow.tickets.waiting_count(s.id, service_days(s, now))
                   for s in services}
    result: list[tuple[ServiceRow, ServiceSummary]] = []
    for service in services:
        people = waiting.get(service.id, 0)
        minutes, counters = pace(uow, service, now)
        wait, note = estimate(uow, service, now, people)
        result.append((service, {
            "code": service.code, "name": service.name, "prefix": service.prefix,
            "open_now": closures.open_now(uow, facility, service, now),
            "waiting": people, "open_counters": counters,
            "minutes_per_patient": round(minutes, 1),
            # None, with the note `no_counter_open`, while no counter of it is open.
            "estimated_wait_minutes": None if wait is None else round(wait.total_seconds() / 60),
            "estimate_note": note,
        }))
    return result


def service_summaries(uow: UnitOfWork, facility: FacilityRow, now: datetime,
                      services: Sequence[ServiceRow] | None = None,
                      waiting: dict[int, int] | None = None,
                      on_boards: bool = False) -> list[ServiceSummary]:
    """Waiting count and estimated wait per service (`estimated_wait_minutes`, or null
    with `estimate_note: "no_counter_open"`): what boards and kiosks show.

    `waiting`: counts the caller already has (by service id); `on_boards` (with no
    `services`): only the services the boards list (`shown_on_boards`)."""
    return [summary for _, summary in _summaries(uow, facility, now, services, waiting,
                                                 on_boards)]


def _board_counters(uow: UnitOfWork, facility: FacilityRow,
                    all_counters: Sequence[CounterRow]) -> list[JsonObject]:
    """Each counter with the ticket it calls or serves (its date too: a 24-hour
    service's number from before midnight is shown with it)."""
    serving = uow.tickets.now_serving(facility.id)
    counters: list[JsonObject] = []
    for counter in all_counters:
        ticket = serving.get(counter.id)
        counters.append({
            "code": counter.code,
            "name": counter.name,
            "paused": counter.paused,
            "services": [link.service.code for link in counter.links],
            "ticket": None if ticket is None else {
                "number": ticket.number, "service": ticket.service.code,
                "status": ticket.status, "date": ticket.day.isoformat()},
        })
    return counters


def _last_calls(uow: UnitOfWork, facility: FacilityRow, now: datetime,
                all_counters: Sequence[CounterRow]) -> list[JsonObject]:
    """The recent calls, newest first, without those of a day already closed: the newest
    call or recall of each of the last LAST_CALLS tickets called, so recalls never push
    other patients' calls off the board (a board that missed a recall replays it)."""
    names = {c.id: c for c in all_counters}
    calls = uow.tickets.recent_calls(facility.id, now - RECENT, limit=4 * LAST_CALLS)
    closed = uow.day_closes.closed({(t.service_id, t.day) for _, t in calls})
    last_calls: list[JsonObject] = []
    tickets: set[int] = set()
    for event, ticket in calls:
        if (ticket.service_id, ticket.day) in closed or ticket.id in tickets:
            continue
        if len(tickets) == LAST_CALLS:
            break
        tickets.add(ticket.id)
        counter = names.get(event.counter_id) if event.counter_id else None
        last_calls.append({
            "number": ticket.number,
            "service": ticket.service.code,
            "service_name": ticket.service.name,
            "date": ticket.day.isoformat(),
            "counter": _counter_ref(counter),
            "at": iso(event.at, facility.timezone),
            "recall": event.kind == "recalled",
            "seq": event.seq,
            **announce_fields(ticket.number, counter),
        })
    return last_calls


def board_view(uow: UnitOfWork, facility: FacilityFull, now: datetime) -> JsonObject:
    """What a waiting-room display shows: no personal data, ever.

    `facility` carries its `timezone` and `tz_label` (the board's clock), `today` the
    facility's day (a number of another day is shown with its date)."""
    tz = facility.timezone
    all_counters = uow.directory.counters(facility.id)
    return {
        "facility": {**facility_ref(facility, now), "running_text": facility.running_text},
        "generated_at": iso(now, tz),
        "today": service_day(now, tz).isoformat(),
        "seq": facility.event_seq,
        "epoch": facility.epoch,
        "counters": _board_counters(uow, facility, all_counters),
        "last_calls": _last_calls(uow, facility, now, all_counters),
        # A service set not to be shown on boards leaves this list (its waits); its
        # counters and calls stay: a patient must still see and hear their number.
        "services": service_summaries(uow, facility, now, on_boards=True),
    }
