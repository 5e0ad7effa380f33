"""Bookings decided together: several patients' bookings in one transaction (a group
commit, issue 20's rush). Each booking's day is read once, for the whole group, under
the group's locks; what the group's earlier bookings took is added here, so each is
checked by the same rules (booking_limits.py) as if it had come alone, after them."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class DayFigures:
    """A booking's day as its rules see it: places taken on the service's day (`booked`,
    `jkn_booked` of them by JKN bookings), the NIK's active bookings of that service and
    day (`mine`) and of that day anywhere (`active`), and the patients booked or waiting
    there (`ahead`)."""

    booked: int
    jkn_booked: int
    mine: int
    ahead: int
    active: int


@dataclass
class GroupTally:
    """The places a group's accepted bookings took so far, by service and day, by NIK
    and service and day, and by NIK and day; none are in the figures read for the group
    (they are written at its commit)."""

    places: Counter[tuple[int, date]]
    jkn_places: Counter[tuple[int, date]]
    mine: Counter[tuple[str, int, date]]
    active: Counter[tuple[str, date]]

    @classmethod
    def empty(cls) -> GroupTally:
        """A group with nothing accepted yet."""
        return cls(Counter(), Counter(), Counter(), Counter())

    def seen(self, read: DayFigures, nik: str, service_id: int, day: date) -> DayFigures:
        """`read` (the day as the database had it when the group began) with what the
        group's bookings accepted before this one took: each of them is booked, so it
        also stands ahead of this one."""
        taken = self.places[service_id, day]
        return DayFigures(booked=read.booked + taken,
                          jkn_booked=read.jkn_booked + self.jkn_places[service_id, day],
                          mine=read.mine + self.mine[nik, service_id, day],
                          ahead=read.ahead + taken,
                          active=read.active + self.active[nik, day])

    def take(self, nik: str, service_id: int, day: date, jkn: bool) -> None:
        """Count an accepted booking (`jkn`: with a BPJS card number)."""
        self.places[service_id, day] += 1
        self.jkn_places[service_id, day] += int(jkn)
        self.mine[nik, service_id, day] += 1
        self.active[nik, day] += 1
