"""The port the reports read through: facilities as the reports see them, each ticket's
moments, and the daily roll-up of closed service days (persistence/repositories/
reports.py implements it)."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date
from typing import Protocol

from ..domain.reports import Entry, TicketFacts
from ..domain.reports_tables import FacilityScope


class ReportsPort(Protocol):
    def scope(self, facility_id: int | None) -> list[FacilityScope]:
        """One facility (None: every facility, by code) with all its services and
        counters, deactivated ones too (ServiceInfo.active / CounterInfo.active False)."""

    def ticket_facts(self, service_ids: Sequence[int], start: date, end: date,
                     unrolled_only: bool = False) -> list[TicketFacts]:
        """The tickets of these services whose day is in [start, end], with their
        moments from the history rows (domain.reports.TicketFacts says which);
        `unrolled_only`: only those of the days without a roll-up."""

    def rolled_up(self, service_ids: Sequence[int], start: date, end: date,
                  skip: Collection[tuple[int, date]] = ()) -> list[Entry]:
        """The rolled-up entries of these services' days in [start, end], but for the
        (service id, day) pairs in `skip`."""

    def store_day(self, service_id: int, day: date, entries: Sequence[Entry]) -> None:
        """Write (or rewrite) one closed service day's roll-up."""

    def not_rolled_up(self, limit: int) -> list[tuple[int, date, str]]:
        """Closed service days without a roll-up, oldest first, at most `limit`:
        (service id, day, the facility's timezone)."""
