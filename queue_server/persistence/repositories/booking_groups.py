"""A group of bookings decided in one transaction (services/booking_groups.py): every
booking's day opened in one round trip, the numbers set and the rows written in the
COMMIT's. PostgreSQL only: SQLite's writers run one at a time anyway.

Locks are taken in one order by every group and every single booking: the patients'
day locks first (sorted by their hash, in one statement), then the services' number
rows (sorted by service and day), so two groups, or a group and a single booking, never
wait on each other in a circle."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, Integer, String, bindparam, delete, func, literal, select, update
from sqlalchemy.dialects import postgresql

from ..models import DailySequence, IdempotencyKey
from .base import Repository
from .booking_days import HOT_BOOKING_DAY_IDS, booking_day_key
from .hot import Hot

_DS, _KEYS = DailySequence.__table__, IdempotencyKey.__table__

_KEY = func.unnest(bindparam("keys", type_=postgresql.ARRAY(String))).column_valued("key")
_HASHED = select(func.hashtext(_KEY).label("h")).distinct().order_by("h").subquery("days")
# Every patient's day lock of the group, in the order of their hashes.
_LOCK_DAYS = Hot(select(func.count(func.pg_advisory_xact_lock(_HASHED.c.h))))
_SERVICE_IDS = bindparam("service_ids", type_=postgresql.ARRAY(Integer))
_DAYS = bindparam("days", type_=postgresql.ARRAY(Date))
_NUMBERS = func.unnest(_SERVICE_IDS, _DAYS).table_valued("service_id", "day").render_derived()
# The services' days' number rows, locked in order until the commit, with their last
# numbers: made (at 0) where a day has none yet; `_FORGET` removes those the group did
# not book in.
_OPEN_NUMBERS = Hot(
    postgresql.insert(_DS)
    .from_select(["service_id", "day", "last", "waiting"],
                 select(_NUMBERS.c.service_id, _NUMBERS.c.day, literal(0), literal(0))
                 .order_by(_NUMBERS.c.service_id, _NUMBERS.c.day))
    .on_conflict_do_update(index_elements=["service_id", "day"], set_={"last": _DS.c.last})
    .returning(_DS.c.service_id, _DS.c.day, _DS.c.last))
_LASTS = func.unnest(_SERVICE_IDS, _DAYS, bindparam("lasts", type_=postgresql.ARRAY(Integer))
                     ).table_valued("service_id", "day", "last").render_derived()
_SET_LASTS = Hot(update(_DS)
                 .where(_DS.c.service_id == _LASTS.c.service_id, _DS.c.day == _LASTS.c.day)
                 .values(last=_LASTS.c.last))
_FORGET = Hot(delete(_DS).where(_DS.c.service_id == _NUMBERS.c.service_id,
                                _DS.c.day == _NUMBERS.c.day, _DS.c.last == 0))
_FIND_KEYS = Hot(select(_KEYS.c.key).where(
    _KEYS.c.key == func.any(bindparam("keys", type_=postgresql.ARRAY(String)))))
_REMEMBER = Hot(_KEYS.insert())


class BookingGroups(Repository):
    """Several bookings' days read at once, under every lock they need."""

    def open_days(self, wanted: Sequence[tuple[str, int, date, bool]], keys: Sequence[str],
                  now: datetime) -> tuple[dict[tuple[int, date], int], list[Any], set[str]]:
        """For each booking wanted — (NIK, service id, day, JKN split) — its day's figures
        (`Bookings.booking_day`'s row, with new visit and ticket ids drawn), read after
        the patients' day locks and the services' number rows are held; all in one round
        trip, the transaction's BEGIN's included. Returns ({(service id, day): its last
        number}, the rows in the order wanted, the `keys` (Idempotency-Keys as stored)
        already used)."""
        locks = sorted({booking_day_key(nik, day) for nik, _, day, _ in wanted})
        numbers = sorted({(service_id, day) for _, service_id, day, _ in wanted})
        calls: list[tuple[Hot, dict[str, Any]]] = [
            (_LOCK_DAYS, {"keys": locks}),
            (_OPEN_NUMBERS, {"service_ids": [s for s, _ in numbers],
                             "days": [d for _, d in numbers]})]
        calls += [(HOT_BOOKING_DAY_IDS[split],
                   {"nik": nik, "service_id": service_id, "day": day, "now": now})
                  for nik, service_id, day, split in wanted]
        if keys:
            calls.append((_FIND_KEYS, {"keys": list(keys)}))
        rows = self._core_together(calls)
        lasts = {(r.service_id, r.day): int(r.last) for r in rows[1]}
        days = [r.one() for r in rows[2:2 + len(wanted)]]
        used = {r.key for r in rows[2 + len(wanted)]} if keys else set()
        return lasts, days, used

    def take_ids(self, day_row: Any) -> None:
        """The next new visit (`Tickets.insert_issued`) takes the ids drawn with this
        day's row, and its rows go with the COMMIT."""
        self._uow.ids_ahead = (int(day_row.new_visit_id), int(day_row.new_ticket_id))

    def set_lasts(self, lasts: dict[tuple[int, date], int]) -> None:
        """Each service's day's last number is now as given ({(service id, day): last});
        0: nothing was booked there: the row `open_days` made goes again (one that held a
        number stays). Sent with the COMMIT."""
        if not lasts:
            return
        pairs = sorted(lasts)
        self._uow.send_with_commit(_SET_LASTS, {
            "service_ids": [s for s, _ in pairs], "days": [d for _, d in pairs],
            "lasts": [lasts[pair] for pair in pairs]})
        unused = [pair for pair in pairs if not lasts[pair]]
        if unused:
            self._uow.send_with_commit(_FORGET, {"service_ids": [s for s, _ in unused],
                                                 "days": [d for _, d in unused]})

    def remember_key(self, key: str, fingerprint: str, visit_code: str, at: datetime) -> None:
        """A booking's Idempotency-Key (as stored) with its request and visit; with the
        COMMIT (`IdempotencyKeys.remember`, one round trip fewer)."""
        self._uow.send_with_commit(_REMEMBER, {"key": key, "fingerprint": fingerprint,
                                               "visit_code": visit_code, "created_at": at,
                                               "response": None})
