"""BPJS task times from one visit's ticket history (pure: no database, no clock).

BPJS Antrean Online's task catalogue (`antrean/updatewaktu`, ESERVICES.md "BPJS
Antrean Online"; task ids as BPJS numbers them, not as one public implementation
mislabels them):

1. admission wait starts: the patient arrives at registration (a walk-in ticket is
   issued, a booking is checked in);
2. admission service starts: the registration desk calls (or starts) the patient;
3. admission service ends, the file is sent to the poli: the poli wait starts. A visit
   that arrives straight at the poli (a booking checked in there, a walk-in ticket of
   the poli) has no task 1 or 2: its arrival at the poli is task 3;
4. poli service starts (the ticket started; the call when staff never press start and
   the ticket was finished or transferred: a call answered by nobody is no service);
5. poli service ends, the pharmacy wait starts (the patient reaches the pharmacy queue;
   without a pharmacy, the poli ticket finished);
6. pharmacy service starts (the prescription is being made);
7. pharmacy done (the prescription handed over);
99. the visit was cancelled or not served (cancelled, or still open when its day closed)
    before any poli service.

A transfer poli → lab → poli is one poli stay: the lab ticket (no BPJS role) ends
nothing, the poli's end is where the patient goes on to the pharmacy or is finished.
The first occurrence counts: a recall or a requeue does not move a task. Times are
strictly increasing in task order (BPJS refuses a task at or before the previous one):
a time not after the previous task's becomes that time + 1 ms."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from .outbox_errors import HistoryOutOfOrder, UnknownTaskRole

ROLES = ("registration", "poli", "pharmacy")
TASK_IDS = (1, 2, 3, 4, 5, 6, 7, 99)
ARRIVALS = ("checked_in",)
ENDS = ("finished", "transferred")
UNSERVED = ("cancelled", "closed_end_of_day", "voided")
STEP = timedelta(milliseconds=1)
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class TicketEvent:
    """One history row: `kind` (issued, checked_in, called, …) at `at` (aware)."""

    kind: str
    at: datetime


@dataclass(frozen=True)
class TicketHistory:
    """One ticket of a visit: its service, how it was made (`source` walk_in, booking,
    transfer) and its events in time order."""

    ticket_id: int
    service_id: int
    source: str
    events: tuple[TicketEvent, ...]

    def first(self, *kinds: str) -> datetime | None:
        """The time of the first event of one of `kinds`, or None."""
        return next((e.at for e in self.events if e.kind in kinds), None)

    def arrival(self) -> datetime | None:
        """When the patient joined this ticket's queue: a booking's check-in, any other
        ticket's issue (a walk-in, a transfer); None for a booking never checked in."""
        checked_in = self.first(*ARRIVALS)
        if checked_in is not None or self.source == "booking":
            return checked_in
        return self.first("issued")

    def service_start(self) -> datetime | None:
        """The first start; else, once the ticket was finished or transferred, its first
        call (a desk that never presses start). A call alone (skipped, no-show) is not
        a service."""
        started = self.first("started")
        if started is not None or self.first(*ENDS) is None:
            return started
        return self.first("called")


def _check(history: Sequence[TicketHistory], roles: Mapping[int, str]) -> None:
    for role in roles.values():
        if role not in ROLES:
            raise UnknownTaskRole(role)
    for ticket in history:
        times = [e.at for e in ticket.events]
        if times != sorted(times):
            raise HistoryOutOfOrder(ticket.ticket_id)


def _of(history: Sequence[TicketHistory], roles: Mapping[int, str],
        role: str) -> list[TicketHistory]:
    return [t for t in history if roles.get(t.service_id) == role]


def _poli_end(history: Sequence[TicketHistory], roles: Mapping[int, str]) -> datetime | None:
    """Task 5: the first pharmacy ticket's arrival when the visit reached the pharmacy
    after a poli, else the first poli ticket finished (a transfer to the lab ends no
    poli stay: the patient comes back)."""
    polis = _of(history, roles, "poli")
    if not polis:
        return None
    after = [t for t in history if t.ticket_id > polis[0].ticket_id]
    pharmacy = _of(after, roles, "pharmacy")
    if pharmacy:
        return pharmacy[0].arrival()
    return next((t.first("finished") for t in polis if t.first("finished")), None)


def _raw(history: Sequence[TicketHistory], roles: Mapping[int, str]) -> dict[int, datetime | None]:
    polis = _of(history, roles, "poli")
    first_poli = polis[0].ticket_id if polis else None
    desk = [t for t in _of(history, roles, "registration")
            if first_poli is None or t.ticket_id < first_poli]
    pharmacy = _of(history, roles, "pharmacy")
    reg = desk[0] if desk else None
    pha = pharmacy[0] if pharmacy else None
    return {
        1: reg.arrival() if reg else None,
        2: reg.service_start() if reg else None,
        3: polis[0].arrival() if polis else None,
        4: polis[0].service_start() if polis else None,
        5: _poli_end(history, roles),
        6: pha.service_start() if pha else None,
        7: pha.first(*ENDS) if pha else None,
    }


def _unserved(history: Sequence[TicketHistory]) -> datetime | None:
    """Task 99: the visit's last ticket cancelled or closed at the end of its day."""
    if not history or not history[-1].events:
        return None
    last = history[-1].events[-1]
    return last.at if last.kind in UNSERVED else None


def derive_tasks(history: Sequence[TicketHistory],
                 roles: Mapping[int, str]) -> dict[int, datetime]:
    """BPJS task id → time for one visit (the module docstring gives BPJS's catalogue).

    `history`: the visit's tickets in the order they were made (ticket id), each with
    its events in time order; `roles`: service id → "registration", "poli" or
    "pharmacy" (a service not in it, such as the lab, has no BPJS role). A task whose
    time cannot be known yet is left out. Task 99 comes only when the visit ended
    cancelled or unserved before any poli service (task 4). Times are strictly
    increasing in task order (a time not after the previous task's is moved to 1 ms
    after it). Raises UnknownTaskRole, HistoryOutOfOrder (422)."""
    _check(history, roles)
    raw = _raw(history, roles)
    if raw[4] is None:
        raw[99] = _unserved(history)
    tasks: dict[int, datetime] = {}
    last: datetime | None = None
    for taskid in TASK_IDS:
        at = raw.get(taskid)
        if at is None:
            continue
        if last is not None and at <= last:
            at = last + STEP
        tasks[taskid] = last = at
    return tasks


def epoch_ms(at: datetime) -> int:
    """`at` (aware) as BPJS's `waktu`: milliseconds since 1970-01-01 UTC."""
    return (at - EPOCH) // STEP


__all__ = ["ROLES", "TASK_IDS", "HistoryOutOfOrder", "TicketEvent", "TicketHistory",
           "UnknownTaskRole", "derive_tasks", "epoch_ms"]
