"""Which passwords and device tokens are too weak for a real deployment.

Outside a demo the server refuses to start while an active user has a weak password or an
active device a weak token. Password hashes are slow on purpose, so a password is judged
once, in clear, when it is loaded (`users.weak_password`); so is a device token
(`devices.weak_token`: shorter than MIN_TOKEN_LENGTH, well-known or the demo's). Rows
loaded before that flag existed are caught by their plain SHA-256 token hash, compared
with the hashes of the tokens listed here. A configuration may give a ready
`password_hash` instead (made by `python -m queue_server hash-password`, which refuses
weak passwords): its form is checked here too.
"""

from __future__ import annotations

import re

from .errors import InvalidInput, WeakPassword, Words
from .texts import both

MIN_PASSWORD_LENGTH = 10
# A device token is typed once into a kiosk's or board's setup and never by hand again:
# nothing excuses a short one (`secrets.token_urlsafe(24)` gives 32 characters).
MIN_TOKEN_LENGTH = 16
# What config/demo.yaml gives when its environment variables are unset.
DEMO_PASSWORD = "demo"
DEMO_USERNAMES = ("admin", "petugas")
DEMO_DEVICE_TOKENS = ("demo-kiosk", "demo-display")

# Passwords every guesser tries first: the usual lists' top, and the words of this trade
# (puskesmas, dinkes, antrian …) and of Indonesia. Compared without case.
WELL_KNOWN_PASSWORDS = frozenset({
    "demo", "admin", "administrator", "password", "password1", "password123", "passw0rd",
    "123456", "12345678", "123456789", "1234567890", "0123456789", "000000", "111111",
    "123123", "654321", "abc123", "qwerty", "qwerty123", "qwertyuiop", "1q2w3e4r",
    "iloveyou", "letmein", "welcome", "changeme", "secret", "default", "test", "guest",
    "rahasia", "rahasia123", "sandi", "katasandi", "puskesmas", "puskesmas123", "dinkes",
    "dinkes123", "antrian", "antrian123", "petugas", "petugas123", "operator", "loket",
    "admin123", "admin12345", "sehat", "bismillah", "bismillah123", "indonesia",
    "indonesia123", "merdeka", "merdeka45", "surabaya", "surabaya123", "jakarta",
    "sayang", "sayangku", "cintaku", "kiosk", "display", "token",
})

# Why a password or token is weak: the catalogue's `password.reason.*` says each. "weak"
# is a user's password judged weak when it was loaded (the reason is not kept).
REASONS = ("demo", "well_known", "too_short", "username", "weak", "demo_token",
           "well_known_token", "short_token", "weak_token")


def reason_words(reason: str) -> Words:
    """A reason of REASONS in words: `reason_words("too_short")` is ("kurang dari 10
    karakter", "shorter than 10 characters"). Raises KeyError for an unknown reason."""
    if reason not in REASONS:
        raise KeyError(reason)
    least = MIN_TOKEN_LENGTH if "token" in reason else MIN_PASSWORD_LENGTH
    return Words(*both(f"password.reason.{reason}", n=least))


def password_weakness(password: str, username: str | None = None) -> str | None:
    """Why `password` is weak (a key of REASONS: demo, well_known, too_short, username),
    or None when it is fit for a real deployment."""
    plain = password.strip().lower()
    if password == DEMO_PASSWORD:
        return "demo"
    if plain in WELL_KNOWN_PASSWORDS:
        return "well_known"
    if username is not None and plain == username.strip().lower():
        return "username"
    if len(password) < MIN_PASSWORD_LENGTH:
        return "too_short"
    return None


class PasswordsDiffer(InvalidInput):
    """`hash-password`: the password typed twice was not the same."""

    code = "passwords_differ"
    text_id = "Kedua kata sandi tidak sama."
    text_en = "The two passwords differ."


class PasswordEmpty(InvalidInput):
    code = "password_empty"
    text_id = "Kata sandi kosong."
    text_en = "The password is empty."


def require_strong_password(password: str, username: str | None = None) -> None:
    """Raise WeakPassword (saying why, in both languages) unless `password` is strong."""
    reason = password_weakness(password, username)
    if reason is not None:
        raise WeakPassword(reason_words(reason), MIN_PASSWORD_LENGTH)


def weak_tokens() -> dict[str, str]:
    """Device tokens refused outside a demo → why (a key of REASONS): the demo's own and
    every well-known password used as a token."""
    found = {token: "well_known_token" for token in WELL_KNOWN_PASSWORDS}
    found.update({token: "demo_token" for token in DEMO_DEVICE_TOKENS})
    return found


def token_weakness(token: str) -> str | None:
    """Why a device token is weak (a key of REASONS: demo_token, well_known_token,
    short_token), or None when it is fit for a real deployment."""
    if token in DEMO_DEVICE_TOKENS:
        return "demo_token"
    if token.strip().lower() in WELL_KNOWN_PASSWORDS:
        return "well_known_token"
    if len(token.strip()) < MIN_TOKEN_LENGTH:
        return "short_token"
    return None


# werkzeug's forms (`generate_password_hash`): scrypt:N:r:p$salt$hex, pbkdf2:hash:iter$salt$hex.
_SCRYPT = re.compile(r"scrypt:(\d{1,8}):(\d{1,3}):(\d{1,3})")
_PBKDF2 = re.compile(r"pbkdf2:(sha256|sha512):(\d{1,9})")
_REST = re.compile(r"[A-Za-z0-9]{8,64}\$(?:[0-9a-f]{64}|[0-9a-f]{128})")


def valid_password_hash(value: str) -> bool:
    """Whether `value` is a werkzeug password hash this server can check in reasonable
    time: scrypt (N a power of two from 2^14 to 2^20, r 1–32, p 1–16) or pbkdf2 with
    sha256/sha512 (100,000 to 10,000,000 iterations), a salt, and a hex digest."""
    method, sep, rest = value.partition("$")
    if not sep or not _REST.fullmatch(rest):
        return False
    if m := _SCRYPT.fullmatch(method):
        n, r, p = (int(g) for g in m.groups())
        return 2**14 <= n <= 2**20 and n & (n - 1) == 0 and 1 <= r <= 32 and 1 <= p <= 16
    if m := _PBKDF2.fullmatch(method):
        return 100_000 <= int(m.group(2)) <= 10_000_000
    return False
