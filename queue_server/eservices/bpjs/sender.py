"""The outbox's sending half: due calls go to BPJS, one visit's calls in order, never
two processes the same call, the network never inside a database transaction.

A round claims the due `pending` calls in one short transaction: per visit `add`
first, then the tasks by id (`batal` before 99), a visit's later call waiting while an
earlier one is still pending (not due yet, or leased by another process); each claimed
call gets a lease (`lease_until`) that another process respects. The bodies are built
in that transaction too (bpjs/sender_body.py: the outbox keeps no personal data).
Then each call is sent with no transaction open, and its answer recorded in a
transaction of its own (bpjs/sender_rules.py says what an answer makes of it): so a
counter's "call next" never waits for BPJS. Log lines carry call ids, kinds, task ids
and codes only: no kodebooking, NIK, card number, phone or name."""

from __future__ import annotations

import logging
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import or_, select, update

from queue_server.services.ports import Clock

from .client import Answer, BpjsUnavailable
from .models import BpjsBooking, BpjsCall
from .sender_body import KETERANGAN_BATAL, add_body
from .sender_rules import BACKOFF_FIRST_S, Outcome, backoff, outcome, rank

log = logging.getLogger("antrian.bpjs.sender")
# A claimed call's lease per call of the round: a send's time-out twice, and a margin.
LEASE_PER_CALL_S = 25.0


@dataclass
class SendReport:
    """What a round did: calls `sent` (answered or not), `done`, `refused`, `retried`
    (BPJS could not be reached: pending again with back-off)."""

    sent: int = 0
    done: int = 0
    refused: int = 0
    retried: int = 0
    outcomes: dict[int, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Claimed:
    """A call this round holds the lease of, with what it sends."""

    id: int
    visit_id: int
    kind: str
    taskid: int
    kodebooking: str
    waktu_ms: int | None
    body: dict[str, Any] | None


def _due_visits(uow: Any, now: datetime, limit: int) -> list[int]:
    rows = uow.session.execute(
        select(BpjsCall.visit_id).where(BpjsCall.status == "pending", BpjsCall.next_at <= now)
        .order_by(BpjsCall.next_at, BpjsCall.id).limit(limit)).scalars()
    return list(dict.fromkeys(rows))


def _free(call: BpjsCall, now: datetime) -> bool:
    return call.next_at <= now and (call.lease_until is None or call.lease_until <= now)


def _ready(uow: Any, now: datetime, limit: int) -> list[BpjsCall]:
    """The calls this round may send: per visit, its pending calls in order as long as
    each is due and not leased (an earlier one waiting holds back the later ones)."""
    visits = _due_visits(uow, now, limit)
    pending = uow.session.scalars(select(BpjsCall).where(
        BpjsCall.visit_id.in_(visits), BpjsCall.status == "pending")).all() if visits else []
    ready: list[BpjsCall] = []
    for visit_id in visits:
        mine = sorted((c for c in pending if c.visit_id == visit_id),
                      key=lambda c: (rank(c.kind, c.taskid), c.id))
        for call in mine:
            if not _free(call, now) or len(ready) >= limit:
                break
            ready.append(call)
    return ready


def _lease(uow: Any, call: BpjsCall, now: datetime, until: datetime) -> bool:
    """Take `call`'s lease unless another process took it meanwhile (one statement: on
    PostgreSQL the row lock makes the second taker see the first one's lease)."""
    taken = uow.session.execute(
        update(BpjsCall).where(
            BpjsCall.id == call.id, BpjsCall.status == "pending",
            or_(BpjsCall.lease_until.is_(None), BpjsCall.lease_until <= now))
        .values(lease_until=until).execution_options(synchronize_session=False))
    return bool(taken.rowcount == 1)


def _body(uow: Any, call: BpjsCall) -> dict[str, Any] | None:
    if call.kind != "add":
        return None
    booking = uow.session.get(BpjsBooking, call.visit_id)
    return add_body(uow, booking) if booking is not None else None


def claim(uow: Callable[[], Any], now: datetime, limit: int) -> list[Claimed]:
    """Lease up to `limit` ready calls (module docstring) and build their bodies; one
    short transaction. A visit whose earlier call another process holds is skipped."""
    with uow() as work:
        ready = _ready(work, now, limit)
        until = now + timedelta(seconds=LEASE_PER_CALL_S * max(1, len(ready)))
        claimed: list[Claimed] = []
        blocked: set[int] = set()
        for call in ready:
            if call.visit_id in blocked or not _lease(work, call, now, until):
                blocked.add(call.visit_id)
                continue
            try:
                body = _body(work, call)
            except KeyError:  # the visit's poli ticket is gone: nothing to send
                body = None
            claimed.append(Claimed(call.id, call.visit_id, call.kind, call.taskid,
                                   call.kodebooking, call.waktu_ms, body))
        work.commit()
    return claimed


def _send(client: Any, call: Claimed) -> Answer:
    """One call to BPJS (the network: no transaction is open here)."""
    if call.kind == "add":
        return client.add(call.body or {"kodebooking": call.kodebooking})
    if call.kind == "batal":
        return client.cancel(call.kodebooking, KETERANGAN_BATAL)
    return client.update_time(call.kodebooking, call.taskid, int(call.waktu_ms or 0))


def record(uow: Callable[[], Any], now: datetime, call: Claimed, result: Outcome,
           rng: random.Random | None = None, first_retry: float = BACKOFF_FIRST_S) -> None:
    """Write what became of a sent call, in a transaction of its own: done (with the
    visit's lower pending tasks, for an ordering refusal that says BPJS has a later
    one), refused for good, or pending again after the back-off (attempts counted; the
    first wait `first_retry` seconds, sender_rules.backoff)."""
    with uow() as work:
        row = work.session.get(BpjsCall, call.id)
        if row is None:
            return
        row.attempts += 1
        row.sent_at, row.lease_until = now, None
        row.last_code, row.last_message = result.code, result.message[:500]
        row.status = result.status
        if result.status == "pending":
            row.next_at = now + backoff(row.attempts, rng, first_retry)
        else:
            row.done_at = now
        if result.settled_up_to is not None:
            _settle(work, call.visit_id, result.settled_up_to, now)
        work.commit()


def _settle(work: Any, visit_id: int, up_to: int, now: datetime) -> None:
    """BPJS has task `up_to` of the visit: its pending tasks up to it are done."""
    work.session.execute(
        update(BpjsCall).where(BpjsCall.visit_id == visit_id, BpjsCall.kind == "task",
                               BpjsCall.status == "pending", BpjsCall.taskid <= up_to)
        .values(status="done", done_at=now, lease_until=None)
        .execution_options(synchronize_session=False))


def _release(uow: Callable[[], Any], ids: list[int]) -> None:
    """Give back the leases of calls this round did not send (an earlier call of their
    visit failed): they go with the next round, after it."""
    if not ids:
        return
    with uow() as work:
        work.session.execute(update(BpjsCall).where(BpjsCall.id.in_(ids))
                             .values(lease_until=None)
                             .execution_options(synchronize_session=False))
        work.commit()


def send_round(uow: Callable[[], Any], clock: Clock, client: Any, limit: int = 100,
               rng: random.Random | None = None,
               first_retry: float = BACKOFF_FIRST_S) -> SendReport:
    """Send up to `limit` due calls to BPJS through `client` (bpjs/client.BpjsClient)
    and record each answer (module docstring); `uow` makes units of work. When a
    visit's call is not done, its later calls of this round are not sent; one that
    failed is tried again after `first_retry` seconds, then twice as long each time.
    Returns the round's SendReport."""
    report = SendReport()
    held_back: list[int] = []
    stopped: set[int] = set()
    for call in claim(uow, clock.now(), limit):
        if call.visit_id in stopped:
            held_back.append(call.id)
            continue
        try:
            answer = _send(client, call)
            result = outcome(call.kind, call.taskid, answer.code, answer.message)
        except BpjsUnavailable as down:
            result = Outcome("pending", None, down.reason)
        record(uow, clock.now(), call, result, rng, first_retry)
        _count(report, call, result)
        if result.status != "done":
            stopped.add(call.visit_id)
    _release(uow, held_back)
    if report.sent:
        log.info("bpjs sender: %d sent, %d done, %d refused, %d to retry", report.sent,
                 report.done, report.refused, report.retried)
    return report


def _count(report: SendReport, call: Claimed, result: Outcome) -> None:
    report.sent += 1
    report.outcomes[call.id] = result.status
    if result.status == "done":
        report.done += 1
    elif result.status == "refused":
        report.refused += 1
        log.warning("bpjs sender: call %d (%s %d) refused: code %s", call.id, call.kind,
                    call.taskid, result.code)
    else:
        report.retried += 1


__all__ = ["Claimed", "SendReport", "claim", "record", "send_round"]
