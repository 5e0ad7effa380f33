"""BPJS's request signature: the headers every call to the Antrean Online (antreanrs)
web service carries, and the signature the fake checks.

Source: BPJS Kesehatan's "Katalog BPJS" for the antrean web service (also read in the
public implementations named in ESERVICES.md): `X-signature` is the base64 of an
HMAC-SHA256 over `"{cons_id}&{timestamp}"` keyed with the consumer secret, the
timestamp being Unix seconds in UTC."""

from __future__ import annotations

import base64
import hashlib
import hmac


def signature(cons_id: str, secret: str, timestamp: int | str) -> str:
    """base64(HMAC-SHA256(key=secret, msg=f"{cons_id}&{timestamp}")), as BPJS checks
    it; `timestamp` in Unix seconds (UTC)."""
    message = f"{cons_id}&{timestamp}".encode()
    digest = hmac.new(secret.encode(), message, hashlib.sha256).digest()
    return base64.b64encode(digest).decode("ascii")


def headers(cons_id: str, secret: str, user_key: str, timestamp: int) -> dict[str, str]:
    """The headers of one signed call: `X-cons-id`, `X-timestamp` (Unix seconds, UTC),
    `X-signature`, `user_key` and `Content-Type: application/json` (the antrean service
    wants it even on GET). The same `timestamp` later decrypts the answer."""
    return {
        "X-cons-id": cons_id,
        "X-timestamp": str(timestamp),
        "X-signature": signature(cons_id, secret, timestamp),
        "user_key": user_key,
        "Content-Type": "application/json",
    }


def valid(cons_id: str, secret: str, timestamp: str, given: str) -> bool:
    """True when `given` is the signature of `cons_id` and `timestamp` (constant time)."""
    return hmac.compare_digest(signature(cons_id, secret, timestamp).encode(),
                               given.encode("utf-8", "replace"))
