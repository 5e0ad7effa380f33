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
from typing import Any, NamedTuple

from sqlalchemy import Date, Integer, String, bindparam, delete, func, literal, select, update
from sqlalchemy.dialects import postgresql

from ..models import DailySequence, IdempotencyKey
from .base import Repository
from .booking_days import HOT_PATIENTS, HOT_PLACES, booking_day_key
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


class GroupDay(NamedTuple):
    """A booking's day as a group reads it: its service's day's places (`booked`,
    `jkn_booked`, `ahead`, `expired_holds`), the patient's own bookings (`mine`,
    `active`), and the ids its new visit and ticket would take."""

    booked: int
    jkn_booked: int
    ahead: int
    expired_holds: int
    mine: int
    active: int
    new_visit_id: int
    new_ticket_id: int


def _group_day(place: Any, patient: Any) -> GroupDay:
    return GroupDay(place.booked, place.jkn_booked, place.ahead, place.expired_holds,
                    patient.mine, patient.active, patient.new_visit_id, patient.new_ticket_id)


def _pairs(pairs: Sequence[tuple[int, date]]) -> dict[str, list[Any]]:
    """Services' days as the statements' two arrays."""
    return {"service_ids": [s for s, _ in pairs], "days": [d for _, d in pairs]}


class BookingGroups(Repository):
    """Several bookings' days read at once, under every lock they need."""

    def open_days(self, wanted: Sequence[tuple[str, int, date, bool]], keys: Sequence[str],
                  now: datetime) -> tuple[dict[tuple[int, date], int], list[GroupDay], set[str]]:
        """For each booking wanted — (NIK, service id, day, JKN split) — its day's figures
        (`GroupDay`: `Bookings.booking_day`'s, with new visit and ticket ids drawn), read
        after the patients' day locks and the services' number rows are held; all in one
        round trip, the transaction's BEGIN's included, of six statements at most
        however many bookings. Returns ({(service id, day): its last number}, the figures
        in the order wanted, the `keys` (Idempotency-Keys as stored) already used)."""
        locks = sorted({booking_day_key(nik, day) for nik, _, day, _ in wanted})
        numbers = sorted({(service_id, day) for _, service_id, day, _ in wanted})
        kinds = {split: sorted({(s, d) for _, s, d, sp in wanted if sp == split})
                 for split in (True, False)}
        kinds = {split: pairs for split, pairs in kinds.items() if pairs}
        calls: list[tuple[Hot, dict[str, Any]]] = [
            (_LOCK_DAYS, {"keys": locks}), (_OPEN_NUMBERS, _pairs(numbers)),
            *((HOT_PLACES[split], {**_pairs(pairs), "now": now})
              for split, pairs in kinds.items()),
            (HOT_PATIENTS, {"niks": [w[0] for w in wanted], "service_ids": [w[1] for w in wanted],
                            "days": [w[2] for w in wanted]})]
        if keys:
            calls.append((_FIND_KEYS, {"keys": list(keys)}))
        rows = self._core_together(calls)
        lasts = {(r.service_id, r.day): int(r.last) for r in rows[1]}
        places = {(r.service_id, r.day): r for found in rows[2:2 + len(kinds)] for r in found}
        patients = rows[2 + len(kinds)].all()
        days = [_group_day(places[service_id, day], patients[i])
                for i, (_, service_id, day, _) in enumerate(wanted)]
        used = {r.key for r in rows[-1]} if keys else set()
        return lasts, days, used

    def take_ids(self, day_row: GroupDay) -> None:
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
        self._uow.send_with_commit(_SET_LASTS, {**_pairs(pairs),
                                                "lasts": [lasts[pair] for pair in pairs]})
        unused = [pair for pair in pairs if not lasts[pair]]
        if unused:
            self._uow.send_with_commit(_FORGET, _pairs(unused))

    def remember_key(self, key: str, fingerprint: str, visit_code: str, at: datetime) -> None:
        """A booking's Idempotency-Key (as stored) with its request and visit; with the
        COMMIT (`IdempotencyKeys.remember`, one round trip fewer)."""
        self._uow.send_with_commit(_REMEMBER, {"key": key, "fingerprint": fingerprint,
                                               "visit_code": visit_code, "created_at": at,
                                               "response": None})
