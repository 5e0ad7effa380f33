"""Who is asking: staff logins with bearer tokens, and devices with their own tokens."""

from __future__ import annotations

import hashlib
import logging
import math
import secrets
import time
from dataclasses import dataclass
from datetime import datetime, timedelta

from werkzeug.security import check_password_hash, generate_password_hash

from ..domain import throttle
from ..domain.errors import Forbidden, RateLimited, Unauthorized
from .ports import Clock, UnitOfWork

log = logging.getLogger(__name__)

ADMIN, OPERATOR = "admin", "operator"
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
    role: str  # admin/operator for staff, kiosk/display for devices
    facility_id: int | None
    token_id: int | None = None

    @property
    def actor(self) -> str:
        return f"{self.kind}:{self.name}"

    def require_staff(self) -> Principal:
        if self.kind != "staff":
            raise Forbidden(
                "Perangkat ini tidak boleh melakukan tindakan petugas.",
                "A device cannot perform staff actions.",
            )
        return self

    def require_device(self, role: str) -> Principal:
        if self.kind == "device" and self.role == role:
            return self
        raise Forbidden(
            f"Hanya perangkat {role} yang boleh melakukan ini.",
            f"Only a {role} device may do this.",
        )

    def require_facility(self, facility_id: int) -> Principal:
        if self.kind == "staff" and self.role == ADMIN:
            return self
        if self.facility_id != facility_id:
            raise Forbidden(
                "Anda tidak berwenang di fasilitas ini.",
                "You are not authorised for this facility.",
                code="wrong_facility",
            )
        return self


class TooManyAttempts(RateLimited):
    code = "too_many_attempts"

    def __init__(self, retry_after: int):
        super().__init__(
            retry_after,
            f"Terlalu banyak percobaan login gagal; coba lagi dalam {retry_after} detik.",
            f"Too many failed logins; try again in {retry_after} seconds.",
        )


def _check_throttle(uow: UnitOfWork, now: datetime, username: str, address: str) -> None:
    since = now - throttle.WINDOW
    waits = []
    for column, value, free in (("username", username, throttle.FREE_FAILURES),
                                ("address", address, throttle.FREE_FAILURES_PER_ADDRESS)):
        failures, last = uow.staff.recent_failures(column, value, since)
        delay = throttle.login_delay(failures, free)
        if delay and last is not None and last + delay > now:
            waits.append(math.ceil((last + delay - now).total_seconds()))
    if waits:
        raise TooManyAttempts(max(waits))


def login(
    uow: UnitOfWork, clock: Clock, username: str, password: str, ttl: timedelta,
    address: str = "unknown",
) -> tuple[str, Principal, str]:
    """Check the password and open a session; returns (token, principal, expiry ISO).

    Every try is recorded; after a few failures for a name (or many for an address) the
    next try must wait, twice as long each time.
    """
    with uow:
        now = clock.now()
        _check_throttle(uow, now, username, address)
        user = uow.staff.user_by_username(username)
        ok = check_password_hash(user.password_hash if user else _DUMMY_HASH, password)
        ok = bool(user and ok and user.active)
        uow.staff.record_attempt(username, address, now, ok)
        if not ok:
            uow.commit()
            log.warning("failed login for %r from %s", username, address)
            raise Unauthorized(
                "Nama pengguna atau kata sandi salah.",
                "Wrong username or password.",
                code="invalid_credentials",
            )
        token = secrets.token_urlsafe(32)
        row = uow.staff.new_token(
            token_hash=hash_token(token), user_id=user.id, created_at=now, expires_at=now + ttl
        )
        uow.flush()
        principal = Principal("staff", user.id, user.username, user.role, user.facility_id, row.id)
        expires = row.expires_at.isoformat()
        uow.commit()
        return token, principal, expires


def logout(uow: UnitOfWork, principal: Principal) -> None:
    with uow:
        if principal.token_id is not None:
            uow.staff.revoke_token(principal.token_id)
        uow.commit()


# Kiosks send their token with every ticket; devices change rarely, so an app may keep
# what it learnt for a short while. A deactivated device is refused within DEVICE_TTL.
DEVICE_TTL = 30.0
DeviceCache = dict[str, tuple[Principal, float]]


def authenticate(uow: UnitOfWork, clock: Clock, token: str | None,
                 devices: DeviceCache | None = None) -> Principal:
    """The principal a bearer token belongs to, or Unauthorized.

    Anything but a non-empty string of plain text (a number or a lone surrogate in a
    socket's `auth` payload) is no token at all: Unauthorized, never a crash."""
    if not isinstance(token, str) or not token or not _encodable(token):
        raise Unauthorized(
            "Perlu login: kirim header Authorization: Bearer <token>.",
            "Login required: send an Authorization: Bearer <token> header.",
        )
    digest = hash_token(token)
    known = devices.get(digest) if devices is not None else None
    if known is not None and known[1] > time.monotonic():
        return known[0]
    with uow:
        row = uow.staff.token_by_hash(digest)
        if row is not None:
            if row.revoked or row.expires_at <= clock.now() or not row.user.active:
                raise Unauthorized(
                    "Sesi sudah berakhir, silakan login lagi.",
                    "The session has ended; please log in again.",
                    code="session_expired",
                )
            user = row.user
            return Principal("staff", user.id, user.username, user.role, user.facility_id, row.id)
        device = uow.directory.device_by_token_hash(digest)
        if device is not None:
            principal = Principal("device", device.id, device.code, device.kind,
                                  device.facility_id)
            if devices is not None:
                devices[digest] = (principal, time.monotonic() + DEVICE_TTL)
            return principal
    raise Unauthorized("Token tidak dikenal.", "Unknown token.", code="invalid_token")
