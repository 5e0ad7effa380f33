"""A booking's day: the figures its rules are checked on (places taken, the patient's own
bookings, who is ahead), read under its locks: in one statement by a single booking
(bookings.py); by a group (booking_groups.py) each service's day once and every
patient's figures in one statement."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Date, Integer, String, and_, bindparam, case, func, literal, select, true
from sqlalchemy.dialects import postgresql

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

# A booking's day: places taken (and of them by JKN bookings: a visit with a BPJS card
# number, issue 19's split quota), this patient's own bookings, and how many patients are
# ahead of a new number. Each ticket's own visit by its key (aliased, apart from the
# patient's visits and tickets read by NIK).
TICKET_VISIT = _V.alias("ticket_visit")
_AV, _AT, _HT = _V.alias("nik_visit"), _T.alias("nik_ticket"), _T.alias("held_ticket")
HOLDS_PLACE = and_(_T.c.source == "booking", _T.c.status != TicketStatus.CANCELLED)
JKN_PLACE = and_(HOLDS_PLACE, TICKET_VISIT.c.bpjs_number.is_not(None))


def _places(jkn_split: bool, service_id: Any, day: Any, now: Any) -> tuple[Any, list[Any]]:
    """A service's day's places, over its tickets: (FROM, columns) with `booked`,
    `jkn_booked` (with `jkn_split`, counted through each ticket's visit: a lookup per
    ticket of the day; without, 0 and the day's tickets are read alone: a rush's
    PostgreSQL CPU per booking was mostly those lookups), `ahead` (every ticket of the
    day so far has a lower number than a new one) and `expired_holds` (the day's holds
    whose time is up at `now`: let go, then the day counted again)."""
    jkn = (func.count(case((JKN_PLACE, 1))) if jkn_split else literal(0)).label("jkn_booked")
    tickets = _T.join(TICKET_VISIT, TICKET_VISIT.c.id == _T.c.visit_id) if jkn_split else _T
    expired = (select(func.count())
               .select_from(_HT.join(_H, _H.c.ticket_id == _HT.c.id))
               .where(_HT.c.service_id == service_id, _HT.c.day == day,
                      _HT.c.status == TicketStatus.HELD, _H.c.expires_at <= now)
               .correlate_except(_HT, _H).scalar_subquery().label("expired_holds"))
    return tickets, [func.count(case((HOLDS_PLACE, 1))).label("booked"), jkn,
                     func.count(case((one_of(_T.c.status, AHEAD), 1))).label("ahead"), expired]


def _active(nik: Any, day: Any) -> Any:
    """The patient's active bookings that day at any facility (the daily limit)."""
    return (select(func.count(func.distinct(_AV.c.id)))
            .select_from(_AV.join(_AT, _AT.c.visit_id == _AV.c.id))
            .where(_AV.c.nik == nik, _AV.c.day == day,
                   one_of(_AV.c.channel, BOOKING_CHANNELS), one_of(_AT.c.status, ACTIVE))
            .scalar_subquery().label("active"))


def _mine(nik: Any, service_id: Any, day: Any) -> Any:
    """The patient's own active bookings of the service that day (one at most: the rule
    AlreadyBooked): over the patient's visits (the NIK's index), each visit's tickets by
    its key. Written so that no plan can read the day's tickets one by one instead,
    whatever the statistics say (a rush's fresh statistics took the day's tickets for
    one row, and then each was looked up by its visit)."""
    own = (select(func.count().filter(and_(_AT.c.service_id == service_id, _AT.c.day == day,
                                           _AT.c.source == "booking")))
           .where(_AT.c.visit_id == _AV.c.id, one_of(_AT.c.status, ACTIVE))
           .correlate_except(_AT).scalar_subquery())
    return (select(func.coalesce(func.sum(own), 0)).where(_AV.c.nik == nik)
            .scalar_subquery().label("mine"))


def booking_day_statement(jkn_split: bool) -> Any:
    """A booking's day's figures (above) for one patient, in one statement: `_places`,
    `_mine` and `_active`."""
    nik, service_id, day = bindparam("nik"), bindparam("service_id"), bindparam("day")
    tickets, places = _places(jkn_split, service_id, day, bindparam("now"))
    return (select(*places, _mine(nik, service_id, day), _active(nik, day))
            .select_from(tickets).where(_T.c.service_id == service_id, _T.c.day == day))


_INTS, _DATES = postgresql.ARRAY(Integer), postgresql.ARRAY(Date)
_PAIRS = func.unnest(bindparam("service_ids", type_=_INTS), bindparam("days", type_=_DATES)
                     ).table_valued("service_id", "day").render_derived("pairs")


def places_statement(jkn_split: bool) -> Any:
    """`_places` of several services' days at once (`service_ids`, `days`: arrays, one
    element per service's day): a row each, with its service id and day; each day read
    by its own index scan (a lateral subquery), as the single statement reads it."""
    tickets, places = _places(jkn_split, _PAIRS.c.service_id, _PAIRS.c.day, bindparam("now"))
    figures = (select(*places).select_from(tickets)
               .where(_T.c.service_id == _PAIRS.c.service_id, _T.c.day == _PAIRS.c.day)
               .lateral("places"))
    return select(_PAIRS.c.service_id, _PAIRS.c.day, figures).select_from(
        _PAIRS.join(figures, true()))


_WANTED = func.unnest(bindparam("niks", type_=postgresql.ARRAY(String)),
                      bindparam("service_ids", type_=_INTS), bindparam("days", type_=_DATES)
                      ).table_valued("nik", "service_id", "day", with_ordinality="n"
                                     ).render_derived("wanted")
# Several patients' own figures at once (`niks`, `service_ids`, `days`: one element per
# booking): `_mine` and `_active` each, in the order given, with a new visit's and
# ticket's ids drawn for each.
PATIENTS = select(_mine(_WANTED.c.nik, _WANTED.c.service_id, _WANTED.c.day),
                  _active(_WANTED.c.nik, _WANTED.c.day), *NEXT_IDS_PG
                  ).select_from(_WANTED).order_by(_WANTED.c.n)


def booking_day_key(nik: str, day: date) -> str:
    """The key of a patient's day lock (`_LOCK_PG`, hashed by the database)."""
    return f"booking-day:{nik}:{day.isoformat()}"


# Every single booking runs one, under the number's lock (hot.py); on PostgreSQL with the
# new visit's and ticket's ids drawn in the same statement. A group (booking_groups.py)
# runs `HOT_PLACES` (one for each kind of quota it books in) and `HOT_PATIENTS` once.
HOT_BOOKING_DAY = {split: Hot(booking_day_statement(split)) for split in (True, False)}
HOT_BOOKING_DAY_IDS = {split: Hot(booking_day_statement(split).add_columns(*NEXT_IDS_PG))
                        for split in (True, False)}
HOT_PLACES = {split: Hot(places_statement(split)) for split in (True, False)}
HOT_PATIENTS = Hot(PATIENTS)
