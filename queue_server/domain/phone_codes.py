"""One-time codes that prove a phone: a booking is held until the code sent to the phone
given with it comes back (services/booking_holds.py).

A code is 6 digits from `secrets`, kept only as a salted HMAC-SHA-256 (a stolen
database holds no usable code), compared in constant time, and good for `HOLD_MINUTES`
and `MAX_ATTEMPTS` wrong tries; then the hold is dropped and the place is free again.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from datetime import timedelta

from .errors import DomainError, InvalidInput

# How long a held place waits for its code (ANTRIAN_BOOKING_HOLD_MINUTES).
HOLD_MINUTES = 10.0
# Wrong codes a hold takes; the next wrong one drops it (409 `too_many_attempts`).
MAX_ATTEMPTS = 5
DIGITS = 6
_SCHEME = "hmac-sha256"


def new_code() -> str:
    """A fresh code: `DIGITS` decimal digits, uniformly random (`secrets`)."""
    return f"{secrets.randbelow(10 ** DIGITS):0{DIGITS}d}"


def _digest(salt: str, code: str) -> str:
    return hmac.new(bytes.fromhex(salt), code.encode(), hashlib.sha256).hexdigest()


def hash_code(code: str) -> str:
    """What is stored of a code: `hmac-sha256$<salt hex>$<digest hex>` (a new salt each)."""
    salt = secrets.token_hex(16)
    return f"{_SCHEME}${salt}${_digest(salt, code)}"


def code_matches(code: str, stored: str) -> bool:
    """True when `code` is the one `stored` was made from; constant time in the digest."""
    scheme, _, rest = stored.partition("$")
    salt, _, digest = rest.partition("$")
    if scheme != _SCHEME or not salt or not digest:
        return False
    return hmac.compare_digest(_digest(salt, code), digest)


def read_code(text: str) -> str:
    """A code as typed (spaces and dashes already dropped at the edge): exactly `DIGITS`
    ASCII digits, else InvalidInput (422 `invalid_otp`)."""
    if not isinstance(text, str) or not re.fullmatch(rf"[0-9]{{{DIGITS}}}", text):
        raise InvalidInput(f"Kode verifikasi harus {DIGITS} digit angka.",
                           f"The verification code must be {DIGITS} digits.",
                           code="invalid_otp")
    return text


def hold_time(minutes: float | None = None) -> timedelta:
    """How long a hold lasts: `minutes` (the setting), else HOLD_MINUTES; at least 1."""
    return timedelta(minutes=max(1.0, float(minutes or HOLD_MINUTES)))


class WrongCode(InvalidInput):
    """The code does not match (422 `wrong_otp`); `details["attempts_left"]` says how many
    wrong codes the hold still takes."""

    code = "wrong_otp"

    def __init__(self, attempts_left: int):
        super().__init__(
            f"Kode verifikasi salah. Sisa percobaan: {attempts_left}.",
            f"Wrong verification code. Tries left: {attempts_left}.")
        self.details = {"attempts_left": attempts_left}


class TooManyAttempts(DomainError):
    """Too many wrong codes: the hold is dropped and its place is free (409)."""

    code = "too_many_attempts"

    def __init__(self) -> None:
        super().__init__(
            f"Kode verifikasi salah {MAX_ATTEMPTS} kali; booking ini dibatalkan. Silakan "
            "booking ulang.",
            f"The verification code was wrong {MAX_ATTEMPTS} times; this booking is "
            "cancelled. Please book again.")


class HoldExpired(DomainError):
    """The hold's time ran out (or it was cancelled) before its code came back (409)."""

    code = "hold_expired"

    def __init__(self) -> None:
        super().__init__(
            "Waktu verifikasi sudah habis atau booking ini sudah dibatalkan; tempatnya "
            "sudah dilepas. Silakan booking ulang.",
            "The time to verify has run out or this booking was cancelled; its place was "
            "released. Please book again.")


class NotHeld(DomainError):
    """A booking made without a phone check has no code to confirm (409 `not_held`)."""

    code = "not_held"

    def __init__(self) -> None:
        super().__init__("Booking ini tidak memerlukan kode verifikasi.",
                         "This booking needs no verification code.")


class OwnerNikMismatch(DomainError):
    """The NIK on the KTP shown is not the booking's: staff may not void it (409)."""

    code = "nik_mismatch"

    def __init__(self) -> None:
        super().__init__(
            "NIK pada KTP tidak sama dengan NIK booking ini; booking tidak dibatalkan.",
            "The NIK on the ID card is not this booking's NIK; nothing was cancelled.")
