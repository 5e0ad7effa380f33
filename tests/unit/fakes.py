"""An in-memory unit of work for the use cases' unit tests: no database, no Flask.

`FakeUnitOfWork` answers what the queue's use cases ask of the ports
(services/ports.py), `FakeClock` is a clock the test moves, and `seed` builds a facility
with services and counters. Events a use case emits are in `outbox` until it commits,
then in `published` (as the SQL unit of work hands them to the live layer).
Changes are not undone when a use case leaves without committing: tests of a refusal
check what it raised and that nothing was published.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from types import TracebackType
from typing import Any

from queue_server.domain.hours import parse_hours
from queue_server.services.auth import Principal
from queue_server.services.cache import MemoryCache
from queue_server.services.ports import OutgoingEvent

from .fake_repositories import FakeCallReads, FakeDirectory, FakeKeys, FakeTickets
from .fake_rows import FakeCounter, FakeFacility, FakeLink, FakeService, FakeTicket

# 10:00 in Jakarta (UTC+7) on a Monday that is no holiday.
MONDAY_10 = datetime(2025, 3, 3, 3, 0, tzinfo=UTC)


@dataclass
class FakeClock:
    at: datetime = MONDAY_10

    def now(self) -> datetime:
        return self.at

    def advance(self, minutes: float) -> None:
        self.at += timedelta(minutes=minutes)


class _Bookings:
    def __init__(self, tickets: FakeTickets) -> None:
        self._tickets = tickets

    def active_bookings(self, service_id: int, day: date) -> int:
        return len(self._tickets.booked_on(service_id, day))

    def booking_day(self, nik: str, service_id: int, day: date, now: Any = None,
                    jkn_split: bool = True) -> Any:
        return self._tickets.booking_day(nik, service_id, day)

    def number_and_day(self, nik: str, service_id: int, day: date, *, lock: str | None,
                       now: Any, jkn_split: bool) -> tuple[int, Any]:
        seq = self._tickets.next_seq(service_id, day, joins=False)
        return seq, self.booking_day(nik, service_id, day, now, jkn_split)

    def booked_split(self, service_id: int, day: date) -> tuple[int, int]:
        day_of = self._tickets.booking_day("", service_id, day)
        return day_of.booked, day_of.jkn_booked

    def ahead_by_number(self, ticket: FakeTicket) -> int:
        return self._tickets.ahead_by_number(ticket)


class _Patients:
    def __init__(self, tickets: FakeTickets) -> None:
        self._tickets = tickets
        self.locked: list[tuple[str, date]] = []

    def lock_booking_day(self, nik: str, day: date) -> None:
        self.locked.append((nik, day))

    def day_lock(self, nik: str, day: date) -> str:
        """Taken by the statement it is given to: counted as taken here."""
        self.locked.append((nik, day))
        return f"booking-day:{nik}:{day.isoformat()}"

    def active_bookings_on(self, nik: str, day: date) -> int:
        return self._tickets.active_bookings_on(nik, day)


class _Holds:
    """No phone holds in these tests: nothing ever expires, no code message to drop."""

    def __init__(self) -> None:
        self.dropped: list[int] = []

    def expired_on(self, service_id: int, day: date, now: datetime) -> list[int]:
        return []

    def leave_held(self, ids: list[int], status: str, now: datetime) -> list[FakeTicket]:
        return []

    def drop_code_messages(self, ids: list[int], kind: str) -> None:
        self.dropped.extend(ids)


class _DayCloses:
    def __init__(self) -> None:
        self.closed_days: set[tuple[int, date]] = set()

    def closed(self, pairs: Any) -> set[tuple[int, date]]:
        return {pair for pair in pairs if pair in self.closed_days}


class _Notifications:
    def __init__(self) -> None:
        self.rows: list[dict[str, Any]] = []

    def add(self, **fields: Any) -> None:
        self.rows.append(fields)


class _Calendar:
    def __init__(self) -> None:
        self.closures: dict[date, str] = {}

    def all(self) -> dict[date, str]:
        return dict(self.closures)


@dataclass
class FakeUnitOfWork:
    """The stores live across transactions; `with uow:` opens one, `commit()` ends it."""

    directory: FakeDirectory = field(default_factory=FakeDirectory)
    cache: MemoryCache = field(default_factory=MemoryCache)
    idempotency: FakeKeys = field(default_factory=FakeKeys)
    holds: _Holds = field(default_factory=_Holds)
    day_closes: _DayCloses = field(default_factory=_DayCloses)
    notifications: _Notifications = field(default_factory=_Notifications)
    calendar: _Calendar = field(default_factory=_Calendar)
    outbox: list[OutgoingEvent] = field(default_factory=list)
    published: list[OutgoingEvent] = field(default_factory=list)
    memo: dict[Any, object] = field(default_factory=dict)
    commits: int = 0

    def __post_init__(self) -> None:
        self.tickets = FakeTickets(self.directory)
        self.calls = FakeCallReads(self.directory, self.tickets)
        self.bookings = _Bookings(self.tickets)
        self.patients = _Patients(self.tickets)

    def __enter__(self) -> FakeUnitOfWork:
        self.outbox, self.memo = [], {}
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.outbox = []  # what was not committed is never told

    def flush(self) -> None:
        return None

    def emit(self, event: OutgoingEvent) -> None:
        self.outbox.append(event)

    def commit(self) -> None:
        self.commits += 1
        self.published.extend(self.outbox)
        self.outbox = []

    def rollback(self) -> None:
        self.outbox = []

    def names(self) -> list[str]:
        """The published events' names, in order."""
        return [event.name for event in self.published]


def seed(uow: FakeUnitOfWork, code: str = "pkm-fake", services: tuple[str, ...] = ("umum",),
         counters: dict[str, tuple[str, ...]] | None = None,
         hours: str = "24h", **service_fields: Any) -> FakeFacility:
    """A facility `code` with `services` (prefixes A, B, …; open `hours`) and `counters`
    (code → the service codes it calls, ranked in that order; default: one per service,
    `loket-<service>`)."""
    d = uow.directory
    facility = FakeFacility(id=len(d.facilities_) + 1, code=code, name=f"Puskesmas {code}")
    d.facilities_.append(facility)
    made = {}
    for i, scode in enumerate(services):
        service = FakeService(id=len(d.services_) + 1, facility=facility, code=scode,
                              name=scode.title(), prefix="ABCDEFGH"[i],
                              hours=parse_hours(hours), **service_fields)
        d.services_.append(service)
        made[scode] = service
    for ccode, names in (counters or {f"loket-{s}": (s,) for s in services}).items():
        links = [FakeLink(made[n], rank) for rank, n in enumerate(names)]
        d.counters_.append(FakeCounter(id=len(d.counters_) + 1, facility=facility,
                                       code=ccode, name=ccode.title(), links=links,
                                       position=len(d.counters(facility.id))))
    return facility


def staff(facility: FakeFacility, name: str = "ani") -> Principal:
    """An operator of `facility`."""
    return Principal("staff", 1, name, "operator", facility.id)


def kiosk(facility: FakeFacility) -> Principal:
    return Principal("device", 7, "kiosk-1", "kiosk", facility.id)
