"""What the configuration loader writes: facilities, services, counters, devices and
users upserted by code, and the city-wide closures (`city_closures`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from ..models import CityClosure, Counter, CounterService, Device, Facility, Service, User
from .base import Repository

if TYPE_CHECKING:
    from ...services.port_rows import FacilityFull, ServiceRow

_CC = CityClosure.__table__


def _upsert(session: Session, model: type, keys: dict[str, Any], fields: dict[str, Any]) -> Any:
    row = session.scalar(select(model).filter_by(**keys))
    if row is None:
        row = model(**keys)
        session.add(row)
    for name, value in fields.items():
        setattr(row, name, value)
    return row


class Configuration(Repository):
    """Writes of the configuration loader: every call is an idempotent upsert by code."""

    def facility(self, code: str, **fields: Any) -> Facility:
        """The facility of `code`, made or updated with `fields` (its columns)."""
        return _upsert(self.session, Facility, {"code": code}, fields)

    def service(self, facility: FacilityFull, code: str, **fields: Any) -> Service:
        """The facility's service of `code`, made or updated with `fields`."""
        self.session.flush()
        return _upsert(self.session, Service, {"facility_id": facility.id, "code": code}, fields)

    def counter(self, facility: FacilityFull, code: str, services: Sequence[ServiceRow],
                **fields: Any) -> Counter:
        """The facility's counter of `code`, made or updated with `fields`, serving
        `services` ranked in their order (links to any other service are dropped)."""
        self.session.flush()
        counter = _upsert(self.session, Counter, {"facility_id": facility.id, "code": code}, fields)
        self.session.flush()
        wanted = {s.id: rank for rank, s in enumerate(services)}
        counter.links = [link for link in counter.links if link.service_id in wanted]
        for link in counter.links:
            link.rank = wanted.pop(link.service_id)
        for service_id, rank in wanted.items():
            counter.links.append(CounterService(service_id=service_id, rank=rank))
        return counter

    def device(self, facility: FacilityFull, code: str, **fields: Any) -> Device:
        """The facility's device of `code`, made or updated with `fields`."""
        self.session.flush()
        return _upsert(self.session, Device, {"facility_id": facility.id, "code": code}, fields)

    def user(self, username: str, **fields: Any) -> User:
        """The user `username`, made or updated with `fields`."""
        self.session.flush()
        return _upsert(self.session, User, {"username": username}, fields)


class CityClosures(Repository):
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
