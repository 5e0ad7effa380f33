"""A transaction takes its facility's event numbers last (persistence/uow.py's commit):
after every row it changes is written, so the facility row's lock is held only to the
COMMIT and two transactions cannot wait on each other through it. The soak's counters
deadlocked (PostgreSQL's DeadlockDetected, 503 `database_unavailable`) when an ORM change
was flushed after the numbers were taken: one transaction held the facility's row and
wanted a ticket's, the other held the ticket's and wanted the facility's."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from queue_server.persistence.models import Facility
from queue_server.persistence.repositories.directory import Directory
from queue_server.persistence.uow import SqlUnitOfWork
from queue_server.services.ports import OutgoingEvent
from tests.support import factories


class _Kept:
    def __init__(self) -> None:
        self.events: list[OutgoingEvent] = []

    def publish(self, events: list[OutgoingEvent]) -> None:
        self.events += events


def test_the_event_numbers_are_taken_after_the_orm_changes_are_written(
        engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    site = factories.facility("pkm-seq").load(engine)
    order: list[str] = []
    flush, bump = Session.flush, Directory.bump_event_seq

    def flushed(self: Session, *args: Any, **kwargs: Any) -> None:
        if self.dirty:
            order.append("flush")
        flush(self, *args, **kwargs)

    def bumped(self: Directory, facility_id: int, count: int) -> tuple[int, str]:
        order.append("numbers")
        return bump(self, facility_id, count)

    monkeypatch.setattr(Session, "flush", flushed)
    monkeypatch.setattr(Directory, "bump_event_seq", bumped)
    kept = _Kept()
    uow = SqlUnitOfWork(engine, kept)
    with uow:
        facility = uow.session.query(Facility).filter_by(code=site.code).one()
        facility.running_text = "Selamat datang"  # an ORM change left for the commit
        uow.emit(OutgoingEvent(facility.id, "queue.changed", {"facility": site.code},
                               ("facility:" + site.code,)))
        uow.commit()
    assert order == ["flush", "numbers"]
    (sent,) = kept.events
    assert sent.payload["seq"] == 1  # numbered, and published after the commit
