"""Booking holds: the places waiting for a phone's one-time code, and their expiry."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import bindparam, insert, select, update

from .models import BookingHold, Notification, Ticket
from .repositories import _Repo

_T, _H, _N = Ticket.__table__, BookingHold.__table__, Notification.__table__
_INSERT_HOLD = insert(_H)
_HELD_PAST = (
    select(_T.c.id)
    .select_from(_T.join(_H, _H.c.ticket_id == _T.c.id))
    .where(_T.c.status == "held", _H.c.expires_at <= bindparam("now"))
)
# A held ticket leaves `held` once: the status test makes a racing confirm, sweep or
# lazy expiry of the same ticket change nothing (no row comes back).
_LEAVE_HELD = (
    update(_T)
    .where(_T.c.id.in_(bindparam("ids", expanding=True)), _T.c.status == "held")
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


class Holds(_Repo):
    """Holds of phone bookings, in Core where the booking path runs on Core alone."""

    def add(self, ticket_id: int, otp_hash: str, expires_at: datetime) -> None:
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
