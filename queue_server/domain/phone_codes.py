"""One-time codes that prove a phone: a booking is held until the code sent to the phone
given with it comes back (services/booking_holds.py).

A code is 6 digits from `secrets`, kept only as a salted HMAC-SHA-256 (a stolen
database holds no usable code), compared in constant time, and good for `HOLD_MINUTES`
and `MAX_ATTEMPTS` wrong tries; then the hold is dropped and the place is free again.
Staff may void such a booking only on its owner's KTP, saying why.
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


class OtpNotDigits(InvalidInput):
    code = "invalid_otp"
    text_id = f"Kode verifikasi harus {DIGITS} digit angka."
    text_en = f"The verification code must be {DIGITS} digits."


def read_code(text: str) -> str:
    """A code as typed (spaces and dashes already dropped at the edge): exactly `DIGITS`
    ASCII digits, else OtpNotDigits (422 `invalid_otp`)."""
    if not isinstance(text, str) or not re.fullmatch(rf"[0-9]{{{DIGITS}}}", text):
        raise OtpNotDigits()
    return text


def hold_time(minutes: float | None = None) -> timedelta:
    """How long a hold lasts: `minutes` (the setting), else HOLD_MINUTES; at least 1."""
    return timedelta(minutes=max(1.0, float(minutes or HOLD_MINUTES)))


class WrongCode(InvalidInput):
    """The code does not match (422 `wrong_otp`); `details["attempts_left"]` says how many
    wrong codes the hold still takes."""

    code = "wrong_otp"
    text_id = "Kode verifikasi salah. Sisa percobaan: {attempts_left}."
    text_en = "Wrong verification code. Tries left: {attempts_left}."

    def __init__(self, attempts_left: int):
        super().__init__(attempts_left=attempts_left)
        self.details = {"attempts_left": attempts_left}


class TooManyAttempts(DomainError):
    """Too many wrong codes: the hold is dropped and its place is free (409)."""

    code = "too_many_attempts"
    text_id = (f"Kode verifikasi salah {MAX_ATTEMPTS} kali; booking ini dibatalkan. Silakan "
               "booking ulang.")
    text_en = (f"The verification code was wrong {MAX_ATTEMPTS} times; this booking is "
               "cancelled. Please book again.")


class HoldExpired(DomainError):
    """The hold's time ran out (or it was cancelled) before its code came back (409)."""

    code = "hold_expired"
    text_id = ("Waktu verifikasi sudah habis atau booking ini sudah dibatalkan; tempatnya "
               "sudah dilepas. Silakan booking ulang.")
    text_en = ("The time to verify has run out or this booking was cancelled; its place was "
               "released. Please book again.")


class NotHeld(DomainError):
    """A booking made without a phone check has no code to confirm (409 `not_held`)."""

    code = "not_held"
    text_id = "Booking ini tidak memerlukan kode verifikasi."
    text_en = "This booking needs no verification code."


class OwnerNikMismatch(DomainError):
    """The NIK on the KTP shown is not the booking's: staff may not void it (409)."""

    code = "nik_mismatch"
    text_id = "NIK pada KTP tidak sama dengan NIK booking ini; booking tidak dibatalkan."
    text_en = "The NIK on the ID card is not this booking's NIK; nothing was cancelled."


class VoidReasonRequired(InvalidInput):
    """Staff voiding a booking must say why."""

    code = "invalid_reason"
    text_id = "Tuliskan alasan pembatalan (minimal 3 huruf)."
    text_en = "Give the reason for voiding (at least 3 characters)."


def parse_void_reason(text: str | None) -> str:
    """Why staff void a booking: spaces tidied, at least 3 characters (VoidReasonRequired),
    kept to 300."""
    reason = " ".join((text or "").split())
    if len(reason) < 3:
        raise VoidReasonRequired()
    return reason[:300]
