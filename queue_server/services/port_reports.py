"""The port the reports read through: facilities as the reports see them, and each
ticket's moments (persistence/repositories/reports.py implements it)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Protocol

from ..domain.reports import TicketFacts
from ..domain.reports_tables import FacilityScope


class ReportsPort(Protocol):
    def scope(self, facility_id: int | None) -> list[FacilityScope]:
        """One facility (None: every facility, by code) with its services and counters."""

    def ticket_facts(self, service_ids: Sequence[int], start: date,
                     end: date) -> list[TicketFacts]:
        """The tickets of these services whose day is in [start, end], with their
        moments from the history rows (domain.reports.TicketFacts says which)."""
