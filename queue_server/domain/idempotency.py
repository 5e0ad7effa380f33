"""Idempotency-Key: the same key with the same request replays the first answer; the same
key with another request is refused."""

from __future__ import annotations

from .errors import DomainError


class IdempotencyKeyReused(DomainError):
    code = "idempotency_key_reused"
    text_id = "Idempotency-Key ini sudah dipakai untuk permintaan lain."
    text_en = "This Idempotency-Key was used for a different request."


def require_same_request(stored: str, given: str) -> None:
    """Raise IdempotencyKeyReused (409) unless a key's stored request fingerprint is the
    one `given` now."""
    if stored != given:
        raise IdempotencyKeyReused()
