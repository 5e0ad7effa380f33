"""What the admin reads and leaves behind: every service, counter, device and user as it
is configured (inactive ones too), the logins a deactivation ends, and the audit log."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload, selectinload

from ..access_models import AuthToken, Device, User
from ..admin_models import AuditEvent
from ..models import Counter, CounterService, Service
from .base import Repository


class AdminRecords(Repository):
    """Reads of the admin API (every object, active or not) and the audit log's rows."""

    def services(self, facility_id: int) -> Sequence[Service]:
        """Every service of the facility, active or not, in display order."""
        q = select(Service).where(Service.facility_id == facility_id)
        return self.session.scalars(q.order_by(Service.position, Service.id)).all()

    def service(self, facility_id: int, code: str) -> Service | None:
        """The facility's service of `code`, active or not, or None."""
        return self.session.scalar(select(Service).filter_by(facility_id=facility_id,
                                                             code=code))

    def counters(self, facility_id: int) -> Sequence[Counter]:
        """Every counter of the facility, active or not, in display order, with the
        services it calls."""
        q = (select(Counter).where(Counter.facility_id == facility_id)
             .options(selectinload(Counter.links).joinedload(CounterService.service))
             .order_by(Counter.position, Counter.id))
        return self.session.scalars(q).all()

    def counter(self, facility_id: int, code: str) -> Counter | None:
        """The facility's counter of `code`, active or not, or None."""
        return self.session.scalar(select(Counter).filter_by(facility_id=facility_id,
                                                             code=code))

    def devices(self, facility_id: int) -> Sequence[Device]:
        """Every device of the facility, active or not, by code."""
        q = select(Device).where(Device.facility_id == facility_id)
        return self.session.scalars(q.order_by(Device.code)).all()

    def device(self, facility_id: int, code: str) -> Device | None:
        """The facility's device of `code`, active or not, or None."""
        return self.session.scalar(select(Device).filter_by(facility_id=facility_id,
                                                            code=code))

    def users(self, facility_id: int | None) -> Sequence[User]:
        """Every user (`facility_id` None) or the users of one facility, by username."""
        q = select(User).options(joinedload(User.facility)).order_by(User.username)
        if facility_id is not None:
            q = q.where(User.facility_id == facility_id)
        return self.session.scalars(q).all()

    def user(self, username: str) -> User | None:
        """The user `username`, its facility loaded, or None."""
        return self.session.scalar(select(User).where(User.username == username)
                                   .options(joinedload(User.facility)))

    def live_token_ids(self, user_id: int) -> list[int]:
        """The ids of the user's logins not yet revoked (a deactivation cuts their sockets)."""
        q = select(AuthToken.id).where(AuthToken.user_id == user_id,
                                       AuthToken.revoked.is_(False))
        return list(self.session.scalars(q).all())

    def last_id(self) -> int:
        """The newest audit row's id (0 when there is none): it grows with every
        configuration change, from any process (services/config_watch.py)."""
        return int(self._core(select(func.max(AuditEvent.id))).scalar() or 0)

    def token_holder(self, token_hash: str) -> int | None:
        """The id of the device (any facility, active or not) whose token has this hash."""
        q = select(Device.id).where(Device.token_hash == token_hash)
        return self.session.scalars(q).first()

    def active_users(self, role: str) -> int:
        """How many active users have `role`."""
        q = select(func.count(User.id)).where(User.role == role, User.active.is_(True))
        return int(self.session.scalar(q) or 0)

    def record(self, **fields: Any) -> None:
        """Append one audit row (AuditEvent's columns)."""
        self.session.add(AuditEvent(**fields))

    def events(self, facility_id: int | None, since: datetime | None,
               until: datetime | None, limit: int) -> Sequence[AuditEvent]:
        """Audit rows, newest first: of one facility or all (None), `since` <= at < `until`."""
        q = select(AuditEvent)
        if facility_id is not None:
            q = q.where(AuditEvent.facility_id == facility_id)
        if since is not None:
            q = q.where(AuditEvent.at >= since)
        if until is not None:
            q = q.where(AuditEvent.at < until)
        q = q.order_by(AuditEvent.at.desc(), AuditEvent.id.desc()).limit(limit)
        return self.session.scalars(q).all()
