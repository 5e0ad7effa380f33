"""Staff: users, their login tokens and the login attempts that throttle guessing."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, func, select, update
from sqlalchemy.orm import joinedload

from ..models import AuthToken, LoginAttempt, User
from .base import Repository


@dataclass(frozen=True)
class LoginUser:
    """The user behind a login, as the token check reads it."""

    id: int
    username: str
    password_hash: str
    role: str
    facility_id: int | None
    active: bool


@dataclass(frozen=True)
class Login:
    """A login token as the token check reads it (services.ports.TokenRow)."""

    id: int
    expires_at: datetime
    revoked: bool
    user: LoginUser


_LOGIN = (
    select(AuthToken.id, AuthToken.expires_at, AuthToken.revoked,
           User.id.label("user_id"), User.username, User.password_hash, User.role,
           User.facility_id, User.active)
    .join(User, User.id == AuthToken.user_id)
    .where(AuthToken.token_hash == bindparam("token_hash"))
)


class Staff(Repository):
    """Users and their login tokens."""

    def user_by_username(self, username: str) -> User | None:
        """The user of this username, or None."""
        return self.session.scalar(select(User).where(User.username == username))

    def user(self, user_id: int) -> User | None:
        """The user of this id, or None."""
        return self.session.get(User, user_id)

    def new_token(self, **fields: Any) -> AuthToken:
        """A new login token (an ORM object added to the session)."""
        token = AuthToken(**fields)
        self.session.add(token)
        return token

    def record_attempt(self, username: str, address: str, at: datetime, ok: bool) -> None:
        """One login attempt (username cut to 60 characters, address to 64)."""
        self.session.add(LoginAttempt(username=username[:60], address=address[:64], at=at, ok=ok))

    def recent_failures(self, since: datetime, username: str | None = None,
                        address: str | None = None) -> tuple[int, Any]:
        """(failed logins since `since`, time of the last one) for a username, an address
        or the pair of both (stored cut to 60 and 64 characters, so compared cut)."""
        q = select(func.count(), func.max(LoginAttempt.at)).where(
            LoginAttempt.ok.is_(False), LoginAttempt.at >= since)
        if username is not None:
            q = q.where(LoginAttempt.username == username[:60])
        if address is not None:
            q = q.where(LoginAttempt.address == address[:64])
        count, last = self.session.execute(q).one()
        return int(count or 0), last

    def revoke_token(self, token_id: int) -> None:
        """This login token stops working (nothing happens when it is gone)."""
        token = self.session.get(AuthToken, token_id)
        if token is not None:
            token.revoked = True

    def tokens_by_id(self, token_ids: Sequence[int]) -> Sequence[AuthToken]:
        """The login tokens of these ids that still exist, with their users (one query)."""
        return self.session.scalars(
            select(AuthToken).where(AuthToken.id.in_(list(token_ids)))
            .options(joinedload(AuthToken.user))
        ).all()

    def revoke_user_tokens(self, user_id: int) -> None:
        """Every login of this user stops working (a deactivated user)."""
        self.session.execute(update(AuthToken).where(
            AuthToken.user_id == user_id, AuthToken.revoked.is_(False)).values(revoked=True))

    def token_by_hash(self, token_hash: str) -> Login | None:
        """The login token with this hash, revoked or not, with its user, or None (Core,
        one indexed join: every staff request asks, so it is checked each time, never
        remembered, and a logout or deactivation anywhere ends it at once)."""
        row = self._core(_LOGIN, token_hash=token_hash).first()
        if row is None:
            return None
        user = LoginUser(row.user_id, row.username, row.password_hash, row.role,
                         row.facility_id, bool(row.active))
        return Login(row.id, row.expires_at, bool(row.revoked), user)
