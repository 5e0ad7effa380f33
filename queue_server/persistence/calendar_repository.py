"""City-wide closures (`city_closures`): the dates every facility of the deployment is
closed, with their reasons. Facility and service closures live on their own rows."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from sqlalchemy import delete, insert, select

from .models import CityClosure
from .repositories import _Repo

_CC = CityClosure.__table__


class CityClosures(_Repo):
    """Reads and replaces the city-wide closures, in Core on the transaction's connection."""

    def all(self) -> dict[date, str]:
        """Every city-wide closure: date → reason."""
        rows = self._core(select(_CC.c.day, _CC.c.reason))
        return {row.day: row.reason for row in rows}

    def replace(self, closures: Mapping[date, str]) -> int:
        """Make the table hold exactly `closures`; returns how many rows changed (0 when
        it already did: loading the same file twice changes nothing)."""
        before = self.all()
        gone = [day for day, reason in before.items() if closures.get(day) != reason]
        new = [{"day": day, "reason": reason} for day, reason in closures.items()
               if before.get(day) != reason]
        if gone:
            self._core(delete(_CC).where(_CC.c.day.in_(gone)))
        if new:
            self._uow.connection.execute(insert(_CC), new)
        return len(gone) + len(new)
