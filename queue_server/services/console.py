"""The staff console's read model: one counter's patient, queue, no-shows and counts."""

from __future__ import annotations

from datetime import datetime, time
from zoneinfo import ZoneInfo

from ..domain.counter_commands import legal_commands
from ..domain.numbering import service_day
from ..domain.priority import label
from ..domain.privacy import mask_digits
from .auth import ADMIN, Principal
from .days import counter_days
from .port_rows import CounterRow, TicketFacts
from .ports import Clock, JsonObject, UnitOfWork
from .queue import resolve_counter
from .views import counter_view, facility_ref, iso, ticket_view


def _start_of_day(now: datetime, tz: str) -> datetime:
    local = now.astimezone(ZoneInfo(tz))
    return datetime.combine(local.date(), time(0), tzinfo=ZoneInfo(tz))


def _queued(ticket: TicketFacts, now: datetime, tz: str) -> JsonObject:
    waited = now - ticket.waiting_since if ticket.waiting_since else None
    return {
        "number": ticket.number,
        "date": ticket.day.isoformat(),  # another day's number is shown with its date
        "service": ticket.service.code,
        "service_name": ticket.service.name,
        "priority": ticket.priority,
        "priority_label": label(ticket.priority),
        "waiting_since": iso(ticket.waiting_since, tz),
        "waited_seconds": int(waited.total_seconds()) if waited else None,
        "name": ticket.visit.name,
        "nik": mask_digits(ticket.visit.nik),
    }


def console_snapshot(uow: UnitOfWork, counter: CounterRow, now: datetime) -> JsonObject:
    """Everything a console shows; staff-only (names and masked NIK).

    `today` is the facility's day: a number of another day (a 24-hour service's patients
    from before midnight) is shown with its date. No-shows of a closed day are left out:
    they cannot come back into the queue."""
    facility = counter.facility
    tz = facility.timezone
    days = counter_days(counter, now)
    ranks = {link.service_id: link.rank for link in counter.links}
    current = uow.tickets.current_at(counter.id)
    waiting = uow.tickets.waiting_list(ranks, days) if ranks else []
    no_shows = list(uow.tickets.no_shows(list(ranks), days)) if ranks else []
    closed = uow.day_closes.closed({(t.service_id, t.day) for t in no_shows})
    counts = uow.tickets.counter_counts(counter.id, _start_of_day(now, tz))
    queued = sum(uow.tickets.waiting_counts(facility.id, days, list(ranks)).values())
    return {
        "seq": facility.event_seq,
        "epoch": facility.epoch,
        "generated_at": iso(now, tz),
        "today": service_day(now, tz).isoformat(),
        "facility": {**facility_ref(facility, now), "running_text": facility.running_text},
        "counter": counter_view(counter),
        "ticket": ticket_view(uow, current, now, staff=True) if current else None,
        "actions": [c.value for c in legal_commands(current.status if current else None,
                                                    counter.paused)],
        "waiting": [_queued(t, now, tz) for t in waiting],
        "no_shows": [{"number": t.number, "service": t.service.code,
                      "date": t.day.isoformat(), "skipped_at": iso(t.finished_at, tz)}
                     for t in no_shows if (t.service_id, t.day) not in closed],
        "counts": {"served": counts.get("finished", 0) + counts.get("transferred", 0),
                   "transferred": counts.get("transferred", 0),
                   "no_show": counts.get("skipped", 0), "waiting": queued},
        "services": [{"code": s.code, "name": s.name}
                     for s in uow.directory.services(facility.id)],
        "devices": [{"code": d.code, "name": d.name, "kind": d.kind,
                     "last_seen_at": iso(d.last_seen_at, tz), "status": d.status}
                    for d in uow.directory.devices(facility.id) if d.kind == "kiosk"],
    }


def console(uow: UnitOfWork, clock: Clock, principal: Principal, counter_code: str,
            facility_code: str | None = None) -> JsonObject:
    """The console snapshot of a counter its staff (or an admin) may see."""
    with uow:
        counter = resolve_counter(uow, principal, counter_code, facility_code)
        return console_snapshot(uow, counter, clock.now())


def counters(uow: UnitOfWork, principal: Principal) -> list[JsonObject]:
    """The counters a staff member may work at: their facility's, or every one for admins."""
    principal.require_staff()
    with uow:
        if principal.role == ADMIN:
            facilities = list(uow.directory.facilities())
        else:
            facilities = [uow.directory.facility_by_id(principal.own_facility())]
        return [
            {"facility": {"code": f.code, "name": f.name}, **counter_view(c)}
            for f in facilities
            for c in uow.directory.counters(f.id)
        ]
