"""Queue numbers: a service letter and the day's sequence (A-001), per facility day."""

from __future__ import annotations

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

from .errors import InvalidInput

_PREFIX = re.compile(r"^[A-Z]{1,3}$")


def format_number(prefix: str, seq: int) -> str:
    """`A-001` style: prefix, dash, at least three digits."""
    if seq < 1:
        raise ValueError("sequence numbers start at 1")
    return f"{prefix}-{seq:03d}"


def validate_prefix(prefix: str) -> str:
    if not _PREFIX.match(prefix or ""):
        raise InvalidInput(
            f"Prefix '{prefix}' harus 1-3 huruf kapital.",
            f"Prefix '{prefix}' must be 1-3 capital letters.",
            code="invalid_prefix",
        )
    return prefix


def service_day(moment: datetime, timezone: str) -> date:
    """The facility's calendar day for an aware moment: numbers restart at local midnight."""
    if moment.tzinfo is None:
        raise ValueError("moment must be timezone-aware")
    return moment.astimezone(ZoneInfo(timezone)).date()
