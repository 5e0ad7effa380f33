"""What an admin must hear of (`security_events`), and the reads of the start-up check
for demo or weak secrets (users flagged at load time, devices by token hash)."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from ..models import Device, LoginAttempt, SecurityEvent, User
from .base import Repository


class Security(Repository):
    """Security events, and the users and devices whose secrets are demo or weak ones."""

    def record(self, kind: str, subject: str, address: str, at: datetime,
               detail: dict[str, Any]) -> None:
        """One security event (subject cut to 80 characters, address to 64)."""
        self.session.add(SecurityEvent(kind=kind, subject=subject[:80], address=address[:64],
                                       at=at, detail=detail))

    def recorded_since(self, kind: str, subject: str, since: datetime) -> bool:
        """Whether an event of this kind about this subject was recorded at or after
        `since`."""
        q = select(SecurityEvent.id).where(SecurityEvent.kind == kind,
                                           SecurityEvent.subject == subject[:80],
                                           SecurityEvent.at >= since).limit(1)
        return self.session.scalar(q) is not None

    def events(self, since: datetime | None, until: datetime | None, kind: str | None,
               limit: int) -> Sequence[SecurityEvent]:
        """Events with `since` <= at < `until` (either may be None: unbounded), of one
        kind when given, newest first, at most `limit`."""
        q = select(SecurityEvent)
        if since is not None:
            q = q.where(SecurityEvent.at >= since)
        if until is not None:
            q = q.where(SecurityEvent.at < until)
        if kind is not None:
            q = q.where(SecurityEvent.kind == kind)
        q = q.order_by(SecurityEvent.at.desc(), SecurityEvent.id.desc()).limit(limit)
        return self.session.scalars(q).all()

    def failure_addresses(self, username: str, since: datetime) -> int:
        """How many addresses failed to log in as `username` since `since`."""
        q = select(func.count(func.distinct(LoginAttempt.address))).where(
            LoginAttempt.username == username, LoginAttempt.ok.is_(False),
            LoginAttempt.at >= since)
        return int(self.session.scalar(q) or 0)

    def weak_users(self) -> Sequence[User]:
        """Active users whose password was flagged weak when it was loaded, by name."""
        q = select(User).where(User.active.is_(True), User.weak_password.is_(True))
        return self.session.scalars(q.order_by(User.username)).all()

    def users_named(self, names: Collection[str]) -> Sequence[User]:
        """Active users with these usernames that are not flagged weak, by name."""
        q = select(User).where(User.username.in_(list(names)), User.active.is_(True),
                               User.weak_password.is_(False))
        return self.session.scalars(q.order_by(User.username)).all()

    def weak_devices(self) -> Sequence[Device]:
        """Active devices whose token was flagged weak when it was loaded, with their
        facility."""
        q = (select(Device).where(Device.active.is_(True), Device.weak_token.is_(True))
             .options(joinedload(Device.facility)).order_by(Device.id))
        return self.session.scalars(q).all()

    def device_token_known(self, token_hash: str) -> bool:
        """Whether any device, active or not, has this token hash."""
        q = select(Device.id).where(Device.token_hash == token_hash).limit(1)
        return self.session.scalar(q) is not None

    def devices_with_token_hashes(self, hashes: Collection[str]) -> Sequence[Device]:
        """Active devices whose token hash is one of `hashes`, with their facility."""
        q = (select(Device).where(Device.token_hash.in_(list(hashes)),
                                  Device.active.is_(True))
             .options(joinedload(Device.facility)).order_by(Device.id))
        return self.session.scalars(q).all()
