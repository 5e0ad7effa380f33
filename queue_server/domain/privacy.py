"""Masking personal data for logs and for screens that must not show it whole."""

from __future__ import annotations

import re

from .codes import normalise_code


def mask_digits(value: str | None, keep_start: int = 4, keep_end: int = 4) -> str | None:
    """`3578010101900001` → `3578********0001`; short values are hidden entirely."""
    if not value:
        return value
    if len(value) <= keep_start + keep_end:
        return "*" * len(value)
    return value[:keep_start] + "*" * (len(value) - keep_start - keep_end) + value[-keep_end:]


def mask_name(value: str | None) -> str | None:
    """`Siti Aminah` → `S*** A*****`: enough for staff to confirm, not to identify."""
    if not value:
        return value
    return " ".join(w[0] + "*" * (len(w) - 1) for w in value.split())


# A number as people write it: digit groups joined by spaces, dashes (every kind), dots or
# brackets, also URL-encoded (`0812-3456-7890`, `(0812) 3456 7890`, `3578 0101 0190 0001`,
# `0812%203456%207890`, `0001 2345 67890`). Groups after the first have 3 to 5 digits, so
# dates (`2026-11-23 07:30`) and a decimal amount's one dot (`12345678.90`) stay apart.
# Digits chained by two dots or more are one number whatever the group sizes
# (`6281.2345.67890`, a NIK as `35.78.01.010190.0001`), and so are dotted digits starting
# with 0 (`0812.34567890`: no amount is written so). One dot after another first digit is
# a decimal point (`112.7520883`); an IPv4 address is kept (`_is_ipv4`); versions and
# dotted dates have fewer than MASK_FROM_DIGITS digits.
# `\d` is meant: full-width and other scripts' digits are the same number to a reader.
_SEPARATOR = r"(?:[\s\-\u2010-\u2015\u2212\ufe58\ufe63\uff0d.()]|%20|%2[dDeE]|%28|%29)"
_DOT = r"(?:\.|%2[eE])"
_NUMBER = re.compile(rf"0\d+(?:{_DOT}\d+)+"  # 0812.34567890
                     rf"|\d+(?:{_DOT}\d+){{2,}}"  # 6281.2345.67890
                     rf"|\d+(?:{_SEPARATOR}{{1,3}}\d{{3,5}}(?!\d))*")  # 0812-3456-7890
_TOKEN = re.compile(r"%[0-9A-Fa-f]{2}|\d|.", re.DOTALL)
_IPV4 = re.compile(r"(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})")
# The shortest personal number is a phone without its 0: 8 and nine digits.
MASK_FROM_DIGITS = 10
_KEEP_START = 4
_HIDE_AT_LEAST = 6


def _is_ipv4(text: str) -> bool:
    match = _IPV4.fullmatch(text)
    return match is not None and all(int(part) <= 255 for part in match.groups())


def _mask_number(match: re.Match[str]) -> str:
    """Digits after the first 4 hidden, at least 6 of them, at most 4 shown at the end;
    separators (and URL escapes) kept. Shorter numbers and IPv4 addresses stay."""
    text = match.group(0)
    tokens = _TOKEN.findall(text)
    count = sum(1 for t in tokens if len(t) == 1 and t.isdecimal())
    if count < MASK_FROM_DIGITS or _is_ipv4(text):
        return text
    hidden = max(_HIDE_AT_LEAST, count - 2 * _KEEP_START)
    out, seen = [], 0
    for token in tokens:
        if len(token) == 1 and token.isdecimal():
            seen += 1
            if _KEEP_START < seen <= _KEEP_START + hidden:
                token = "*"
        out.append(token)
    return "".join(out)


def mask_text(text: str) -> str:
    """Hide NIK-, BPJS- and phone-looking numbers inside free text (log lines).

    Every number of 10 digits or more, however grouped (see `_NUMBER`: `0812-3456-7890`,
    `6281.2345.67890`, `0001 2345 67890`), keeps its first 4 digits and at most its last
    4, with at least 6 hidden between:
    `3578010101900001` → `3578********0001`, `081234567890` → `0812******90`,
    `+62 812-3456-7890` → `+62 81*-****-*890`. Names cannot be recognised: never log them.
    """
    return _NUMBER.sub(_mask_number, text)


CODE_SHOWN = 2  # characters of a visit code a log line keeps


def mask_code(value: str) -> str:
    """A visit or booking code as a log line may show it: `57ABCDEFGH` → `57********`.

    A code is a credential (whoever holds it opens or cancels the booking), so only its
    first CODE_SHOWN characters stay, followed by 8 stars whatever its length. Any form
    the server accepts (lower case, grouped `ABCD-EFGH-JK`, the QR's whole address) is
    read as the code first (`normalise_code`), so every form shows the same start."""
    return normalise_code(value)[:CODE_SHOWN] + "*" * 8
