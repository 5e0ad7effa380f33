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


class InvalidPrefix(InvalidInput):
    code = "invalid_prefix"
    text_id = "Prefix '{prefix}' harus 1-3 huruf kapital."
    text_en = "Prefix '{prefix}' must be 1-3 capital letters."

    def __init__(self, prefix: str):
        super().__init__(prefix=prefix)


def validate_prefix(prefix: str) -> str:
    """A service's ticket prefix: 1-3 capital letters, else InvalidPrefix."""
    if not _PREFIX.match(prefix or ""):
        raise InvalidPrefix(prefix)
    return prefix


def service_day(moment: datetime, timezone: str) -> date:
    """The facility's calendar day for an aware moment: numbers restart at local midnight."""
    if moment.tzinfo is None:
        raise ValueError("moment must be timezone-aware")
    return moment.astimezone(ZoneInfo(timezone)).date()
