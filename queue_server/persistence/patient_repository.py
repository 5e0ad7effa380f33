"""One patient's bookings across every facility, found through the NIK index
(`ix_visits_nik`): the per-NIK daily limit and "my bookings"."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import bindparam, func, or_, select, text

from .models import Facility, Service, Ticket, Visit
from .repositories import _Repo

_V, _T = Visit.__table__, Ticket.__table__
_S, _F = Service.__table__, Facility.__table__
# A ticket that still holds a place: not yet done, skipped or cancelled.
ACTIVE = ("booked", "waiting", "called", "serving")
# Visits made by booking (the phone or the patient page; BPJS's antrean when it comes).
BOOKING_CHANNELS = ("mobile", "bpjs")


def _one_of(column: Any, values: tuple[str, ...]) -> Any:
    """ORs of bound equalities: compiled once (an IN list is re-expanded on every call)."""
    return or_(*(column == bindparam(f"{column.name}_{v}", v) for v in values))


_ACTIVE_ON_DAY = (
    select(func.count(func.distinct(_V.c.id)))
    .select_from(_V.join(_T, _T.c.visit_id == _V.c.id))
    .where(_V.c.nik == bindparam("nik"), _V.c.day == bindparam("day"),
           _one_of(_V.c.channel, BOOKING_CHANNELS), _one_of(_T.c.status, ACTIVE))
)
_ACTIVE_SINCE = (
    select(_T.c.number, _T.c.day, _T.c.status, _V.c.code,
           _F.c.code.label("facility_code"), _F.c.name.label("facility_name"),
           _F.c.timezone, _S.c.code.label("service_code"), _S.c.name.label("service_name"))
    .select_from(_V.join(_T, _T.c.visit_id == _V.c.id)
                 .join(_S, _S.c.id == _T.c.service_id).join(_F, _F.c.id == _T.c.facility_id))
    .where(_V.c.nik == bindparam("nik"), _V.c.phone == bindparam("phone"),
           _one_of(_V.c.channel, BOOKING_CHANNELS), _one_of(_T.c.status, ACTIVE),
           _T.c.day >= bindparam("since"))
    .order_by(_T.c.day, _T.c.issued_at, _T.c.id)
)
# A transaction-scoped lock per (NIK, day): two bookings of one patient for one day, at
# two facilities at once, count each other's rows (each service's own row lock does not
# cover the other service).
_LOCK_PG = text("SELECT pg_advisory_xact_lock(hashtext(:key))")


class Patients(_Repo):
    """Reads a patient's bookings by NIK, in Core on the transaction's connection."""

    def lock_booking_day(self, nik: str, day: date) -> None:
        """Serialise the bookings of one NIK for one day until the transaction ends.

        PostgreSQL: an advisory lock keyed by NIK and day, taken before any service's
        number lock, so every booking takes its locks in the same order (no deadlock).
        SQLite needs none: every writing transaction begins IMMEDIATE, one at a time."""
        if self.on_postgres:
            self._core(_LOCK_PG, key=f"booking-day:{nik}:{day.isoformat()}")

    def active_bookings_on(self, nik: str, day: date) -> int:
        """How many booked visits of this NIK on `day`, at any facility and service, still
        hold a place (a ticket booked, waiting, called or being served)."""
        return int(self._core(_ACTIVE_ON_DAY, nik=nik, day=day).scalar_one())

    def active_bookings(self, nik: str, phone: str, since: date) -> Sequence[Any]:
        """This NIK's booked visits given with this phone (both in their stored, normalised
        form) whose open ticket is on `since` or later: rows of number, day, status, code,
        facility_code, facility_name, timezone, service_code, service_name."""
        return self._core(_ACTIVE_SINCE, nik=nik, phone=phone, since=since).all()
