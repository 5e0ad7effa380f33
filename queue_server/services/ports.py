"""Ports: what the use cases need from the outside world, as protocols."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from types import TracebackType
from typing import Protocol

from .cache import Cache
from .port_admin import (
    AdminPort,
    CalendarPort,
    ConfigurationPort,
    SecurityPort,
    StaffPort,
)
from .port_queue import (
    BookingGroupsPort,
    BookingsPort,
    CallReadsPort,
    DayClosesPort,
    DirectoryPort,
    HoldsPort,
    IdempotencyPort,
    NotificationsPort,
    PatientsPort,
    TicketsPort,
)
from .port_reports import ReportsPort
from .port_rows import TicketEventRow

# A reply as JSON: what use cases return to the routes and store with Idempotency-Keys.
# `object`, not Any: a use case that reads a value back out of a view must say its type
# (or keep the value it put in, as bookings.booking_view does).
JsonObject = dict[str, object]


@dataclass(frozen=True)
class OutgoingEvent:
    """A live event to send once the transaction that caused it has committed."""

    facility_id: int
    name: str
    payload: dict[str, object]
    rooms: tuple[str, ...] = field(default_factory=tuple)
    # The history row of a call or recall: it keeps the seq the event is given.
    record: TicketEventRow | None = field(default=None, compare=False, repr=False)


class Notifier(Protocol):
    def publish(self, events: list[OutgoingEvent]) -> None: ...


class Clock(Protocol):
    def now(self) -> datetime: ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class UnitOfWork(Protocol):
    """One transaction: repositories to read and write, commit to make it stick."""

    # Read-only here, so an implementation may hold its own classes (SqlUnitOfWork:
    # persistence/repositories; the unit tests: tests/unit/fakes.py).
    @property
    def directory(self) -> DirectoryPort: ...
    @property
    def tickets(self) -> TicketsPort:
        """The queue: visits, tickets, numbers, waiting counts, history rows."""
    @property
    def calls(self) -> CallReadsPort:
        """A call-next's reads (counter, its ticket, the next one) without the ORM."""
    @property
    def bookings(self) -> BookingsPort:
        """A service's booked day: places held, who is ahead."""
    @property
    def booking_groups(self) -> BookingGroupsPort:
        """Bookings decided together: their days read at once (PostgreSQL)."""
    @property
    def notifications(self) -> NotificationsPort:
        """Messages to patients, each kind sent once per ticket."""
    @property
    def idempotency(self) -> IdempotencyPort:
        """Request keys and the answer their first request got."""
    @property
    def staff(self) -> StaffPort: ...
    @property
    def config(self) -> ConfigurationPort: ...
    @property
    def patients(self) -> PatientsPort:
        """One NIK's bookings across facilities."""
    @property
    def calendar(self) -> CalendarPort:
        """City-wide closures."""
    @property
    def security(self) -> SecurityPort:
        """Security events; users and devices with weak secrets."""
    @property
    def day_closes(self) -> DayClosesPort:
        """The end-of-day close's claim rows."""
    @property
    def holds(self) -> HoldsPort:
        """Phone bookings held for their one-time code."""
    @property
    def reports(self) -> ReportsPort:
        """Reads for the reports: facilities' scope, tickets' moments."""
    @property
    def admin(self) -> AdminPort:
        """The admin's reads (inactive objects too) and the audit log."""

    memo: dict[Hashable, object]  # figures worked out once per transaction
    cache: Cache  # the runtime's, handed in for use cases (services/cache.py)

    def __enter__(self) -> UnitOfWork: ...
    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None: ...
    def commit(self) -> None: ...
    def rollback(self) -> None: ...
    def flush(self) -> None: ...
    def emit(self, event: OutgoingEvent) -> None: ...
