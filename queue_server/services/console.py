"""The staff console's read model: one counter's patient, queue, no-shows and counts."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from ..domain.priority import LABELS_ID
from ..domain.privacy import mask_digits
from .auth import ADMIN, Principal
from .ports import Clock, UnitOfWork
from .queue import resolve_counter
from .views import counter_view, iso, queue_days, ticket_view


def _start_of_day(now: datetime, tz: str) -> datetime:
    local = now.astimezone(ZoneInfo(tz))
    return datetime.combine(local.date(), time(0), tzinfo=ZoneInfo(tz))


def _queued(ticket: Any, now: datetime, tz: str) -> dict[str, Any]:
    waited = now - ticket.waiting_since if ticket.waiting_since else None
    return {
        "number": ticket.number,
        "service": ticket.service.code,
        "service_name": ticket.service.name,
        "priority": ticket.priority,
        "priority_label": LABELS_ID.get(ticket.priority, ticket.priority),
        "waiting_since": iso(ticket.waiting_since, tz),
        "waited_seconds": int(waited.total_seconds()) if waited else None,
        "name": ticket.visit.name,
        "nik": mask_digits(ticket.visit.nik),
    }


def console_snapshot(uow: UnitOfWork, counter: Any, now: datetime) -> dict[str, Any]:
    """Everything a console shows; staff-only (names and masked NIK)."""
    facility = counter.facility
    tz = facility.timezone
    days = queue_days(now, tz)
    ranks = {link.service_id: link.rank for link in counter.links}
    current = uow.tickets.current_at(counter.id)
    waiting = uow.tickets.waiting_list(ranks, days) if ranks else []
    no_shows = uow.tickets.no_shows(list(ranks), days) if ranks else []
    counts = uow.tickets.counter_counts(counter.id, _start_of_day(now, tz))
    queued = sum(uow.tickets.waiting_counts(facility.id, days, list(ranks)).values())
    return {
        "seq": facility.event_seq,
        "epoch": facility.epoch,
        "generated_at": iso(now, tz),
        "facility": {"code": facility.code, "name": facility.name,
                     "running_text": facility.running_text},
        "counter": counter_view(counter),
        "ticket": ticket_view(uow, current, now, staff=True) if current else None,
        "waiting": [_queued(t, now, tz) for t in waiting],
        "no_shows": [{"number": t.number, "service": t.service.code,
                      "skipped_at": iso(t.finished_at, tz)} for t in no_shows],
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
            facility_code: str | None = None) -> dict[str, Any]:
    """The console snapshot of a counter its staff (or an admin) may see."""
    with uow:
        counter = resolve_counter(uow, principal, counter_code, facility_code)
        return console_snapshot(uow, counter, clock.now())


def counters(uow: UnitOfWork, principal: Principal) -> list[dict[str, Any]]:
    """The counters a staff member may work at: their facility's, or every one for admins."""
    principal.require_staff()
    with uow:
        if principal.role == ADMIN:
            facilities = list(uow.directory.facilities())
        else:
            facilities = [uow.directory.facility_by_id(principal.facility_id)]
        return [
            {"facility": {"code": f.code, "name": f.name}, **counter_view(c)}
            for f in facilities
            for c in uow.directory.counters(f.id)
        ]
