"""The Unit of Work: one session, one transaction; events leave only after the commit."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from ..services.ports import Notifier, OutgoingEvent
from .db import SQLITE_BEGIN
from .repositories import Configuration, Directory, Staff, Tickets


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
                 shared: dict[Any, Any] | None = None):
        # Figures a process may reuse across transactions (see services.views.pace).
        self.shared: dict[Any, Any] = shared if shared is not None else {}
        self._bind = engine if write else _reader(engine)
        self._notifier = notifier or NullNotifier()
        self.outbox: list[OutgoingEvent] = []

    def __enter__(self) -> SqlUnitOfWork:
        self.session = Session(bind=self._bind, expire_on_commit=False, autoflush=True)
        self.directory = Directory(self.session)
        self.tickets = Tickets(self.session)
        self.staff = Staff(self.session)
        self.config = Configuration(self.session)
        self.outbox = []
        # Figures worked out once per transaction (see services.views.pace).
        self.memo: dict[Any, Any] = {}
        return self

    def __exit__(self, *exc: Any) -> None:
        self.session.rollback()
        self.session.close()

    def add(self, obj: Any) -> None:
        self.session.add(obj)

    def flush(self) -> None:
        self.session.flush()

    def emit(self, event: OutgoingEvent) -> None:
        self.outbox.append(event)

    def commit(self) -> None:
        events = self._numbered(self.outbox) if self.outbox else []
        self.session.commit()
        self.outbox = []
        if events:
            # Only now: a client must never hear of a change that was rolled back.
            self._notifier.publish(events)

    def _numbered(self, events: list[OutgoingEvent]) -> list[OutgoingEvent]:
        """Give each event its facility's next `seq`, in the same transaction."""
        per_facility: dict[int, int] = {}
        for event in events:
            per_facility[event.facility_id] = per_facility.get(event.facility_id, 0) + 1
        next_seq = {
            fid: self.directory.bump_event_seq(fid, n) - n + 1
            for fid, n in sorted(per_facility.items())
        }
        numbered = []
        for event in events:
            seq = next_seq[event.facility_id]
            next_seq[event.facility_id] = seq + 1
            numbered.append(replace(event, payload={**event.payload, "seq": seq}))
        return numbered

    def rollback(self) -> None:
        self.session.rollback()
        self.outbox = []
