"""The end-of-day close's queries: which service days are still unclosed, the claim row
that makes a day's close happen once, and the day's open tickets."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import joinedload

from ...domain.tickets import OPEN_STATUSES
from ..models import Counter, DailySequence, DayClose, Facility, Service, Ticket
from .base import Repository


@dataclass(frozen=True)
class ServiceDay:
    """A service's day that has tickets and no close yet, with what the rule needs."""

    service_id: int
    day: date
    facility: str
    service: str
    hours: dict[str, Any]
    timezone: str


class DayCloses(Repository):
    """Rows of `day_closes` and the tickets a close touches."""

    def unclosed(self, until: date, facility: str | None = None,
                 day: date | None = None) -> list[ServiceDay]:
        """Service days up to `until` (inclusive) that had a number issued (every ticket
        takes one from `daily_sequences`) and are not closed yet, oldest first;
        `facility` (a code) and `day` narrow them."""
        ds = DailySequence
        q = (
            select(ds.service_id, ds.day, Facility.code, Service.code, Service.hours,
                   Facility.timezone)
            .join(Service, Service.id == ds.service_id)
            .join(Facility, Facility.id == Service.facility_id)
            .outerjoin(DayClose, and_(DayClose.service_id == ds.service_id,
                                      DayClose.day == ds.day))
            .where(DayClose.service_id.is_(None), ds.day <= until)
            .order_by(ds.day, ds.service_id)
        )
        if facility is not None:
            q = q.where(Facility.code == facility)
        if day is not None:
            q = q.where(ds.day == day)
        return [ServiceDay(*row) for row in self.session.execute(q).all()]

    def service(self, service_id: int) -> Service:
        """A service with its facility loaded."""
        return self.session.scalars(
            select(Service).where(Service.id == service_id)
            .options(joinedload(Service.facility))
        ).one()

    def claim(self, service_id: int, day: date, at: datetime) -> bool:
        """Insert the day's close row unless one exists: True when this transaction made
        it (and so does the close). On PostgreSQL a second transaction claiming the same
        day waits for the first to end, then finds the row; on SQLite writers run one at
        a time. Rolled back with the transaction, so a failed close is tried again."""
        dialect = postgresql if self.on_postgres else sqlite
        stmt = (dialect.insert(DayClose)
                .values(service_id=service_id, day=day, closed_at=at, tickets=0)
                .on_conflict_do_nothing(index_elements=[DayClose.service_id, DayClose.day])
                .returning(DayClose.service_id))
        return self.session.execute(stmt).first() is not None

    def record(self, service_id: int, day: date, tickets: int) -> None:
        """How many tickets the close closed, on its row."""
        self.session.execute(
            update(DayClose).where(DayClose.service_id == service_id, DayClose.day == day)
            .values(tickets=tickets))

    def open_tickets(self, service_id: int, day: date) -> Sequence[Ticket]:
        """The day's tickets still open (booked, waiting, called, serving), in number
        order; on PostgreSQL locked until commit, so a counter acting on one at the same
        moment goes first or after, never both.

        On PostgreSQL the facility's counters are locked first (FOR KEY SHARE, in id
        order), as every counter action locks its counter before its tickets: the close
        writes each ticket's history row with the ticket's counter, which needs that
        counter's key share, and taking it after the tickets deadlocked with a counter
        acting on one of them at the close (the soak: DeadlockDetected, 503)."""
        if self.on_postgres:
            facility = select(Service.facility_id).where(Service.id == service_id)
            self.session.execute(
                select(Counter.id).where(Counter.facility_id == facility.scalar_subquery())
                .order_by(Counter.id).with_for_update(read=True, key_share=True))
        q = (
            select(Ticket)
            .where(Ticket.service_id == service_id, Ticket.day == day,
                   Ticket.status.in_([s.value for s in OPEN_STATUSES]))
            .order_by(Ticket.seq)
            .execution_options(populate_existing=True)
        )
        if self.on_postgres:
            q = q.with_for_update(of=Ticket)
        return self.session.scalars(q).all()

    def closed(self, pairs: Iterable[tuple[int, date]]) -> set[tuple[int, date]]:
        """Which of these (service id, day) pairs are closed."""
        wanted = set(pairs)
        if not wanted:
            return set()
        q = select(DayClose.service_id, DayClose.day).where(or_(*(
            and_(DayClose.service_id == sid, DayClose.day == day) for sid, day in wanted)))
        return {(sid, day) for sid, day in self.session.execute(q).all()}
