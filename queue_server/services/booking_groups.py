"""Phone bookings that arrive together, decided together (issue 20: the rush).

Under a rush a process holds many bookings at once, each waiting on the database for
its own two round trips and its own commit. Here those that arrive while a group is
being decided wait for the next group (services/together.py), and a whole group takes
two round trips and one commit on PostgreSQL: every booking's day read at once under
all the group's locks, then every number and row written with the COMMIT. Each booking
is still checked by the same rules, in arrival order, as if it had come alone after the
group's earlier ones (domain/booking_groups.py); a refused one takes no number. What a
group cannot decide as surely as the single path — a day with holds past their time, an
Idempotency-Key already used or used twice in the group, a group that failed — is
decided alone by `bookings.book`, after the group."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ..domain.booking_groups import DayFigures, GroupTally
from ..domain.booking_limits import DEFAULT_BOOKINGS_PER_NIK_PER_DAY
from ..domain.errors import DomainError
from ..domain.tickets import TicketStatus
from . import bookings, catalogue
from .bookings import BookingRequest, Patient
from .catalogue import ServiceRef
from .ports import Clock, JsonObject, UnitOfWork
from .queue import issue_new_visit
from .records import TicketRecord
from .together import Combiner

# A booking's outcome in its group: its view (booked), the rule it broke, or None:
# decide it alone.
Outcome = JsonObject | DomainError | None


@dataclass(frozen=True)
class Wanted:
    """A booking ready to be decided with others: its patient, service and date already
    checked alone (`prepare`); `key` its Idempotency-Key as stored."""

    req: BookingRequest
    patient: Patient
    service: ServiceRef
    key: str | None
    daily_limit: int


# A process's bookings waiting to be decided in a group.
Together = Combiner["Wanted", "JsonObject | DomainError"]


def prepare(uow: UnitOfWork, clock: Clock, req: BookingRequest, window_days: int,
            key: str | None, daily_limit: int) -> Wanted:
    """What a booking's rules need that do not depend on other bookings, checked before
    it joins a group: InvalidInput (422) for the patient's fields, FacilityNotFound /
    ServiceNotFound, and the date's refusals (`bookings.check_date`)."""
    patient = bookings.read_patient(req)
    with uow:
        facility = catalogue.facility_by_code(uow, req.facility)
        service = catalogue.service(uow, facility, req.service)
        bookings.check_date(uow, facility, service, req.date, clock.now(), window_days)
    return Wanted(req, patient, service, bookings.stored_key(key), daily_limit)


def book(uow: UnitOfWork, clock: Clock, together: Together | None,
         req: BookingRequest, window_days: int, key: str | None = None,
         daily_limit: int = DEFAULT_BOOKINGS_PER_NIK_PER_DAY) -> tuple[JsonObject, bool]:
    """`bookings.book` (same answers, same errors), decided in a group with the bookings
    that arrive meanwhile (`together`, whose groups `decide` decides; None: alone)."""
    if together is None:
        return bookings.book(uow, clock, req, window_days, key, daily_limit)
    outcome = together.submit(prepare(uow, clock, req, window_days, key, daily_limit))
    if outcome is None:
        return bookings.book(uow, clock, req, window_days, key, daily_limit)
    if isinstance(outcome, DomainError):
        raise outcome
    return outcome, True


def decide(uow: UnitOfWork, clock: Clock, group: Sequence[Wanted]) -> list[Outcome]:
    """Each booking of `group`, in order, in one transaction: its view, its refusal
    (AlreadyBooked, DailyLimitReached, QuotaFull, JknQuotaFull, NonJknQuotaFull), or None
    for one to decide alone. Raises what the database raises (nothing is then kept:
    every booking is decided alone)."""
    with uow:
        now = clock.now()
        lasts, days, used = uow.booking_groups.open_days(
            [(w.patient.nik, w.service.id, w.req.date, w.service.jkn_quota is not None)
             for w in group], [w.key for w in group if w.key], now)
        late = {(w.service.id, w.req.date) for w, d in zip(group, days, strict=True)
                if d.expired_holds}
        tally, seqs = GroupTally.empty(), dict(lasts)
        decided: list[_Booked | DomainError | None] = []
        for wanted, day in zip(group, days, strict=True):
            if (wanted.service.id, wanted.req.date) in late or wanted.key in used:
                decided.append(None)
            else:
                decided.append(_decide_one(uow, wanted, day, tally, seqs, now))
            if wanted.key:
                used.add(wanted.key)
        # The views last: one that reads (a service's pace) sends the rows held so far,
        # and the group's new visits go in one statement only if held together.
        outcomes = [bookings.booking_view(uow, d.ticket.visit, now, d.ticket, ahead=d.ahead)
                    if isinstance(d, _Booked) else d for d in decided]
        uow.booking_groups.set_lasts({where: last for where, last in seqs.items()
                                      if last != lasts[where] or not last})
        uow.commit()
    return outcomes


@dataclass(frozen=True)
class _Booked:
    """A booking of the group that took its number: its ticket, and the patients ahead."""

    ticket: TicketRecord
    ahead: int


def _decide_one(uow: UnitOfWork, wanted: Wanted, row: Any, tally: GroupTally,
                seqs: dict[Any, int], now: datetime) -> _Booked | DomainError:
    """One booking of a group: its rules on its day as the group left it; booked (its
    number the day's next, its rows with the commit) or refused."""
    nik, service, on = wanted.patient.nik, wanted.service, wanted.req.date
    jkn = wanted.patient.bpjs_number is not None
    day = tally.seen(DayFigures(row.booked, row.jkn_booked, row.mine, row.ahead, row.active),
                     nik, service.id, on)
    try:
        bookings.check_rules(service, on, day, wanted.daily_limit, jkn)
    except DomainError as refusal:
        return refusal
    seqs[service.id, on] += 1
    tally.take(nik, service.id, on, jkn)
    uow.booking_groups.take_ids(row)
    patient = wanted.patient
    ticket = issue_new_visit(uow, service, now, "patient:mobile", "booking", "mobile",
                             status=TicketStatus.BOOKED, day=on, seq=seqs[service.id, on],
                             nik=nik, name=patient.name, phone=patient.phone,
                             bpjs_number=patient.bpjs_number)
    if wanted.key:
        uow.booking_groups.remember_key(wanted.key, wanted.req.fingerprint(),
                                        ticket.visit.code, now)
    return _Booked(ticket, day.ahead)
