"""The configured world: facilities, services, counters and devices, and the facility's
event numbers."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from sqlalchemy import bindparam, func, select, update
from sqlalchemy.orm import joinedload, selectinload

from ..models import Counter, CounterService, Device, Facility, Service
from .base import Repository
from .hot import Hot

if TYPE_CHECKING:
    from ...services.port_records import DeviceKey
    from ...services.port_rows import CounterRow

_D = Device.__table__
# A device token's holder, read on every request a kiosk or a board makes.
_DEVICE_BY_TOKEN = (
    select(_D.c.id, _D.c.facility_id, _D.c.code, _D.c.kind, _D.c.active, _D.c.token_hash)
    .where(_D.c.token_hash == bindparam("token_hash"), _D.c.active.is_(True))
)
_BUMP_SEQ = (
    update(Facility.__table__)
    .where(Facility.__table__.c.id == bindparam("facility_id"))
    .values(event_seq=Facility.__table__.c.event_seq + bindparam("count"))
    .returning(Facility.__table__.c.event_seq, Facility.__table__.c.epoch)
)


_COUNTER = (
    select(Counter)
    .where(Counter.facility_id == bindparam("facility_id"), Counter.code == bindparam("code"))
    .options(joinedload(Counter.facility, innerjoin=True),
             joinedload(Counter.links).joinedload(CounterService.service, innerjoin=True))
)


# Every kiosk request and every change's events run these (hot.py).
_HOT_BUMP_SEQ, _HOT_DEVICE_BY_TOKEN = Hot(_BUMP_SEQ), Hot(_DEVICE_BY_TOKEN)

class Directory(Repository):
    """Facilities, services, counters and devices: the configured world."""

    def facilities(self) -> Sequence[Facility]:
        """Every facility, by code."""
        return self.session.scalars(select(Facility).order_by(Facility.code)).all()

    def facility(self, code: str) -> Facility | None:
        """The facility of this code, or None."""
        return self.session.scalar(select(Facility).where(Facility.code == code))

    def facility_by_id(self, facility_id: int) -> Facility:
        """The facility of this id (sqlalchemy's NoResultFound when there is none)."""
        return self.session.get_one(Facility, facility_id)

    def find_facility(self, facility_id: int) -> Facility | None:
        """The facility of this id, or None."""
        return self.session.get(Facility, facility_id)

    def services(self, facility_id: int, active_only: bool = True,
                 on_boards: bool = False) -> Sequence[Service]:
        """A facility's services in display order; only the active ones unless told;
        `on_boards`: only those the waiting-room boards list (`shown_on_boards`)."""
        q = select(Service).where(Service.facility_id == facility_id)
        if active_only:
            q = q.where(Service.active.is_(True))
        if on_boards:
            q = q.where(Service.shown_on_boards.is_(True))
        return self.session.scalars(q.order_by(Service.position, Service.id)).all()

    def service(self, facility_id: int, code: str) -> Service | None:
        """A facility's service of this code, active or not, or None."""
        return self.session.scalar(
            select(Service).where(Service.facility_id == facility_id, Service.code == code)
        )

    def counters(self, facility_id: int) -> Sequence[Counter]:
        """A facility's active counters in display order, their services loaded."""
        q = (
            select(Counter)
            .where(Counter.facility_id == facility_id, Counter.active.is_(True))
            .options(selectinload(Counter.links).joinedload(CounterService.service))
            .order_by(Counter.position, Counter.id)
        )
        return self.session.scalars(q).all()

    def counters_with_code(self, code: str) -> Sequence[Counter]:
        """The active counters of this code, at every facility."""
        q = select(Counter).where(Counter.code == code, Counter.active.is_(True))
        return self.session.scalars(q).all()

    def counter(self, facility_id: int, code: str) -> Counter | None:
        """A facility's counter of this code, active or not, or None; its facility, its
        links and their services loaded in one query, as every counter command reads
        them (a service's facility is then the one already loaded: no query)."""
        found = self.session.scalars(_COUNTER, {"facility_id": facility_id, "code": code})
        return found.unique().first()

    def lock_counter(self, counter: CounterRow) -> None:
        """Serialise actions on one counter (a double click must not call two patients).

        On PostgreSQL the row is read again under the lock, so `counter` shows what the
        action that held the lock before committed (paused, for one)."""
        if self.on_postgres:
            self.session.execute(
                select(Counter).where(Counter.id == counter.id).with_for_update()
                .execution_options(populate_existing=True)
            )

    def open_counters(self, service_id: int) -> int:
        """How many active counters that are not paused serve this service."""
        q = (
            select(func.count())
            .select_from(CounterService)
            .join(Counter, Counter.id == CounterService.counter_id)
            .where(
                CounterService.service_id == service_id,
                Counter.active.is_(True),
                Counter.paused.is_(False),
            )
        )
        return int(self.session.scalar(q) or 0)

    def bump_event_seq(self, facility_id: int, count: int) -> tuple[int, str]:
        """Reserve `count` event numbers for a facility; returns the last one and the
        facility's epoch.

        The row stays locked until commit, so on PostgreSQL seq order is commit order.
        """
        seq, epoch = self._core(_HOT_BUMP_SEQ, facility_id=facility_id, count=count).one()
        return int(seq), str(epoch)

    def device_by_token_hash(self, token_hash: str) -> DeviceKey | None:
        """The active device with this token hash (id, facility_id, code, kind, active,
        token_hash), or None: one Core read, as every kiosk request makes it."""
        return self._core(_HOT_DEVICE_BY_TOKEN, token_hash=token_hash).first()

    def device_by_id(self, device_id: int) -> Device:
        """The device of this id (sqlalchemy's NoResultFound when there is none)."""
        return self.session.get_one(Device, device_id)

    def devices_by_id(self, device_ids: Sequence[int]) -> Sequence[Device]:
        """The devices of these ids that still exist, active or not (the sweep over live
        sockets checks them in one query)."""
        return self.session.scalars(select(Device).where(Device.id.in_(list(device_ids)))).all()

    def devices(self, facility_id: int) -> Sequence[Device]:
        """A facility's active devices, by code."""
        q = select(Device).where(Device.facility_id == facility_id, Device.active.is_(True))
        return self.session.scalars(q.order_by(Device.code)).all()

    def device(self, facility_id: int, code: str) -> Device | None:
        """A facility's device of this code, active or not, or None."""
        return self.session.scalar(
            select(Device).where(Device.facility_id == facility_id, Device.code == code)
        )
