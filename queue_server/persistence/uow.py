"""The Unit of Work: one session, one transaction; events leave only after the commit."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from ..services.ports import Notifier, OutgoingEvent
from .db import SQLITE_BEGIN
from .repositories import Configuration, Directory, Staff, Tickets


class NullNotifier:
    def publish(self, events: list[OutgoingEvent]) -> None:
        return None


class SqlUnitOfWork:
    """`with uow:` opens a transaction; `commit()` ends it, leaving it rolls back."""

    def __init__(self, engine: Engine, notifier: Notifier | None = None, write: bool = True):
        self._bind = engine if write else engine.execution_options(**{SQLITE_BEGIN: "DEFERRED"})
        self._notifier = notifier or NullNotifier()
        self.outbox: list[OutgoingEvent] = []

    def __enter__(self) -> SqlUnitOfWork:
        self.session = Session(bind=self._bind, expire_on_commit=False, autoflush=True)
        self.directory = Directory(self.session)
        self.tickets = Tickets(self.session)
        self.staff = Staff(self.session)
        self.config = Configuration(self.session)
        self.outbox = []
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
        self.session.commit()
        events, self.outbox = self.outbox, []
        if events:
            self._notifier.publish(events)

    def rollback(self) -> None:
        self.session.rollback()
        self.outbox = []
