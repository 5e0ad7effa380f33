"""Bookings: a service's booked day, one patient's bookings across every facility (found
through the NIK index, `ix_visits_nik`), and the holds of phone bookings waiting for
their one-time code."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import bindparam, case, func, insert, select, text, update

from ...domain.tickets import TicketStatus
from ..models import BookingHold, Facility, Notification, Service, Ticket, Visit
from .base import Repository
from .booking_days import (
    ACTIVE,
    AHEAD,
    BOOKING_CHANNELS,
    HOLDS_PLACE,
    HOT_BOOKING_DAY,
    HOT_BOOKING_DAY_IDS,
    JKN_PLACE,
    TICKET_VISIT,
    booking_day_key,
)
from .statements import one_of

if TYPE_CHECKING:
    from ...services.port_rows import TicketFacts

_V, _T = Visit.__table__, Ticket.__table__
_S, _F = Service.__table__, Facility.__table__
_H, _N = BookingHold.__table__, Notification.__table__
# A service's day: places taken, and of them by JKN bookings (the split quota's figures).
_BOOKED_SPLIT = (
    select(func.count(case((HOLDS_PLACE, 1))).label("booked"),
           func.count(case((JKN_PLACE, 1))).label("jkn_booked"))
    .select_from(_T.join(TICKET_VISIT, TICKET_VISIT.c.id == _T.c.visit_id))
    .where(_T.c.service_id == bindparam("service_id"), _T.c.day == bindparam("day"),
           _T.c.source == "booking")
)
# One NIK's booked visits that still hold a place: on a day, or from a day on.
_ACTIVE_ON_DAY = (
    select(func.count(func.distinct(_V.c.id)))
    .select_from(_V.join(_T, _T.c.visit_id == _V.c.id))
    .where(_V.c.nik == bindparam("nik"), _V.c.day == bindparam("day"),
           one_of(_V.c.channel, BOOKING_CHANNELS), one_of(_T.c.status, ACTIVE))
)
_ACTIVE_SINCE = (
    select(_T.c.number, _T.c.day, _T.c.status, _V.c.code,
           _F.c.code.label("facility_code"), _F.c.name.label("facility_name"),
           _F.c.timezone, _S.c.code.label("service_code"), _S.c.name.label("service_name"))
    .select_from(_V.join(_T, _T.c.visit_id == _V.c.id)
                 .join(_S, _S.c.id == _T.c.service_id).join(_F, _F.c.id == _T.c.facility_id))
    .where(_V.c.nik == bindparam("nik"), _V.c.phone == bindparam("phone"),
           one_of(_V.c.channel, BOOKING_CHANNELS), one_of(_T.c.status, ACTIVE),
           _T.c.day >= bindparam("since"))
    .order_by(_T.c.day, _T.c.issued_at, _T.c.id)
)
# A transaction-scoped lock per (NIK, day): two bookings of one patient for one day, at
# two facilities at once, count each other's rows (each service's own row lock does not
# cover the other service).
_LOCK_PG = text("SELECT pg_advisory_xact_lock(hashtext(:key))")


# Before every hold's expiry: `booking_day` without a time counts none as expired.
_NEVER = datetime(1970, 1, 1, tzinfo=UTC)

_INSERT_HOLD = insert(_H)
_HELD_PAST = (
    select(_T.c.id)
    .select_from(_T.join(_H, _H.c.ticket_id == _T.c.id))
    .where(_T.c.status == TicketStatus.HELD, _H.c.expires_at <= bindparam("now"))
)
# A held ticket leaves `held` once: the status test makes a racing confirm, sweep or
# lazy expiry of the same ticket change nothing (no row comes back).
_LEAVE_HELD = (
    update(_T)
    .where(_T.c.id.in_(bindparam("ids", expanding=True)), _T.c.status == TicketStatus.HELD)
    .values(status=bindparam("new_status"), finished_at=bindparam("now"),
            version=_T.c.version + 1)
    .returning(_T.c.id, _T.c.facility_id)
)
# The code's message is no use once its hold has gone: it is not sent, and the code is
# wiped from the outbox.
_DROP_CODE_MESSAGE = (
    update(_N)
    .where(_N.c.ticket_id.in_(bindparam("ids", expanding=True)),
           _N.c.kind == bindparam("message_kind"), _N.c.status == "pending")
    .values(status="dropped", payload=bindparam("wiped", type_=_N.c.payload.type))
)


class Bookings(Repository):
    """A service's booked day: the places its bookings hold and who is ahead."""

    def active_bookings(self, service_id: int, day: date) -> int:
        """Bookings that hold a place in the day's quota (cancelled ones gave theirs back)."""
        q = select(func.count()).where(
            Ticket.service_id == service_id, Ticket.day == day, Ticket.source == "booking",
            Ticket.status != TicketStatus.CANCELLED,
        )
        return int(self.session.scalar(q) or 0)

    def booked_split(self, service_id: int, day: date) -> tuple[int, int]:
        """(places taken, of them by JKN bookings) of a service's day: bookings not
        cancelled, unexpired holds included."""
        row = self._core(_BOOKED_SPLIT, service_id=service_id, day=day).one()
        return int(row.booked), int(row.jkn_booked)

    def quotas(self, service_id: int) -> tuple[int, int | None]:
        """(booking_quota, jkn_quota) of a service (KeyError when there is none)."""
        row = self._core(select(_S.c.booking_quota, _S.c.jkn_quota)
                         .where(_S.c.id == bindparam("service_id")),
                         service_id=service_id).first()
        if row is None:
            raise KeyError(service_id)
        return int(row.booking_quota), row.jkn_quota

    def booking_day(self, nik: str, service_id: int, day: date,
                    now: datetime | None = None, jkn_split: bool = True) -> Any:
        """(booked, jkn_booked, mine, ahead, active, expired_holds) of a service's day,
        for a patient about to book it: `active` the patient's active bookings that day
        at any facility, `expired_holds` the day's holds whose time is up at `now` (0
        without `now`); `jkn_booked` is 0 unless `jkn_split` (the service's quota is
        split between JKN patients and the others)."""
        return self._core(HOT_BOOKING_DAY[jkn_split], nik=nik, service_id=service_id,
                          day=day, now=now or _NEVER).one()

    def number_and_day(self, nik: str, service_id: int, day: date, *, lock: str | None,
                       now: datetime, jkn_split: bool) -> tuple[int, Any]:
        """A booking's new number (`Tickets.next_seq`, not joining the queue, with the
        patient's `lock`) and then its `booking_day`, sent in one round trip on
        PostgreSQL: the day is still read after the number's locks are held (the database
        runs the two in order), with two round trips fewer, the transaction's BEGIN's
        included (issue 20: the rush). There the new visit's and ticket's ids are drawn
        too (`uow.ids_ahead`), so the booking's rows go with its COMMIT."""
        number = self._uow.tickets.next_seq_statement(service_id, day, joins=False, lock=lock)
        figures = (HOT_BOOKING_DAY[jkn_split],
                   {"nik": nik, "service_id": service_id, "day": day, "now": now})
        if self.on_postgres:  # the new rows' ids too: they can then go with the COMMIT
            figures = (HOT_BOOKING_DAY_IDS[jkn_split], figures[1])
        seq_rows, day_rows = self._core_together([number, figures])
        day_row = day_rows.one()
        if self.on_postgres:
            self._uow.ids_ahead = (int(day_row.new_visit_id), int(day_row.new_ticket_id))
        return int(seq_rows.one()[0]), day_row

    def ahead_by_number(self, ticket: TicketFacts) -> int:
        """Booked or waiting tickets of the same day and service with a lower number."""
        q = select(func.count()).where(
            Ticket.service_id == ticket.service_id, Ticket.day == ticket.day,
            Ticket.status.in_(AHEAD), Ticket.seq < ticket.seq,
        )
        return int(self.session.scalar(q) or 0)


class Patients(Repository):
    """Reads a patient's bookings by NIK, in Core on the transaction's connection."""

    def lock_booking_day(self, nik: str, day: date) -> None:
        """Serialise the bookings of one NIK for one day until the transaction ends.

        PostgreSQL: an advisory lock keyed by NIK and day, taken before any service's
        number lock, so every booking takes its locks in the same order (no deadlock).
        SQLite needs none: every writing transaction begins IMMEDIATE, one at a time."""
        key = self.day_lock(nik, day)
        if key is not None:
            self._core(_LOCK_PG, key=key)

    def day_lock(self, nik: str, day: date) -> str | None:
        """The key of `lock_booking_day`'s lock (None on SQLite, which needs none), for a
        statement that takes it first itself (`Tickets.next_seq(lock=...)`)."""
        return booking_day_key(nik, day) if self.on_postgres else None

    def active_bookings_on(self, nik: str, day: date) -> int:
        """How many booked visits of this NIK on `day`, at any facility and service, still
        hold a place (a ticket booked, waiting, called or being served)."""
        return int(self._core(_ACTIVE_ON_DAY, nik=nik, day=day).scalar_one())

    def active_bookings(self, nik: str, phone: str, since: date) -> Sequence[Any]:
        """This NIK's booked visits given with this phone (both in their stored, normalised
        form) whose open ticket is on `since` or later: rows of number, day, status, code,
        facility_code, facility_name, timezone, service_code, service_name."""
        return self._core(_ACTIVE_SINCE, nik=nik, phone=phone, since=since).all()


class Holds(Repository):
    """Holds of phone bookings, in Core where the booking path runs on Core alone."""

    def add(self, ticket_id: int, otp_hash: str, expires_at: datetime) -> None:
        """Hold a booked ticket's place until `expires_at`, for the code hashed `otp_hash`."""
        self._core(_INSERT_HOLD, ticket_id=ticket_id, otp_hash=otp_hash,
                   expires_at=expires_at, attempts=0, confirmed_at=None)

    def of(self, ticket: Any, lock: bool = False) -> BookingHold | None:
        """The hold of a ticket (None for a booking made without a phone check).

        `lock`: read the ticket and its hold again under row locks until the transaction
        ends (PostgreSQL; SQLite writers run one at a time), so a confirm and a wrong
        code counted at once, or a confirm racing the hold's expiry, see each other."""
        q = select(BookingHold).where(BookingHold.ticket_id == ticket.id)
        if lock and self.on_postgres:
            self.session.execute(select(Ticket).where(Ticket.id == ticket.id)
                                 .with_for_update().execution_options(populate_existing=True))
            q = q.with_for_update().execution_options(populate_existing=True)
        return self.session.scalar(q)

    def expired_on(self, service_id: int, day: date, now: datetime) -> list[int]:
        """Held tickets of one service's day whose time is up (ids)."""
        q = _HELD_PAST.where(_T.c.service_id == service_id, _T.c.day == day)
        return [row.id for row in self._core(q, now=now)]

    def expired(self, now: datetime, limit: int = 200) -> list[int]:
        """Held tickets anywhere whose time is up (ids), oldest first, for the sweep."""
        q = _HELD_PAST.order_by(_H.c.expires_at).limit(limit)
        if self.on_postgres:
            q = q.with_for_update(of=_T, skip_locked=True)
        return [row.id for row in self._core(q, now=now)]

    def leave_held(self, ids: Sequence[int], status: str, now: datetime) -> list[Any]:
        """Move these tickets out of `held` into `status`; rows (id, facility_id) of those
        that were still held (the others were confirmed or dropped meanwhile)."""
        if not ids:
            return []
        return list(self._core(_LEAVE_HELD, ids=list(ids), new_status=status, now=now))

    def drop_code_messages(self, ids: Sequence[int], kind: str) -> None:
        """Unsent code messages of these tickets: not sent, their code wiped."""
        if ids:
            self._core(_DROP_CODE_MESSAGE, ids=list(ids), message_kind=kind,
                       wiped={"kind": kind, "wiped": True})
