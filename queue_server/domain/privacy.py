"""Masking personal data for logs and for screens that must not show it whole."""

from __future__ import annotations

import re


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


_LONG_DIGITS = re.compile(r"(?<!\d)(\d{4})(\d{5,8})(\d{4})(?!\d)")
_PHONE = re.compile(r"(?<![\d+])((?:\+62|62|0)8\d{2})(\d{3,6})(\d{3})(?!\d)")


def mask_text(text: str) -> str:
    """Hide NIK-, BPJS- and phone-looking digit runs inside free text (log lines)."""
    text = _LONG_DIGITS.sub(lambda m: m.group(1) + "*" * len(m.group(2)) + m.group(3), text)
    return _PHONE.sub(lambda m: m.group(1) + "*" * len(m.group(2)) + m.group(3), text)
