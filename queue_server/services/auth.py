"""Who is asking: staff logins with bearer tokens, and devices with their own tokens."""

from __future__ import annotations

import hashlib
import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from werkzeug.security import check_password_hash, generate_password_hash

from ..domain import throttle
from ..domain.access import (
    STAFF,
    AdminOnly,
    InvalidCredentials,
    InvalidToken,
    LoginRequired,
    ReportsForbidden,
    RoleRequired,
    WrongFacility,
    device_role,
)
from ..domain.sessions import SessionEnded, device_holds, token_holds
from ..domain.throttle import TooManyFailedLogins
from .cache import Cache
from .port_records import TokenRow
from .ports import Clock, UnitOfWork
from .security_events import record_account_throttled

log = logging.getLogger(__name__)

# Staff roles (DESIGN.md): the deployment's admin, one facility's admin, one facility's
# counter staff, the city health office (reads every facility's reports), and staff who
# work only in offices (OPD: their roles there are office memberships, issue 16; bound
# to no facility, so every queue route refuses them as it refuses an operator of none).
ADMIN, FACILITY_ADMIN, OPERATOR, CITY = "admin", "facility_admin", "operator", "city"
OFFICE = "office"
STAFF_ROLES = (ADMIN, FACILITY_ADMIN, OPERATOR, CITY, OFFICE)
# The roles bound to one facility (a user of these names its `facility`).
FACILITY_ROLES = (FACILITY_ADMIN, OPERATOR)
KIOSK, DISPLAY = "kiosk", "display"
# Checked when the username is unknown, so a wrong name costs as long as a wrong password.
_DUMMY_HASH = generate_password_hash("not-a-password")


def _encodable(text: str) -> bool:
    try:
        text.encode()
    except UnicodeEncodeError:
        return False
    return True


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def hash_password(password: str) -> str:
    return generate_password_hash(password)


@dataclass(frozen=True)
class Principal:
    """An authenticated caller: a staff user or a device."""

    kind: str  # "staff" or "device"
    id: int
    name: str
    role: str  # STAFF_ROLES for staff, kiosk/display for devices
    facility_id: int | None
    token_id: int | None = None

    @property
    def actor(self) -> str:
        return f"{self.kind}:{self.name}"

    def require_staff(self) -> Principal:
        if self.kind != "staff":
            raise RoleRequired(STAFF)
        return self

    def require_device(self, role: str) -> Principal:
        if self.kind == "device" and self.role == role:
            return self
        raise RoleRequired(device_role(role))

    def require_admin(self) -> Principal:
        """This principal if it is a staff admin (the deployment's), else AdminOnly."""
        if self.kind == "staff" and self.role == ADMIN:
            return self
        raise AdminOnly()

    def require_admin_of(self, facility_id: int) -> Principal:
        """This principal if it may configure the facility: the deployment's admin, or
        that facility's facility_admin. Raises AdminOnly (403) for any other role,
        WrongFacility (403) for another facility's facility_admin."""
        if self.kind == "staff" and self.role == ADMIN:
            return self
        if self.kind != "staff" or self.role != FACILITY_ADMIN:
            raise AdminOnly()
        if self.facility_id != facility_id:
            raise WrongFacility()
        return self

    def require_reports_of(self, facility_id: int | None) -> Principal:
        """This principal if it may read the reports of `facility_id` (None: every
        facility side by side): admin and city any; a facility_admin its own facility.
        Raises ReportsForbidden (403) for operators and devices, WrongFacility (403) for a
        facility_admin asking for another facility or for all."""
        if self.kind == "staff" and self.role in (ADMIN, CITY):
            return self
        if self.kind != "staff" or self.role != FACILITY_ADMIN:
            raise ReportsForbidden()
        if facility_id is None or self.facility_id != facility_id:
            raise WrongFacility()
        return self

    def own_facility(self) -> int:
        """The facility a device or facility operator belongs to (WrongFacility for a
        caller bound to none, such as an admin)."""
        if self.facility_id is None:
            raise WrongFacility()
        return self.facility_id

    def require_facility(self, facility_id: int) -> Principal:
        if self.kind == "staff" and self.role == ADMIN:
            return self
        if self.facility_id != facility_id:
            raise WrongFacility()
        return self


def _check_throttle(uow: UnitOfWork, now: datetime, username: str, address: str) -> int:
    """Raise TooManyFailedLogins while this (account, address) pair, this address or (at a
    much higher count) this account must wait (domain/throttle.py); else return the
    account's failed logins within the window, from every address."""
    since = now - throttle.WINDOW
    pair = throttle.Failures(*uow.staff.recent_failures(since, username, address))
    by_address = throttle.Failures(*uow.staff.recent_failures(since, address=address))
    account = throttle.Failures(*uow.staff.recent_failures(since, username=username))
    verdict = throttle.judge(pair, by_address, account, now)
    if verdict.retry_after:
        raise TooManyFailedLogins(verdict.retry_after)
    return account.count


def login(
    uow: UnitOfWork, clock: Clock, username: str, password: str, ttl: timedelta,
    address: str = "unknown",
) -> tuple[str, Principal, str]:
    """Check the password and open a session; returns (token, principal, expiry ISO).

    Every try is recorded; after a few failures of one address for one name (or many of
    an address, or very many for a name from every address) the next try must wait, twice
    as long each time (TooManyFailedLogins, 429). A name held back account-wide is
    recorded as a security event. Raises InvalidCredentials (401 `invalid_credentials`)
    on a wrong name or password or an inactive user.
    """
    with uow:
        now = clock.now()
        account_failures = _check_throttle(uow, now, username, address)
        user = uow.staff.user_by_username(username)
        ok = check_password_hash(user.password_hash if user else _DUMMY_HASH, password)
        ok = bool(user and ok and user.active)
        uow.staff.record_attempt(username, address, now, ok)
        if not ok or user is None:
            if throttle.account_limit_engaged(account_failures + 1):
                record_account_throttled(uow, now, username, address, account_failures + 1)
            uow.commit()
            log.warning("failed login for %r from %s", username, address)
            raise InvalidCredentials()
        token = secrets.token_urlsafe(32)
        row = uow.staff.new_token(
            token_hash=hash_token(token), user_id=user.id, created_at=now, expires_at=now + ttl
        )
        uow.flush()
        principal = Principal("staff", user.id, user.username, user.role, user.facility_id, row.id)
        expires = row.expires_at.isoformat()
        uow.commit()
        return token, principal, expires


def logout(uow: UnitOfWork, principal: Principal,
           on_ended: Callable[[int], None] | None = None) -> None:
    """End this login: its token stops working at once. Once that is committed,
    `on_ended(token_id)` is told (the live layer cuts the sockets opened with it)."""
    with uow:
        if principal.token_id is not None:
            uow.staff.revoke_token(principal.token_id)
        uow.commit()
    if on_ended is not None and principal.token_id is not None:
        on_ended(principal.token_id)


# A staff login is checked in the database on every request (one indexed Core join), never
# remembered: a logout or a deactivation in any process ends it at the next request. A
# device token is only remembered as a device's, in the process's cache
# (services/cache.py), so the staff look-up is skipped; the device row is still read on
# every request, so a device deactivated or given a new token is refused at once. A route
# that hands its unit of work over (`claimed_device`) has that read made inside the use
# case's own transaction (`confirm_device`) instead of one of its own.
DEVICE_TTL = 600.0
DEVICE_TOKENS = "device-token"


class DeviceTokens:
    """The device token digests a cache has vouched for: `digest in DeviceTokens(cache)`."""

    def __init__(self, cache: Cache):
        self._cache = cache

    def __contains__(self, digest: object) -> bool:
        return self._cache.peek((DEVICE_TOKENS, digest), Principal) is not None


def _device(device: Any) -> Principal:
    return Principal("device", device.id, device.code, device.kind, device.facility_id)


def _staff(row: TokenRow, now: datetime) -> Principal:
    if not token_holds(row, now):
        raise SessionEnded()
    user = row.user
    return Principal("staff", user.id, user.username, user.role, user.facility_id, row.id)


def _looked_up(uow: UnitOfWork, now: datetime, digest: str, cached: bool) -> Principal:
    with uow:
        if not (cached and uow.cache.peek((DEVICE_TOKENS, digest), Principal) is not None):
            row = uow.staff.token_by_hash(digest)
            if row is not None:
                return _staff(row, now)
        device = uow.directory.device_by_token_hash(digest)
        if device is not None and device_holds(device, digest):
            found = _device(device)
            if cached:
                uow.cache.put((DEVICE_TOKENS, digest), found, DEVICE_TTL)
            return found
    if cached and uow.cache.peek((DEVICE_TOKENS, digest), Principal) is not None:
        uow.cache.forget((DEVICE_TOKENS, digest))
    raise InvalidToken()


def authenticate(uow: UnitOfWork, clock: Clock, token: str | None,
                 cached: bool = False) -> Principal:
    """The principal a bearer token belongs to: SessionEnded (401 `session_expired`) for a
    login revoked, expired or of a deactivated user, InvalidToken (401 `invalid_token`) for
    a token no one (or no active device) holds.

    `cached`: use and fill the process's cache of device tokens (see DEVICE_TTL above);
    the REST routes do, sockets check the database each time.

    Anything but a non-empty string of plain text (a number or a lone surrogate in a
    socket's `auth` payload) is no token at all: LoginRequired, never a crash."""
    if not isinstance(token, str) or not token or not _encodable(token):
        raise LoginRequired()
    digest = hash_token(token)
    return _looked_up(uow, clock.now(), digest, cached)


def claimed_device(cache: Cache, token: str | None) -> tuple[str, Principal] | None:
    """(token digest, device principal) when this process's `cache` has already vouched
    for `token` as an active device's, else None (then `authenticate`). A claim is not yet
    proof: the transaction that acts on it must first `confirm_device`."""
    if not isinstance(token, str) or not token or not _encodable(token):
        return None
    digest = hash_token(token)
    claimed = cache.peek((DEVICE_TOKENS, digest), Principal)
    return None if claimed is None else (digest, claimed)


def confirm_device(uow: UnitOfWork, digest: str, claimed: Principal) -> None:
    """Inside the caller's open transaction: the device row of `digest` is still active,
    still holds that token and is still the `claimed` device (code, kind, facility).
    Otherwise the claim is forgotten and InvalidToken (401 `invalid_token`) raised, so the
    transaction writes nothing: a device deactivated, given a new token or moved by the
    admin is refused at its next request, as with `authenticate`."""
    device = uow.directory.device_by_token_hash(digest)
    if device is not None and device_holds(device, digest) and _device(device) == claimed:
        return
    uow.cache.forget((DEVICE_TOKENS, digest))
    raise InvalidToken()
