"""A booking's day in one statement: the figures its rules are checked on (places taken,
the patient's own bookings, who is ahead), read under its locks by a single booking
(bookings.py) and by each booking of a group (booking_groups.py)."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import and_, bindparam, case, func, literal, select

from ...domain.tickets import OPEN_STATUSES, TicketStatus
from ..models import BookingHold, Ticket, Visit
from .hot import Hot
from .statements import NEXT_IDS_PG, one_of

_V, _T, _H = Visit.__table__, Ticket.__table__, BookingHold.__table__
# A ticket that still holds a place: not yet done, skipped or cancelled.
ACTIVE = OPEN_STATUSES
# Patients still ahead of a booked number: booked or already waiting.
AHEAD = (TicketStatus.BOOKED, TicketStatus.WAITING)
# Visits made by booking (the phone or the patient page; BPJS's antrean when it comes).
BOOKING_CHANNELS = ("mobile", "bpjs")

# A booking's day in one round trip over the day's tickets: places taken (and of them by
# JKN bookings: a visit with a BPJS card number, issue 19's split quota), this patient's
# own booking, and how many patients are ahead of a new number (every ticket of the day so
# far has a lower one). The patient's visits come from the NIK index once (a hashed
# subplan), never a lookup per ticket of the day; each ticket's own visit by its key
# (aliased, so the NIK subquery is not correlated with it).
TICKET_VISIT = _V.alias("ticket_visit")
_AV, _AT, _HT = _V.alias("nik_visit"), _T.alias("nik_ticket"), _T.alias("held_ticket")
HOLDS_PLACE = and_(_T.c.source == "booking", _T.c.status != TicketStatus.CANCELLED)
JKN_PLACE = and_(HOLDS_PLACE, TICKET_VISIT.c.bpjs_number.is_not(None))


def booking_day_statement(jkn_split: bool) -> Any:
    """The booking day's figures (above): with `jkn_split`, JKN places counted through
    each ticket's visit (a lookup per ticket of the day); without, `jkn_booked` is 0 and
    the day's tickets are read alone (a rush's PostgreSQL CPU per booking was mostly
    those lookups)."""
    jkn = (func.count(case((JKN_PLACE, 1))) if jkn_split else literal(0)).label("jkn_booked")
    tickets = _T.join(TICKET_VISIT, TICKET_VISIT.c.id == _T.c.visit_id) if jkn_split else _T
    return (
        select(
            func.count(case((HOLDS_PLACE, 1))).label("booked"),
            jkn,
            func.count(case((one_of(_T.c.status, AHEAD), 1))).label("ahead"),
            func.count(case((and_(
                _T.c.visit_id.in_(select(_V.c.id).where(_V.c.nik == bindparam("nik"))),
                _T.c.source == "booking",
                one_of(_T.c.status, ACTIVE)), 1)))
            .label("mine"),
            # The patient's active bookings that day at any facility (the daily limit), and
            # the day's holds whose time is up (let go, then the day counted again): in the
            # same round trip, which runs while the number's lock is held.
            select(func.count(func.distinct(_AV.c.id)))
            .select_from(_AV.join(_AT, _AT.c.visit_id == _AV.c.id))
            .where(_AV.c.nik == bindparam("nik"), _AV.c.day == bindparam("day"),
                   one_of(_AV.c.channel, BOOKING_CHANNELS), one_of(_AT.c.status, ACTIVE))
            .scalar_subquery().label("active"),
            select(func.count())
            .select_from(_HT.join(_H, _H.c.ticket_id == _HT.c.id))
            .where(_HT.c.service_id == bindparam("service_id"), _HT.c.day == bindparam("day"),
                   _HT.c.status == TicketStatus.HELD, _H.c.expires_at <= bindparam("now"))
            .scalar_subquery().label("expired_holds"),
        )
        .select_from(tickets)
        .where(_T.c.service_id == bindparam("service_id"), _T.c.day == bindparam("day"))
    )


def booking_day_key(nik: str, day: date) -> str:
    """The key of a patient's day lock (`_LOCK_PG`, hashed by the database)."""
    return f"booking-day:{nik}:{day.isoformat()}"


# Every booking runs one, under the number's lock (hot.py); on PostgreSQL with the new
# visit's and ticket's ids drawn in the same statement.
HOT_BOOKING_DAY = {split: Hot(booking_day_statement(split)) for split in (True, False)}
HOT_BOOKING_DAY_IDS = {split: Hot(booking_day_statement(split).add_columns(*NEXT_IDS_PG))
                        for split in (True, False)}
