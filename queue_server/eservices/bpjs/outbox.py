"""The outbox's reading half: new ticket history → the calls BPJS must receive.

Each round reads the ticket history after the cursor (a bounded batch), finds the visits
it touched at facilities that report to BPJS, and for each one:
- when the visit first has a ticket in a mapped poli, keeps its BPJS side
  (`BpjsBooking`, source "local": our kiosk, counter, web and phone channels) and queues
  `antrean/add` for it; a booking Mobile JKN made (source "mjkn", written by the hosted
  service in the booking's own transaction) is BPJS's already and gets no `add`;
- derives the visit's task times again from its whole history (bpjs/tasks.py) and queues
  each task not queued yet (unique visit/kind/taskid: reading twice adds nothing); a
  time that changed for a task not sent yet is corrected; a cancelled visit of ours
  gets `antrean/batal` before task 99 (ESERVICES.md "BPJS Antrean Online").
The cursor moves in the same transaction. Its row is locked while a round reads
(`SELECT … FOR UPDATE` on PostgreSQL; SQLite serialises writers), so of two server
processes only one takes a batch. Because a visit is derived whole each time, an event
read late changes nothing that the next touch of the visit would not set right.

Nothing here talks to BPJS: bpjs/sender.py does, outside any transaction."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from queue_server.domain.errors import DomainError
from queue_server.services.ports import Clock

from .config import ServiceRole, service_roles
from .models import BpjsBooking, BpjsCall
from .outbox_reads import (
    BATCH,
    VisitHistory,
    first_booked_poli,
    locked_cursor,
    touched_visits,
    visit_history,
)
from .tasks import derive_tasks, epoch_ms

log = logging.getLogger(__name__)


def read_history(uow: Callable[[], Any], clock: Clock, batch: int = BATCH) -> int:
    """One reading round in one transaction (`uow` makes the unit of work): up to `batch`
    history rows after the cursor → bookings and calls; the cursor moves past them.
    Returns how many calls were queued or corrected. A visit whose history a rule
    refuses (bpjs/tasks.py's named errors) is logged by id and passed over."""
    with uow() as work:
        try:
            cursor = locked_cursor(work)
        except IntegrityError:  # another process made the cursor row at this instant
            return 0
        visits, last = touched_visits(work, cursor.last_event_id, batch)
        now = clock.now()
        queued = 0
        for visit_id in visits:
            queued += _report_visit(work, now, visit_id)
        cursor.last_event_id = last
        work.commit()
    if queued:
        log.info("bpjs outbox: %d calls queued from %d visits", queued, len(visits))
    return queued


def _report_visit(work: Any, now: datetime, visit_id: int) -> int:
    """The calls one visit needs now (see the module docstring); how many were queued or
    corrected."""
    found = visit_history(work, visit_id)
    if found is None:
        return 0
    roles = service_roles(work, found.visit.facility_id)
    booking = work.session.get(BpjsBooking, visit_id)
    queued = 0
    if booking is None:
        booking = _new_booking(work, found, roles, now)
        if booking is None:
            return 0
        _queue(work, booking, "add", 0, None, now)
        queued += 1
    try:
        tasks = derive_tasks(found.tickets, {sid: r.role for sid, r in roles.items()})
    except DomainError as refused:
        log.warning("bpjs outbox: visit %d passed over: %s", visit_id, refused.code)
        return queued
    return queued + _sync_tasks(work, booking, {t: epoch_ms(at) for t, at in tasks.items()},
                                now)


def _new_booking(work: Any, found: VisitHistory, roles: Mapping[int, ServiceRole],
                 now: datetime) -> BpjsBooking | None:
    """The BPJS side of a visit of our own channels, once it has a ticket in a mapped
    poli (None before): JKN when the patient gave a BPJS card number, else NON JKN."""
    polis = {sid: r for sid, r in roles.items() if r.role == "poli" and r.kodepoli}
    service_id = first_booked_poli(found, polis)
    if service_id is None:
        return None
    poli, visit = polis[service_id], found.visit
    booking = BpjsBooking(
        visit_id=visit.id, facility_id=visit.facility_id, service_id=service_id,
        kodebooking=visit.code, source="local",
        jenispasien="JKN" if visit.bpjs_number else "NON JKN",
        kodepoli=poli.kodepoli, tanggalperiksa=visit.day, kodedokter=poli.kodedokter,
        created_at=now)
    work.session.add(booking)
    return booking


def _queue(work: Any, booking: BpjsBooking, kind: str, taskid: int, waktu_ms: int | None,
           now: datetime) -> None:
    work.session.add(BpjsCall(
        visit_id=booking.visit_id, facility_id=booking.facility_id,
        kodebooking=booking.kodebooking, kind=kind, taskid=taskid, waktu_ms=waktu_ms,
        status="pending", attempts=0, next_at=now, created_at=now, last_message="",
        extra={}))


def _leased(call: BpjsCall, now: datetime) -> bool:
    return call.lease_until is not None and call.lease_until > now


def _sync_tasks(work: Any, booking: BpjsBooking, tasks: dict[int, int],
                now: datetime) -> int:
    """Queue the tasks of `tasks` (task id → epoch ms) not queued yet, correct the time
    of those still waiting (not being sent), and queue `batal` before a task 99. A task
    lower than one BPJS already accepted is not queued: BPJS refuses a lower task id
    ("TaskId terakhir N"). A Mobile JKN booking gets no `batal`: Mobile JKN cancels at
    BPJS itself, and task 99 says the rest. Returns how many calls were queued or
    corrected."""
    existing = {(c.kind, c.taskid): c for c in work.session.scalars(
        select(BpjsCall).where(BpjsCall.visit_id == booking.visit_id))}
    accepted = max((c.taskid for c in existing.values()
                    if c.kind == "task" and c.status == "done"), default=0)
    changed = 0
    if 99 in tasks and ("batal", 0) not in existing and booking.source == "local":
        _queue(work, booking, "batal", 0, None, now)
        changed += 1
    for taskid, waktu in sorted(tasks.items()):
        call = existing.get(("task", taskid))
        if call is None and taskid > accepted:
            _queue(work, booking, "task", taskid, waktu, now)
            changed += 1
        elif (call is not None and call.status == "pending" and call.waktu_ms != waktu
              and not _leased(call, now)):
            call.waktu_ms = waktu
            changed += 1
    return changed


__all__ = ["read_history"]
