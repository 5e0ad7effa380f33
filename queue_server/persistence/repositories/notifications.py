"""The outbox of patient messages (`notifications`): each kind sent once per ticket, and
the ones due for delivery."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite

from ..models import Notification
from .base import Repository


class Notifications(Repository):
    """Messages to patients waiting to be sent, and their delivery state."""

    def add(self, **fields: Any) -> None:
        """Insert unless this ticket already has one of this kind: each is sent once."""
        dialect = postgresql if self.on_postgres else sqlite
        stmt = dialect.insert(Notification).values(status="pending", attempts=0, **fields)
        self.session.execute(stmt.on_conflict_do_nothing(
            index_elements=[Notification.ticket_id, Notification.kind]))

    def due(self, now: datetime, limit: int) -> Sequence[Notification]:
        """Pending messages due at `now`, oldest first, at most `limit`; on PostgreSQL
        locked until commit, skipping those another process holds."""
        q = (
            select(Notification)
            .where(Notification.status == "pending", Notification.next_attempt_at <= now)
            .order_by(Notification.id)
            .limit(limit)
        )
        if self.on_postgres:
            q = q.with_for_update(skip_locked=True)  # several processes, one delivery
        return self.session.scalars(q).all()
