"""The Unit of Work: one session, one transaction; events leave only after the commit."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import cached_property
from typing import Any

from sqlalchemy import Connection, Engine
from sqlalchemy.orm import Session

from ..services.cache import Cache, NoCache
from ..services.ports import Notifier, OutgoingEvent
from .db import SQLITE_BEGIN
from .repositories import (
    Bookings,
    CallReads,
    CityClosures,
    Configuration,
    DayCloses,
    Directory,
    Holds,
    IdempotencyKeys,
    Notifications,
    Patients,
    Security,
    Staff,
    Tickets,
)
from .repositories.audit import AdminRecords
from .repositories.booking_groups import BookingGroups
from .repositories.cases import Cases
from .repositories.documents import Documents
from .repositories.hot import Hot
from .repositories.offices import Offices
from .repositories.reports import Reports
from .repositories.surveys import Surveys


def _reader(engine: Engine) -> Engine:
    """The engine's read-only twin (SQLite begins DEFERRED), made once per engine."""
    reader = getattr(engine, "_antrian_reader", None)
    if reader is None:
        reader = engine.execution_options(**{SQLITE_BEGIN: "DEFERRED"})
        engine._antrian_reader = reader  # type: ignore[attr-defined]
    return reader


class NullNotifier:
    def publish(self, events: list[OutgoingEvent]) -> None:
        return None


class SqlUnitOfWork:
    """`with uow:` opens a transaction; `commit()` ends it, leaving it rolls back."""

    def __init__(self, engine: Engine, notifier: Notifier | None = None, write: bool = True,
                 cache: Cache | None = None):
        # The runtime's cache, carried for the use cases (services/cache.py); a unit of
        # work made without a runtime (the CLI, tests) keeps nothing (NoCache).
        self.cache: Cache = cache if cache is not None else NoCache()
        self._bind = engine if write else _reader(engine)
        self.dialect_name = engine.dialect.name
        self._notifier = notifier or NullNotifier()
        self.outbox: list[OutgoingEvent] = []
        self._checks: list[Callable[[SqlUnitOfWork], None]] = []

    def require(self, check: Callable[[SqlUnitOfWork], None]) -> None:
        """Run `check(uow)` first thing in the next transaction (before its first
        statement's own), or when that transaction ends without having read anything: a
        condition the whole unit of work depends on (a device's token still held,
        services/auth.confirm_device), checked without a transaction of its own. What it
        raises ends the unit of work, rolled back."""
        self._checks.append(check)

    def _run_checks(self) -> None:
        checks, self._checks = self._checks, []
        for check in checks:
            check(self)

    # Repositories are made at first use in each transaction (cached_property below):
    # a walk-in touches four of the twenty.
    directory = cached_property(Directory)
    tickets = cached_property(Tickets)
    calls = cached_property(CallReads)
    bookings = cached_property(Bookings)
    booking_groups = cached_property(BookingGroups)
    notifications = cached_property(Notifications)
    idempotency = cached_property(IdempotencyKeys)
    staff = cached_property(Staff)
    config = cached_property(Configuration)
    day_closes = cached_property(DayCloses)
    patients = cached_property(Patients)
    calendar = cached_property(CityClosures)
    holds = cached_property(Holds)
    security = cached_property(Security)
    reports = cached_property(Reports)
    admin = cached_property(AdminRecords)
    cases = cached_property(Cases)  # e-service modules (issue 16)
    offices = cached_property(Offices)
    surveys = cached_property(Surveys)  # satisfaction surveys (SKM)
    documents = cached_property(Documents)  # issued, signed PDFs (issue 17)

    def __enter__(self) -> SqlUnitOfWork:
        self._connection: Connection | None = None
        self._session: Session | None = None
        for name in _REPOSITORIES:
            self.__dict__.pop(name, None)
        self.outbox = []
        # Figures worked out once per transaction (see services.views.pace).
        self.memo: dict[Any, Any] = {}
        self._with_commit: list[tuple[Hot, dict[str, Any]]] = []
        # A new visit's and ticket's ids drawn ahead (Bookings.number_and_day), for the
        # next Tickets.insert_issued.
        self.ids_ahead: tuple[int, int] | None = None
        return self

    def send_with_commit(self, statement: Hot, params: dict[str, Any]) -> None:
        """Write with the COMMIT, in its round trip (PostgreSQL): a booking's rows, when
        nothing in the transaction reads them first. Whatever runs on this transaction
        before the commit sends them first, so it still sees them (`connection`)."""
        self._with_commit.append((statement, params))

    def _send_held(self, commit: bool = False) -> None:
        held, self._with_commit = Hot.merged(self._with_commit), []
        if held:
            Hot.run_together(self._connection, held, commit=commit)

    @property
    def connection(self) -> Connection:
        """The transaction's connection, begun at first use (SQLite writers: IMMEDIATE)."""
        if self._with_commit:
            self._send_held()
        if self._connection is None:
            connection = self._bind.connect()
            try:
                connection.begin()
            except BaseException:
                connection.close()
                raise
            self._connection = connection
            if self._checks:
                self._run_checks()
        return self._connection

    @property
    def session(self) -> Session:
        """An ORM session on the same transaction, made only when a use case needs one:
        the busiest paths (walk-ins, bookings) run on Core alone and skip its cost."""
        if self._with_commit:
            self._send_held()
        if self._session is None:
            self._session = Session(bind=self.connection, expire_on_commit=False,
                                    autoflush=True, join_transaction_mode="control_fully")
        return self._session

    def __exit__(self, *exc: Any) -> None:
        try:
            if self._checks:  # nothing was read: the checks still decide the answer
                self._run_checks()
        finally:
            self._close()

    def _close(self) -> None:
        if self._session is not None:
            self._session.close()  # rolls back what was not committed
            self._session = None
        if self._connection is not None:
            self._connection.close()  # rolls back, if still open; back to the pool
            self._connection = None

    def add(self, obj: Any) -> None:
        self.session.add(obj)

    def flush(self) -> None:
        self.session.flush()

    def emit(self, event: OutgoingEvent) -> None:
        self.outbox.append(event)

    def commit(self) -> None:
        """Write what is left and commit; then publish the events. The facilities' event
        numbers are taken last, after every other row is written: the facility row's lock
        is then the last one a transaction takes and is held only until its COMMIT, so two
        transactions never wait on each other through it (a soak's counters deadlocked:
        one held the facility's row and wanted a ticket's, the other the reverse)."""
        session = self._session
        if session is not None and (session.new or session.dirty or session.deleted):
            self._send_held()  # before the ORM's rows, which may refer to them
            session.flush()
        events = self._numbered(self.outbox) if self.outbox else []
        self.tickets.write_history()  # the history rows, numbered: one statement
        self._send_held(commit=True)  # the last rows and the COMMIT: one round trip
        if self._session is not None:
            self._session.commit()  # commits the connection's transaction
        elif self._connection is not None and self._connection.in_transaction():
            self._connection.commit()
        self.outbox = []
        if events:
            # Only now: a client must never hear of a change that was rolled back.
            self._notifier.publish(events)

    def _numbered(self, events: list[OutgoingEvent]) -> list[OutgoingEvent]:
        """Give each event its facility's next `seq` and its `epoch`, in the same
        transaction; a call's history row keeps its seq (boards replay missed calls)."""
        per_facility: dict[int, int] = {}
        for event in events:
            per_facility[event.facility_id] = per_facility.get(event.facility_id, 0) + 1
        next_seq: dict[int, int] = {}
        epochs: dict[int, str] = {}
        for fid, n in sorted(per_facility.items()):
            last, epochs[fid] = self.directory.bump_event_seq(fid, n)
            next_seq[fid] = last - n + 1
        numbered = []
        for event in events:
            seq = next_seq[event.facility_id]
            next_seq[event.facility_id] = seq + 1
            if event.record is not None:
                event.record.seq = seq
            numbered.append(replace(event, payload={**event.payload, "seq": seq,
                                                    "epoch": epochs[event.facility_id]}))
        return numbered

    def rollback(self) -> None:
        self.__dict__.pop("tickets", None)  # the history rows not written are dropped
        self._with_commit, self.ids_ahead = [], None
        if self._session is not None:
            self._session.rollback()
        elif self._connection is not None and self._connection.in_transaction():
            self._connection.rollback()
        self.outbox = []


_REPOSITORIES = tuple(name for name, value in vars(SqlUnitOfWork).items()
                      if isinstance(value, cached_property))
