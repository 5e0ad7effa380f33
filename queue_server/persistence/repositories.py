"""Repositories: the queries the use cases need, in SQL that runs on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import and_, bindparam, case, func, insert, literal, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, joinedload, selectinload

from .models import (
    AuthToken,
    Counter,
    CounterService,
    DailySequence,
    Device,
    Facility,
    IdempotencyKey,
    LoginAttempt,
    Notification,
    Service,
    Ticket,
    TicketEvent,
    User,
    Visit,
)
from .queue_days import QueueDays, every_day, on_queue_days, summed

_DS = DailySequence.__table__


def _next_seq_statement(dialect: Any) -> Any:
    """Take the day's next number; `joins` (0 or 1) also counts the new ticket as waiting.

    Returns the number and the queue's waiting count now: today's row, which the upsert
    has just locked (so the count is exact on PostgreSQL too), plus yesterday's, which
    only calls of yesterday's patients change."""
    yesterday = (select(_DS.c.waiting).where(_DS.c.service_id == bindparam("service_id"),
                                             _DS.c.day == bindparam("yesterday"))
                 .scalar_subquery())
    stmt = dialect.insert(_DS).values(service_id=bindparam("service_id"),
                                      day=bindparam("day"), last=1,
                                      waiting=bindparam("joins"))
    return stmt.on_conflict_do_update(
        index_elements=["service_id", "day"],
        set_={"last": _DS.c.last + 1, "waiting": _DS.c.waiting + bindparam("joins")},
    ).returning(_DS.c.last, _DS.c.waiting + func.coalesce(yesterday, 0))


# Built once: the statements every ticket runs go through Core with bound parameters,
# which skips rebuilding them and the ORM's bookkeeping on the hottest path.
_NEXT_SEQ = {"postgresql": _next_seq_statement(postgresql),
             "sqlite": _next_seq_statement(sqlite)}
_ADJUST_WAITING = (
    update(_DS)
    .where(_DS.c.service_id == bindparam("queue"), _DS.c.day == bindparam("queue_day"))
    .values(waiting=_DS.c.waiting + bindparam("delta"))
)
_BUMP_SEQ = (
    update(Facility.__table__)
    .where(Facility.__table__.c.id == bindparam("facility_id"))
    .values(event_seq=Facility.__table__.c.event_seq + bindparam("count"))
    .returning(Facility.__table__.c.event_seq, Facility.__table__.c.epoch)
)
_WAITING_IN_SERVICE = (
    select(func.coalesce(func.sum(_DS.c.waiting), 0))
    .where(_DS.c.service_id == bindparam("service_id"),
           # The queue's days are contiguous (yesterday, today): a range compiles once,
           # an expanding IN list is re-rendered on every call.
           _DS.c.day.between(bindparam("first"), bindparam("last")))
)

_INSERT_VISIT = insert(Visit.__table__).returning(Visit.__table__.c.id)
_INSERT_TICKET = insert(Ticket.__table__).returning(Ticket.__table__.c.id)
_INSERT_EVENT = insert(TicketEvent.__table__)

_VISIT_COLUMNS = ("facility_id", "code", "day", "channel", "priority", "created_at", "nik",
                  "name", "phone", "bpjs_number")
_TICKET_COLUMNS = ("facility_id", "service_id", "day", "seq", "number", "priority", "status",
                   "source", "issued_at", "waiting_since", "queue_key")
_EVENT_COLUMNS = ("facility_id", "kind", "at", "actor", "counter_id", "data")


def _params(table: Any, prefix: str, names: Sequence[str]) -> list[Any]:
    # Typed: in INSERT … SELECT PostgreSQL cannot infer a parameter's type, so the
    # psycopg dialect renders each with its cast (`%(v_day)s::DATE`).
    return [bindparam(f"{prefix}{n}", type_=table.c[n].type) for n in names]


def _issue_statement() -> Any:
    """A visit, its ticket and the ticket's "issued" row in one PostgreSQL statement."""
    t, e = Ticket.__table__, TicketEvent.__table__
    visit = (insert(Visit.__table__)
             .from_select(_VISIT_COLUMNS, select(*_params(Visit.__table__, "v_", _VISIT_COLUMNS)))
             .returning(Visit.__table__.c.id).cte("new_visit"))
    ticket = (insert(t)
              .from_select(("visit_id", *_TICKET_COLUMNS, "version", "recalls"),
                           select(visit.c.id, *_params(t, "t_", _TICKET_COLUMNS),
                                  literal(1), literal(0)))
              .returning(t.c.id, t.c.visit_id).cte("new_ticket"))
    return (insert(e)
            .from_select(("ticket_id", *_EVENT_COLUMNS),
                         select(ticket.c.id, *_params(e, "e_", _EVENT_COLUMNS)))
            .returning(e.c.ticket_id, select(ticket.c.visit_id).scalar_subquery()))


_ISSUE_PG = _issue_statement()


def _status_is(column: Any, *statuses: str) -> Any:
    # Plain ORs of equalities compile once; a literal IN list is re-expanded per call.
    return or_(*(column == bindparam(f"status_{s}", s) for s in statuses))


_T, _V = Ticket.__table__, Visit.__table__
# A booking's day in one round trip over the day's tickets: places taken, this patient's
# own booking, and how many patients are ahead of a new number (every ticket of the day so
# far has a lower one). The patient's visits come from the NIK index once (a hashed
# subplan), never a lookup per ticket of the day.
_BOOKING_DAY = (
    select(
        func.count(case((and_(_T.c.source == "booking", _T.c.status != "cancelled"), 1)))
        .label("booked"),
        func.count(case((_status_is(_T.c.status, "booked", "waiting"), 1))).label("ahead"),
        func.count(case((and_(
            _T.c.visit_id.in_(select(_V.c.id).where(_V.c.nik == bindparam("nik"))),
            _T.c.source == "booking",
            _status_is(_T.c.status, "booked", "waiting", "called", "serving")), 1)))
        .label("mine"),
    )
    .where(_T.c.service_id == bindparam("service_id"), _T.c.day == bindparam("day"))
)


class _Repo:
    """Reads and writes through its unit of work: Core on the transaction's connection,
    ORM on a session the unit of work makes only when one is needed."""

    def __init__(self, uow: Any):
        self._uow = uow
        self.on_postgres: bool = uow.dialect_name == "postgresql"

    @property
    def session(self) -> Session:
        return self._uow.session

    def _core(self, stmt: Any, **params: Any) -> Any:
        return self._uow.connection.execute(stmt, params)


class Directory(_Repo):
    """Facilities, services, counters and devices: the configured world."""

    def facilities(self) -> Sequence[Facility]:
        return self.session.scalars(select(Facility).order_by(Facility.code)).all()

    def facility(self, code: str) -> Facility | None:
        return self.session.scalar(select(Facility).where(Facility.code == code))

    def facility_by_id(self, facility_id: int) -> Facility:
        return self.session.get_one(Facility, facility_id)

    def find_facility(self, facility_id: int) -> Facility | None:
        return self.session.get(Facility, facility_id)

    def services(self, facility_id: int, active_only: bool = True) -> Sequence[Service]:
        q = select(Service).where(Service.facility_id == facility_id)
        if active_only:
            q = q.where(Service.active.is_(True))
        return self.session.scalars(q.order_by(Service.position, Service.id)).all()

    def service(self, facility_id: int, code: str) -> Service | None:
        return self.session.scalar(
            select(Service).where(Service.facility_id == facility_id, Service.code == code)
        )

    def counters(self, facility_id: int) -> Sequence[Counter]:
        q = (
            select(Counter)
            .where(Counter.facility_id == facility_id, Counter.active.is_(True))
            .options(selectinload(Counter.links).joinedload(CounterService.service))
            .order_by(Counter.position, Counter.id)
        )
        return self.session.scalars(q).all()

    def counters_with_code(self, code: str) -> Sequence[Counter]:
        q = select(Counter).where(Counter.code == code, Counter.active.is_(True))
        return self.session.scalars(q).all()

    def counter(self, facility_id: int, code: str) -> Counter | None:
        return self.session.scalar(
            select(Counter).where(Counter.facility_id == facility_id, Counter.code == code)
        )

    def lock_counter(self, counter: Counter) -> None:
        """Serialise actions on one counter (a double click must not call two patients).

        On PostgreSQL the row is read again under the lock, so `counter` shows what the
        action that held the lock before committed (paused, for one)."""
        if self.on_postgres:
            self.session.execute(
                select(Counter).where(Counter.id == counter.id).with_for_update()
                .execution_options(populate_existing=True)
            )

    def open_counters(self, service_id: int) -> int:
        q = (
            select(func.count())
            .select_from(CounterService)
            .join(Counter, Counter.id == CounterService.counter_id)
            .where(
                CounterService.service_id == service_id,
                Counter.active.is_(True),
                Counter.paused.is_(False),
            )
        )
        return int(self.session.scalar(q) or 0)

    def bump_event_seq(self, facility_id: int, count: int) -> tuple[int, str]:
        """Reserve `count` event numbers for a facility; returns the last one and the
        facility's epoch.

        The row stays locked until commit, so on PostgreSQL seq order is commit order.
        """
        seq, epoch = self._core(_BUMP_SEQ, facility_id=facility_id, count=count).one()
        return int(seq), str(epoch)

    def device_by_token_hash(self, token_hash: str) -> Device | None:
        return self.session.scalar(
            select(Device)
            .where(Device.token_hash == token_hash, Device.active.is_(True))
            .options(joinedload(Device.facility))
        )

    def device_by_id(self, device_id: int) -> Device:
        return self.session.get_one(Device, device_id)

    def devices_by_id(self, device_ids: Sequence[int]) -> Sequence[Device]:
        """The devices of these ids that still exist, active or not (the sweep over live
        sockets checks them in one query)."""
        return self.session.scalars(select(Device).where(Device.id.in_(list(device_ids)))).all()

    def devices(self, facility_id: int) -> Sequence[Device]:
        q = select(Device).where(Device.facility_id == facility_id, Device.active.is_(True))
        return self.session.scalars(q.order_by(Device.code)).all()

    def device(self, facility_id: int, code: str) -> Device | None:
        return self.session.scalar(
            select(Device).where(Device.facility_id == facility_id, Device.code == code)
        )


def _waiting_order(ranks: dict[int, int] | None = None) -> list[Any]:
    order: list[Any] = [Ticket.queue_key, Ticket.day, Ticket.seq]
    if ranks and len(set(ranks.values())) > 1:
        order.insert(0, case(ranks, value=Ticket.service_id, else_=99))
    return order


class Tickets(_Repo):
    """Visits, tickets and their history."""

    def next_seq(self, service_id: int, day: date, *, joins: bool) -> int:
        """The next number of a service's day, in one atomic statement.

        The upsert also locks the (service, day) row until the transaction ends, so on
        PostgreSQL everything issuing into one queue after it runs one at a time, and a
        rollback gives the number back: no gaps, no duplicates. `joins`: the new ticket
        waits (counted in the queue's waiting figure).
        """
        return self.next_seq_and_waiting(service_id, day, joins=joins)[0]

    def next_seq_and_waiting(self, service_id: int, day: date, *,
                             joins: bool) -> tuple[int, int]:
        """The next number, and how many wait in the service now (the new one included
        when it `joins`), from today's and yesterday's queues."""
        stmt = _NEXT_SEQ["postgresql" if self.on_postgres else "sqlite"]
        seq, waiting = self._core(stmt, service_id=service_id, day=day,
                                  yesterday=day - timedelta(days=1),
                                  joins=1 if joins else 0).one()
        return int(seq), int(waiting)

    def adjust_waiting(self, service_id: int, day: date, delta: int) -> None:
        """A ticket of this queue started (+1) or stopped (-1) waiting."""
        self._core(_ADJUST_WAITING, queue=service_id, queue_day=day, delta=delta)

    def insert_issued(self, visit: dict[str, Any], ticket: dict[str, Any],
                      event: dict[str, Any]) -> tuple[int, int]:
        """A new visit, its first ticket and the ticket's history row: (visit id, ticket id).

        One round trip on PostgreSQL (the rows go in while the number's lock is held, so
        fewer trips mean a shorter queue behind it); three statements on SQLite."""
        if self.on_postgres:
            params = {**{f"v_{k}": v for k, v in visit.items()},
                      **{f"t_{k}": v for k, v in ticket.items()},
                      **{f"e_{k}": v for k, v in event.items()}}
            ticket_id, visit_id = self._core(_ISSUE_PG, **params).one()
            return int(visit_id), int(ticket_id)
        visit_id = self.insert_visit(**visit)
        ticket_id = self.insert_ticket(visit_id=visit_id, **ticket)
        self.insert_event(ticket_id=ticket_id, **event)
        return visit_id, ticket_id

    def insert_visit(self, **fields: Any) -> int:
        """A new visit through Core (no ORM object): its id."""
        return int(self._core(_INSERT_VISIT, **fields).scalar_one())

    def insert_ticket(self, **fields: Any) -> int:
        """A new ticket through Core (no ORM object): its id."""
        return int(self._core(_INSERT_TICKET, **fields).scalar_one())

    def insert_event(self, **fields: Any) -> None:
        self._core(_INSERT_EVENT, **fields)

    def add_ticket(self, **fields: Any) -> Ticket:
        ticket = Ticket(**fields)
        self.session.add(ticket)
        return ticket

    def add_event(self, **fields: Any) -> TicketEvent:
        row = TicketEvent(**fields)
        self.session.add(row)
        return row

    def visit_by_code(self, code: str) -> Visit | None:
        return self.session.scalar(
            select(Visit)
            .where(Visit.code == code)
            .options(selectinload(Visit.tickets).joinedload(Ticket.service))
        )

    def next_waiting(
        self, ranks: dict[int, int], days: QueueDays, lock: bool
    ) -> Ticket | None:
        """The ticket a counter calls next: its own services first, then queue order."""
        q = (
            select(Ticket)
            .where(
                Ticket.service_id.in_(list(ranks)),
                on_queue_days(days),
                Ticket.status == "waiting",
            )
            .order_by(*_waiting_order(ranks))
            .limit(1)
        )
        if lock and self.on_postgres:
            # Two counters calling at once each take a different row.
            q = q.with_for_update(skip_locked=True, of=Ticket)
        return self.session.scalar(q)

    def ticket_by_number(self, service_ids: Sequence[int], days: QueueDays, number: str,
                         lock: bool) -> Ticket | None:
        """A ticket of these services and queue days by its number (`A-012`): a waiting one
        first, then the newest day. `lock`: hold its row until commit (PostgreSQL)."""
        q = (
            select(Ticket)
            .where(Ticket.service_id.in_(list(service_ids)), on_queue_days(days),
                   Ticket.number == number)
            .order_by(case((Ticket.status == "waiting", 0), else_=1), Ticket.day.desc())
            .limit(1)
        )
        if lock and self.on_postgres:
            q = q.with_for_update(of=Ticket)
        return self.session.scalar(q)

    def current_at(self, counter_id: int) -> Ticket | None:
        q = (
            select(Ticket)
            .where(Ticket.counter_id == counter_id, Ticket.status.in_(("called", "serving")))
            .order_by(Ticket.called_at.desc())
            .limit(1)
        )
        return self.session.scalar(q)

    def no_show(self, service_ids: Sequence[int], days: QueueDays, number: str | None,
                counter_id: int) -> Ticket | None:
        """A skipped ticket to take back: by number, or else this counter's latest."""
        q = select(Ticket).where(
            Ticket.service_id.in_(list(service_ids)),
            on_queue_days(days),
            Ticket.status == "no_show",
        )
        q = q.where(Ticket.number == number if number else Ticket.counter_id == counter_id)
        return self.session.scalar(q.order_by(Ticket.finished_at.desc()).limit(1))

    def waiting_list(self, ranks: dict[int, int], days: QueueDays,
                     limit: int = 100) -> Sequence[Ticket]:
        """The counter's queue in the order call-next will take it."""
        q = (
            select(Ticket)
            .where(Ticket.service_id.in_(list(ranks)), on_queue_days(days),
                   Ticket.status == "waiting")
            .options(joinedload(Ticket.visit), joinedload(Ticket.service))
            .order_by(*_waiting_order(ranks))
            .limit(limit)
        )
        return self.session.scalars(q).all()

    def no_shows(self, service_ids: Sequence[int], days: QueueDays) -> Sequence[Ticket]:
        q = (
            select(Ticket)
            .where(Ticket.service_id.in_(list(service_ids)), on_queue_days(days),
                   Ticket.status == "no_show")
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

    def people_ahead(self, ticket: Ticket, days: Sequence[date]) -> int:
        if ticket.status != "waiting" or ticket.queue_key is None:
            return 0
        ahead = or_(
            Ticket.queue_key < ticket.queue_key,
            and_(
                Ticket.queue_key == ticket.queue_key,
                or_(Ticket.day < ticket.day,
                    and_(Ticket.day == ticket.day, Ticket.seq < ticket.seq)),
            ),
        )
        q = select(func.count()).where(
            Ticket.service_id == ticket.service_id,
            Ticket.day.in_(list(days)),
            Ticket.status == "waiting",
            ahead,
        )
        return int(self.session.scalar(q) or 0)

    def waiting_count(self, service_id: int, days: Sequence[date]) -> int:
        return int(self._core(_WAITING_IN_SERVICE, service_id=service_id,
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

    def active_bookings(self, service_id: int, day: date) -> int:
        """Bookings that hold a place in the day's quota (cancelled ones gave theirs back)."""
        q = select(func.count()).where(
            Ticket.service_id == service_id, Ticket.day == day, Ticket.source == "booking",
            Ticket.status != "cancelled",
        )
        return int(self.session.scalar(q) or 0)

    def booking_day(self, nik: str, service_id: int, day: date) -> Any:
        """(booked, mine, ahead) of a service's day, for a patient about to book it."""
        return self._core(_BOOKING_DAY, nik=nik, service_id=service_id, day=day).one()

    def ahead_by_number(self, ticket: Ticket) -> int:
        """Booked or waiting tickets of the same day and service with a lower number."""
        q = select(func.count()).where(
            Ticket.service_id == ticket.service_id, Ticket.day == ticket.day,
            Ticket.status.in_(("booked", "waiting")), Ticket.seq < ticket.seq,
        )
        return int(self.session.scalar(q) or 0)

    def add_notification(self, **fields: Any) -> None:
        """Insert unless this ticket already has one of this kind: each is sent once."""
        dialect = postgresql if self.on_postgres else sqlite
        stmt = dialect.insert(Notification).values(status="pending", attempts=0, **fields)
        self.session.execute(stmt.on_conflict_do_nothing(
            index_elements=[Notification.ticket_id, Notification.kind]))

    def due_notifications(self, now: datetime, limit: int) -> Sequence[Notification]:
        q = (
            select(Notification)
            .where(Notification.status == "pending", Notification.next_attempt_at <= now)
            .order_by(Notification.id)
            .limit(limit)
        )
        if self.on_postgres:
            q = q.with_for_update(skip_locked=True)  # several processes, one delivery
        return self.session.scalars(q).all()

    def idempotency(self, key: str) -> IdempotencyKey | None:
        return self.session.get(IdempotencyKey, key)

    def remember_key(self, key: str, fingerprint: str, visit_code: str, at: datetime,
                     response: dict[str, Any] | None = None) -> None:
        self.session.add(IdempotencyKey(key=key, fingerprint=fingerprint, visit_code=visit_code,
                                        created_at=at, response=response))

    def count_issued(self, service_id: int, day: date, source: str) -> int:
        q = select(func.count()).where(
            Ticket.service_id == service_id, Ticket.day == day, Ticket.source == source
        )
        return int(self.session.scalar(q) or 0)

    def recent_service_minutes(
        self, service_id: int, since: datetime, limit: int = 20
    ) -> list[float]:
        begun = func.coalesce(Ticket.started_at, Ticket.called_at)
        q = (
            select(begun, Ticket.finished_at)
            .where(
                Ticket.service_id == service_id,
                Ticket.status == "done",
                Ticket.finished_at >= since,
                begun.is_not(None),
            )
            .order_by(Ticket.finished_at.desc())
            .limit(limit)
        )
        rows = self.session.execute(q).all()
        return [(end - start).total_seconds() / 60 for start, end in rows if start and end]

    def now_serving(self, facility_id: int) -> dict[int, Ticket]:
        q = (
            select(Ticket)
            .where(
                Ticket.facility_id == facility_id,
                Ticket.status.in_(("called", "serving")),
                Ticket.counter_id.is_not(None),
            )
            .order_by(Ticket.called_at)
        )
        return {t.counter_id: t for t in self.session.scalars(q) if t.counter_id is not None}

    def recent_calls(self, facility_id: int, since: datetime, limit: int = 10) -> list[Any]:
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


class Staff(_Repo):
    """Users and their login tokens."""

    def user_by_username(self, username: str) -> User | None:
        return self.session.scalar(select(User).where(User.username == username))

    def user(self, user_id: int) -> User | None:
        return self.session.get(User, user_id)

    def new_token(self, **fields: Any) -> AuthToken:
        token = AuthToken(**fields)
        self.session.add(token)
        return token

    def record_attempt(self, username: str, address: str, at: datetime, ok: bool) -> None:
        self.session.add(LoginAttempt(username=username[:60], address=address[:64], at=at, ok=ok))

    def recent_failures(self, since: datetime, username: str | None = None,
                        address: str | None = None) -> tuple[int, Any]:
        """(failed logins since `since`, time of the last one) for a username, an address
        or the pair of both (stored cut to 60 and 64 characters, so compared cut)."""
        q = select(func.count(), func.max(LoginAttempt.at)).where(
            LoginAttempt.ok.is_(False), LoginAttempt.at >= since)
        if username is not None:
            q = q.where(LoginAttempt.username == username[:60])
        if address is not None:
            q = q.where(LoginAttempt.address == address[:64])
        count, last = self.session.execute(q).one()
        return int(count or 0), last

    def revoke_token(self, token_id: int) -> None:
        token = self.session.get(AuthToken, token_id)
        if token is not None:
            token.revoked = True

    def tokens_by_id(self, token_ids: Sequence[int]) -> Sequence[AuthToken]:
        """The login tokens of these ids that still exist, with their users (one query)."""
        return self.session.scalars(
            select(AuthToken).where(AuthToken.id.in_(list(token_ids)))
            .options(joinedload(AuthToken.user))
        ).all()

    def revoke_user_tokens(self, user_id: int) -> None:
        """Every login of this user stops working (a deactivated user)."""
        self.session.execute(update(AuthToken).where(
            AuthToken.user_id == user_id, AuthToken.revoked.is_(False)).values(revoked=True))

    def token_by_hash(self, token_hash: str) -> AuthToken | None:
        return self.session.scalar(
            select(AuthToken)
            .where(AuthToken.token_hash == token_hash)
            .options(joinedload(AuthToken.user))
        )


def _upsert(session: Session, model: type, keys: dict[str, Any], fields: dict[str, Any]) -> Any:
    row = session.scalar(select(model).filter_by(**keys))
    if row is None:
        row = model(**keys)
        session.add(row)
    for name, value in fields.items():
        setattr(row, name, value)
    return row


class Configuration(_Repo):
    """Writes of the configuration loader: every call is an idempotent upsert by code."""

    def facility(self, code: str, **fields: Any) -> Facility:
        return _upsert(self.session, Facility, {"code": code}, fields)

    def service(self, facility: Facility, code: str, **fields: Any) -> Service:
        self.session.flush()
        return _upsert(self.session, Service, {"facility_id": facility.id, "code": code}, fields)

    def counter(self, facility: Facility, code: str, services: Sequence[Service],
                **fields: Any) -> Counter:
        self.session.flush()
        counter = _upsert(self.session, Counter, {"facility_id": facility.id, "code": code}, fields)
        self.session.flush()
        wanted = {s.id: rank for rank, s in enumerate(services)}
        counter.links = [link for link in counter.links if link.service_id in wanted]
        for link in counter.links:
            link.rank = wanted.pop(link.service_id)
        for service_id, rank in wanted.items():
            counter.links.append(CounterService(service_id=service_id, rank=rank))
        return counter

    def device(self, facility: Facility, code: str, **fields: Any) -> Device:
        self.session.flush()
        return _upsert(self.session, Device, {"facility_id": facility.id, "code": code}, fields)

    def user(self, username: str, **fields: Any) -> User:
        self.session.flush()
        return _upsert(self.session, User, {"username": username}, fields)
