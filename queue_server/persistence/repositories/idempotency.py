"""Idempotency keys: a retried request (a walk-in, a booking, a counter command) gets the
answer of its first try instead of a second ticket."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ..models import IdempotencyKey
from .base import Repository


class IdempotencyKeys(Repository):
    """The keys requests came with, each with what the first request did."""

    def find(self, key: str) -> IdempotencyKey | None:
        """The stored row of this key (fingerprint, visit code, response), or None."""
        return self.session.get(IdempotencyKey, key)

    def remember(self, key: str, fingerprint: str, visit_code: str, at: datetime,
                 response: dict[str, Any] | None = None) -> None:
        """Store a key with its request's fingerprint, the visit it made and the
        response to give again (a JSON object), when there is one."""
        self.session.add(IdempotencyKey(key=key, fingerprint=fingerprint, visit_code=visit_code,
                                        created_at=at, response=response))
