"""Time zones: a facility's zone and the label every time shown or printed carries.

Indonesia has three zones: WIB (Waktu Indonesia Barat, UTC+7: Sumatra, Java, West and
Central Kalimantan), WITA (Waktu Indonesia Tengah, UTC+8: Bali, Nusa Tenggara, South,
East and North Kalimantan, Sulawesi) and WIT (Waktu Indonesia Timur, UTC+9: Maluku and
Papua). The label comes from the zone's name, in this one place; the server sends it
with every payload that carries times, so no page or printer guesses it.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .errors import InvalidInput

# The zone of a facility whose configuration names none.
DEFAULT_TIMEZONE = "Asia/Jakarta"

LABELS: dict[str, str] = {
    "Asia/Jakarta": "WIB", "Asia/Pontianak": "WIB",
    "Asia/Makassar": "WITA", "Asia/Ujung_Pandang": "WITA",
    "Asia/Jayapura": "WIT",
}


class UnknownTimeZone(InvalidInput):
    code = "invalid_timezone"
    text_id = ("Zona waktu '{timezone}' tidak dikenal (mis. Asia/Jakarta, Asia/Makassar, "
               "Asia/Jayapura).")
    text_en = ("Unknown time zone '{timezone}' (e.g. Asia/Jakarta, Asia/Makassar, "
               "Asia/Jayapura).")

    def __init__(self, timezone: str):
        super().__init__(timezone=timezone)


def _offset_label(offset: timedelta) -> str:
    """`UTC+7`, `UTC+5:30`, `UTC-3`, `UTC` for a zone outside Indonesia."""
    minutes = int(offset.total_seconds() // 60)
    if minutes == 0:
        return "UTC"
    sign = "+" if minutes > 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def tz_label(timezone: str, at: datetime | None = None) -> str:
    """The label printed after a time in `timezone`: WIB, WITA or WIT in Indonesia, else
    the UTC offset at `at` (now when None), e.g. `UTC+10`.

    Raises UnknownTimeZone (`invalid_timezone`) for a name the tz database does not know."""
    if timezone in LABELS:
        return LABELS[timezone]
    zone = zone_of(timezone)
    moment = (at or datetime.now(UTC)).astimezone(zone)
    return _offset_label(moment.utcoffset() or timedelta(0))


def zone_of(timezone: str) -> ZoneInfo:
    """The ZoneInfo of an IANA name; UnknownTimeZone (`invalid_timezone`) when unknown."""
    try:
        return ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise UnknownTimeZone(timezone) from None


def parse_timezone(value: object) -> str:
    """A facility's configured zone: the default when unset, else a known IANA name.

    Raises UnknownTimeZone (`invalid_timezone`)."""
    if value is None or value == "":
        return DEFAULT_TIMEZONE
    name = str(value).strip()
    zone_of(name)
    return name
