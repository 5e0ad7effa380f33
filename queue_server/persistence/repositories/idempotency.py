"""Idempotency keys: a retried request (a walk-in, a booking, a counter command) gets the
answer of its first try instead of a second ticket."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, insert, select

from ..models import IdempotencyKey
from .base import Repository

_KEYS = IdempotencyKey.__table__
_FIND = select(_KEYS).where(_KEYS.c.key == bindparam("key"))
_INSERT = insert(_KEYS)


class IdempotencyKeys(Repository):
    """The keys requests came with, each with what the first request did."""

    def find(self, key: str) -> Any | None:
        """The stored row of this key (`fingerprint`, `visit_code`, `response`), or None
        (Core: every keyed request asks, and most keys are new)."""
        return self._core(_FIND, key=key).first()

    def remember(self, key: str, fingerprint: str, visit_code: str, at: datetime,
                 response: dict[str, Any] | None = None) -> None:
        """Store a key with its request's fingerprint, the visit it made and the
        response to give again (a JSON object), when there is one (Core, at once)."""
        self._core(_INSERT, key=key, fingerprint=fingerprint, visit_code=visit_code,
                   created_at=at, response=response)
