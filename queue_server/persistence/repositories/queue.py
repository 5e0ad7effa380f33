"""The queue: visits, tickets, the day's numbers and waiting counts, and the tickets'
history rows."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import bindparam, case, func, select
from sqlalchemy.orm import joinedload, selectinload

from ...domain.tickets import ACTIVE_AT_COUNTER, TicketStatus
from ..models import DailySequence, Service, Ticket, TicketEvent, Visit
from ..queue_days import QueueDays, every_day, on_queue_days, summed
from . import call_order
from . import statements as st
from .base import Repository
from .history import PendingEvent
from .ticket_writes import TicketWrites

if TYPE_CHECKING:
    from ...services.port_rows import TicketFacts

# Built once: every counter command asks for its counter's ticket.
_CURRENT_AT = (
    select(Ticket)
    .where(Ticket.counter_id == bindparam("counter_id"),
           Ticket.status.in_(ACTIVE_AT_COUNTER))
    .options(joinedload(Ticket.visit, innerjoin=True))
    .order_by(Ticket.called_at.desc())
    .limit(1)
)


class Tickets(TicketWrites, Repository):
    """Visits, tickets and their history (a ticket's versioned update: `write`)."""

    def __init__(self, uow: Any):
        super().__init__(uow)
        self._pending: list[PendingEvent] = []

    def next_seq(self, service_id: int, day: date, *, joins: bool,
                 lock: str | None = None) -> int:
        """The next number of a service's day, in one atomic statement.

        The upsert also locks the (service, day) row until the transaction ends, so on
        PostgreSQL everything issuing into one queue after it runs one at a time, and a
        rollback gives the number back: no gaps, no duplicates. `joins`: the new ticket
        waits (counted in the queue's waiting figure). `lock` (PostgreSQL): an advisory
        lock's key (`Patients.day_lock`) taken first, in the same statement.
        """
        return self.next_seq_and_waiting(service_id, day, joins=joins, lock=lock)[0]

    def next_seq_and_waiting(self, service_id: int, day: date, *, joins: bool,
                             lock: str | None = None) -> tuple[int, int]:
        """The next number, and how many wait in the service now (the new one included
        when it `joins`), from today's and yesterday's queues; `lock` as `next_seq`'s."""
        stmt, params = self.next_seq_statement(service_id, day, joins=joins, lock=lock)
        seq, waiting = self._core(stmt, **params).one()
        return int(seq), int(waiting)

    def next_seq_statement(self, service_id: int, day: date, *, joins: bool,
                           lock: str | None = None) -> tuple[Any, dict[str, Any]]:
        """`next_seq_and_waiting`'s statement and parameters, for a caller that sends it
        together with others (`Bookings.number_and_day`)."""
        params = {"service_id": service_id, "day": day, "yesterday": day - timedelta(days=1),
                  "joins": 1 if joins else 0}
        if lock is not None and self.on_postgres:
            return st.HOT_NEXT_SEQ_LOCKED, {"lock": lock, **params}
        return st.HOT_NEXT_SEQ["postgresql" if self.on_postgres else "sqlite"], params

    def adjust_waiting(self, service_id: int, day: date, delta: int) -> None:
        """A ticket of this queue started (+1) or stopped (-1) waiting."""
        self._core(st.ADJUST_WAITING, queue=service_id, queue_day=day, delta=delta)

    def insert_issued(self, visit: dict[str, Any], ticket: dict[str, Any],
                      event: dict[str, Any]) -> tuple[int, int]:
        """A new visit, its first ticket and the ticket's history row: (visit id, ticket
        id). One round trip on PostgreSQL (fewer trips, a shorter queue behind the number's
        lock), none with ids drawn ahead (`insert_with_commit`); three on SQLite."""
        if self.on_postgres and self._uow.ids_ahead is not None:
            return self.insert_with_commit(visit, ticket, event)
        if self.on_postgres:
            params = st.issue_params(visit, ticket, event)
            ticket_id, visit_id = self._core(st.HOT_ISSUE_PG, **params).one()
            return int(visit_id), int(ticket_id)
        visit_id = self.insert_visit(**visit)
        ticket_id = self.insert_ticket(visit_id=visit_id, **ticket)
        self.insert_event(ticket_id=ticket_id, **event)
        return visit_id, ticket_id

    def insert_visit(self, **fields: Any) -> int:
        """A new visit through Core (no ORM object): its id."""
        return int(self._core(st.HOT_INSERT_VISIT, **fields).scalar_one())

    def insert_ticket(self, **fields: Any) -> int:
        """A new ticket through Core (no ORM object): its id."""
        return int(self._core(st.HOT_INSERT_TICKET, **fields).scalar_one())

    def insert_event(self, **fields: Any) -> None:
        """A ticket's history row through Core (no ORM object)."""
        self._core(st.HOT_INSERT_EVENT, **fields)

    def add_ticket(self, **fields: Any) -> Ticket:
        """A new ticket as an ORM object, added to the session."""
        ticket = Ticket(**fields)
        self.session.add(ticket)
        return ticket

    def add_event(self, **fields: Any) -> PendingEvent:
        """A ticket's history row, written with the others of the transaction at its
        commit (`write_history`: one statement, after the event numbers are given, so a
        call's row goes in with its `seq`)."""
        row = PendingEvent(**fields)
        self._pending.append(row)
        return row

    def write_history(self) -> None:
        """Write the history rows added since the last commit (the unit of work calls
        this at commit, after flushing the ORM's changes)."""
        if self._pending:
            rows, self._pending = self._pending, []
            self._core_many(st.INSERT_EVENT, [row.values() for row in rows])

    def visit_by_code(self, code: str) -> Visit | None:
        """The visit of this code with its tickets and their services, or None."""
        return self.session.scalar(
            select(Visit)
            .where(Visit.code == code)
            .options(selectinload(Visit.tickets).joinedload(Ticket.service))
        )

    def next_waiting(
        self, ranks: dict[int, int], days: QueueDays, lock: bool
    ) -> Ticket | None:
        """The ticket a counter calls next (domain/call_order.py), its visit loaded."""
        q = call_order.next_waiting(ranks, days, lock and self.on_postgres)
        return self.session.scalar(q)

    def ticket_by_number(self, service_ids: Sequence[int], days: QueueDays, number: str,
                         lock: bool) -> Ticket | None:
        """A ticket of these services and queue days by its number (`A-012`): a waiting one
        first, then the newest day. `lock`: hold its row until commit (PostgreSQL)."""
        q = (
            select(Ticket)
            .where(Ticket.service_id.in_(list(service_ids)), on_queue_days(days),
                   Ticket.number == number)
            .order_by(case((Ticket.status == TicketStatus.WAITING, 0), else_=1),
                      Ticket.day.desc())
            .limit(1)
        )
        if lock and self.on_postgres:
            q = q.with_for_update(of=Ticket)
        return self.session.scalar(q)

    def current_at(self, counter_id: int) -> Ticket | None:
        """The ticket this counter called or serves (its latest call), its visit loaded,
        or None."""
        return self.session.scalar(_CURRENT_AT, {"counter_id": counter_id})

    def no_show(self, service_ids: Sequence[int], days: QueueDays, number: str | None,
                counter_id: int) -> Ticket | None:
        """A skipped ticket to take back: by number, or else this counter's latest."""
        q = select(Ticket).where(
            Ticket.service_id.in_(list(service_ids)),
            on_queue_days(days),
            Ticket.status == TicketStatus.NO_SHOW,
        )
        q = q.where(Ticket.number == number if number else Ticket.counter_id == counter_id)
        return self.session.scalar(q.order_by(Ticket.finished_at.desc()).limit(1))

    def waiting_list(self, ranks: dict[int, int], days: QueueDays,
                     limit: int = 100) -> Sequence[Ticket]:
        """The counter's queue in the order call-next will take it."""
        q = (
            select(Ticket)
            .where(Ticket.service_id.in_(list(ranks)), on_queue_days(days),
                   Ticket.status == TicketStatus.WAITING)
            .options(joinedload(Ticket.visit), joinedload(Ticket.service))
            .order_by(*call_order.order_by(ranks))
            .limit(limit)
        )
        return self.session.scalars(q).all()

    def no_shows(self, service_ids: Sequence[int], days: QueueDays) -> Sequence[Ticket]:
        """The latest 50 skipped tickets of these services and queue days, newest first."""
        q = (
            select(Ticket)
            .where(Ticket.service_id.in_(list(service_ids)), on_queue_days(days),
                   Ticket.status == TicketStatus.NO_SHOW)
            .options(joinedload(Ticket.service))
            .order_by(Ticket.finished_at.desc())
            .limit(50)
        )
        return self.session.scalars(q).all()

    def counter_counts(self, counter_id: int, since: datetime) -> dict[str, int]:
        """How many patients this counter finished, sent on and marked absent since `since`."""
        q = (
            select(TicketEvent.kind, func.count())
            .where(TicketEvent.counter_id == counter_id, TicketEvent.at >= since,
                   TicketEvent.kind.in_(("finished", "transferred", "skipped")))
            .group_by(TicketEvent.kind)
        )
        return {kind: int(n) for kind, n in self.session.execute(q).all()}

    def people_ahead(self, ticket: TicketFacts, days: Sequence[date]) -> int:
        """How many wait before `ticket` in its service over `days` (0 unless it waits)."""
        if ticket.status != TicketStatus.WAITING or ticket.queue_key is None:
            return 0
        q = select(func.count()).where(
            Ticket.service_id == ticket.service_id,
            Ticket.day.in_(list(days)),
            Ticket.status == TicketStatus.WAITING,
            call_order.ahead_of(ticket),
        )
        return int(self.session.scalar(q) or 0)

    def waiting_count(self, service_id: int, days: Sequence[date]) -> int:
        """People waiting in a service over `days`, from the kept counts."""
        return int(self._core(st.WAITING_IN_SERVICE, service_id=service_id,
                              first=min(days), last=max(days)).scalar_one())

    def waiting_counts(self, facility_id: int, days: QueueDays,
                       service_ids: Sequence[int] | None = None) -> dict[int, int]:
        """People waiting per service id, from the kept counts of the queue days (a
        mapping gives each service its own days)."""
        services = select(Service.id).where(Service.facility_id == facility_id)
        if service_ids is not None:
            services = services.where(Service.id.in_(list(service_ids)))
        q = (
            select(DailySequence.service_id, DailySequence.day, DailySequence.waiting)
            .where(DailySequence.service_id.in_(services),
                   DailySequence.day.in_(every_day(days)))
        )
        return summed(self.session.execute(q).all(), days)

    def count_issued(self, service_id: int, day: date, source: str) -> int:
        """Tickets issued to a service's day from `source` (`walk_in`, `booking`)."""
        q = select(func.count()).where(
            Ticket.service_id == service_id, Ticket.day == day, Ticket.source == source
        )
        return int(self.session.scalar(q) or 0)

    def recent_service_minutes(
        self, service_id: int, since: datetime, limit: int = 20
    ) -> list[float]:
        """How long (minutes) the latest `limit` patients finished since `since` were
        served, newest first.

        Only tickets of the days around `since` are read (a ticket finished after it was
        issued at most a day before, give or take the zone's offset), so the query walks
        the (service_id, day) index instead of the service's whole history."""
        begun = func.coalesce(Ticket.started_at, Ticket.called_at)
        q = (
            select(begun, Ticket.finished_at)
            .where(
                Ticket.service_id == service_id,
                Ticket.day >= since.date() - timedelta(days=2),
                Ticket.status == TicketStatus.DONE,
                Ticket.finished_at >= since,
                begun.is_not(None),
            )
            .order_by(Ticket.finished_at.desc())
            .limit(limit)
        )
        rows = self.session.execute(q).all()
        return [(end - start).total_seconds() / 60 for start, end in rows if start and end]

    def now_serving(self, facility_id: int) -> dict[int, Ticket]:
        """Counter id → the ticket it called or serves, at one facility (latest call)."""
        q = (
            select(Ticket)
            .where(
                Ticket.facility_id == facility_id,
                Ticket.status.in_(ACTIVE_AT_COUNTER),
                Ticket.counter_id.is_not(None),
            )
            .order_by(Ticket.called_at)
        )
        return {t.counter_id: t for t in self.session.scalars(q) if t.counter_id is not None}

    def recent_calls(self, facility_id: int, since: datetime, limit: int = 10) -> list[Any]:
        """Calls and recalls since `since`: (TicketEvent, Ticket) rows, newest first."""
        q = (
            select(TicketEvent, Ticket)
            .join(Ticket, Ticket.id == TicketEvent.ticket_id)
            .where(
                TicketEvent.facility_id == facility_id,
                TicketEvent.kind.in_(("called", "recalled")),
                TicketEvent.at >= since,
            )
            .order_by(TicketEvent.id.desc())
            .limit(limit)
        )
        return list(self.session.execute(q).all())
