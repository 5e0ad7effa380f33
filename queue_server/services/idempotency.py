"""Idempotency-Key: a request sent again with the same key gets the first answer again.

One rule for bookings, kiosk walk-ins and counter actions (the IETF draft
"The Idempotency-Key HTTP Header Field"): the same key with the same request replays
the first result; the same key with another request is refused, 409
`idempotency_key_reused`. Keys are stored with a prefix naming who may use them.
"""

from __future__ import annotations

import hashlib
import json

from ..domain.idempotency import IdempotencyKeyReused, require_same_request
from .port_records import KeyRow
from .ports import JsonObject, UnitOfWork


def fingerprint(*parts: object) -> str:
    """A request's identity for its key: SHA-256 hex of its parts as sorted JSON."""
    body = json.dumps(parts, sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(body.encode()).hexdigest()


def previous(uow: UnitOfWork, key: str | None, print_: str) -> KeyRow | None:
    """The stored row of `key` when this same request came before; None when the key is
    new (or None). Raises IdempotencyKeyReused (409) when the key came
    with another request."""
    if key is None:
        return None
    seen = uow.idempotency.find(key)
    if seen is None:
        return None
    require_same_request(seen.fingerprint, print_)
    return seen


def replayed(uow: UnitOfWork, key: str | None, print_: str) -> JsonObject | None:
    """The reply first given to this same keyed request, or None when the key is new.

    Raises `idempotency_key_reused` like `previous`, also for a key stored without a
    reply (another kind of request)."""
    seen = previous(uow, key, print_)
    if seen is None:
        return None
    if seen.response is None:
        raise IdempotencyKeyReused()
    return dict(seen.response)
