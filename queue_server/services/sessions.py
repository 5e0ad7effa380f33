"""Live sessions: what a socket was opened with, and whether that still holds.

A staff console's socket lives no longer than its login token, a board opened with a
display device's token no longer than that device's token. The live layer asks here on
every snapshot request and heartbeat, and a sweep asks for all its sockets at once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..domain.errors import Unauthorized
from ..domain.sessions import DeviceRevoked, SessionEnded, device_holds, token_holds
from .auth import Principal, hash_token
from .ports import Clock, UnitOfWork

TOKEN, DEVICE = "token", "device"


@dataclass(frozen=True)
class Credential:
    """A credential a live socket holds: a staff login (`auth_tokens.id`) or a device
    (`devices.id` with the hash of the token it showed)."""

    kind: str  # TOKEN or DEVICE
    id: int
    token_hash: str = ""


def credential_of(principal: Principal | None, token: str | None) -> Credential | None:
    """The credential an authenticated socket must keep: its staff login, or its device
    and token; None for an anonymous one."""
    if principal is None:
        return None
    if principal.kind == "staff" and principal.token_id is not None:
        return Credential(TOKEN, principal.token_id)
    if principal.kind == "device" and isinstance(token, str) and token:
        return Credential(DEVICE, principal.id, hash_token(token))
    return None


def lapsed(uow: UnitOfWork, clock: Clock,
           credentials: Iterable[Credential]) -> dict[Credential, Unauthorized]:
    """The credentials among these that no longer hold, each with why: SessionEnded for a
    login revoked, expired or of a deactivated user (or deleted); DeviceRevoked for a
    device deactivated, removed or given another token. At most two queries."""
    wanted = set(credentials)
    token_ids = sorted({c.id for c in wanted if c.kind == TOKEN})
    device_ids = sorted({c.id for c in wanted if c.kind == DEVICE})
    with uow:
        now = clock.now()
        holding = ({t.id for t in uow.staff.tokens_by_id(token_ids) if token_holds(t, now)}
                   if token_ids else set())
        devices = ({d.id: d for d in uow.directory.devices_by_id(device_ids)}
                   if device_ids else {})
    ended: dict[Credential, Unauthorized] = {}
    for credential in wanted:
        if credential.kind == TOKEN and credential.id not in holding:
            ended[credential] = SessionEnded()
        elif credential.kind == DEVICE and not device_holds(devices.get(credential.id),
                                                            credential.token_hash):
            ended[credential] = DeviceRevoked()
    return ended


def require_live(uow: UnitOfWork, clock: Clock, credential: Credential) -> None:
    """Nothing when the credential still holds; else raises SessionEnded or DeviceRevoked."""
    ended = lapsed(uow, clock, [credential]).get(credential)
    if ended is not None:
        raise ended
