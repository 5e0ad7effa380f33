"""Ports: what the use cases need from the outside world, as protocols."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol


@dataclass(frozen=True)
class OutgoingEvent:
    """A live event to send once the transaction that caused it has committed."""

    facility_id: int
    name: str
    payload: dict[str, Any]
    rooms: tuple[str, ...] = field(default_factory=tuple)
    # The history row of a call or recall: it keeps the seq the event is given.
    record: Any = field(default=None, compare=False, repr=False)


class Notifier(Protocol):
    def publish(self, events: list[OutgoingEvent]) -> None: ...


class Clock(Protocol):
    def now(self) -> datetime: ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class UnitOfWork(Protocol):
    """One transaction: repositories to read and write, commit to make it stick."""

    directory: Any
    tickets: Any  # the queue: visits, tickets, numbers, waiting counts, history rows
    bookings: Any  # a service's booked day: places held, who is ahead
    notifications: Any  # messages to patients, each kind sent once per ticket
    idempotency: Any  # request keys and the answer their first request got
    staff: Any
    config: Any
    patients: Any  # one NIK's bookings across facilities
    calendar: Any  # city-wide closures
    security: Any  # security events; users and devices with weak secrets
    day_closes: Any  # the end-of-day close's claim rows
    holds: Any  # phone bookings held for their one-time code
    memo: dict[Any, Any]
    shared: dict[Any, Any]

    def __enter__(self) -> UnitOfWork: ...
    def __exit__(self, *exc: Any) -> None: ...
    def commit(self) -> None: ...
    def rollback(self) -> None: ...
    def flush(self) -> None: ...
    def emit(self, event: OutgoingEvent) -> None: ...
