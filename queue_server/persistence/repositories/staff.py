"""Staff: users, their login tokens and the login attempts that throttle guessing."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import joinedload

from ..models import AuthToken, LoginAttempt, User
from .base import Repository


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

    def token_by_hash(self, token_hash: str) -> AuthToken | None:
        """The login token with this hash, revoked or not, its user loaded, or None."""
        return self.session.scalar(
            select(AuthToken)
            .where(AuthToken.token_hash == token_hash)
            .options(joinedload(AuthToken.user))
        )
