"""When a credential still holds: a staff login token, and a device's token.

One rule for every place that asks (a REST call, a socket's snapshot or heartbeat, the
sweep over live sockets): a staff token holds while it is not revoked, not expired and its
user is active; a device token holds while the device is active and still has that token.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from .errors import Unauthorized


class SessionEnded(Unauthorized):
    """A staff login that no longer holds: logged out, expired, or its user deactivated."""

    code = "session_expired"
    text_id = "Sesi sudah berakhir, silakan login lagi."
    text_en = "The session has ended; please log in again."


class LoggedOut(SessionEnded):
    """The login was ended by its own logout (told to the sockets it had open)."""

    code = "logged_out"
    text_id = "Anda sudah keluar. Sesi berakhir, silakan login lagi."
    text_en = "You logged out. The session has ended; please log in again."


class DeviceRevoked(Unauthorized):
    """A device token that no longer holds: the device was deactivated or given a new token."""

    code = "device_revoked"
    text_id = "Perangkat ini tidak aktif lagi atau tokennya sudah diganti."
    text_en = "This device is no longer active or its token was replaced."


def token_holds(token: Any, now: datetime) -> bool:
    """Whether a login token row (`revoked`, `expires_at`, `user.active`) still holds at
    `now` (aware, as the rows store it); None (no such row) never holds."""
    return (token is not None and not token.revoked and token.expires_at > now
            and bool(token.user.active))


def device_holds(device: Any, token_hash: str) -> bool:
    """Whether a device row (`active`, `token_hash`) still accepts the token whose hash is
    `token_hash`; None (no such device) never does."""
    return device is not None and bool(device.active) and device.token_hash == token_hash
