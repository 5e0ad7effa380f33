"""What a release takes from the app's configuration (base address of document links,
the city's time zone, the offices that procure and pay, the publisher), and the date
formats OCDS 1.1.5 asks for (RFC 3339 date-times)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from .ids import DEFAULT_PREFIX

DEFAULTS: dict[str, Any] = {
    # The body publishing the data (the release package's `publisher.name`).
    "OCDS_PUBLISHER": "Pemerintah Kota Surabaya",
    # The data's licence (OCDS recommends an Open Definition conformant one).
    "OCDS_LICENSE": "https://creativecommons.org/licenses/by/4.0/",
    # The office code of the procurement unit (UKPBJ: procuring entity of tenders) and of
    # the finance office (BPKAD: payer of the payments); the buyer stands in if absent.
    "OCDS_PROCUREMENT_OFFICE": "ukpbj",
    "OCDS_TREASURY_OFFICE": "bpkad",
}
FALLBACK_BASE = "http://localhost:5000"


@dataclass(frozen=True)
class Settings:
    """The configuration one release is built with."""

    prefix: str = DEFAULT_PREFIX
    base_url: str = FALLBACK_BASE
    timezone: str = "Asia/Jakarta"
    procurement_office: str = DEFAULTS["OCDS_PROCUREMENT_OFFICE"]
    treasury_office: str = DEFAULTS["OCDS_TREASURY_OFFICE"]

    def day_start(self, day: date) -> str:
        """`day`'s first moment in the city, as an RFC 3339 date-time with its offset."""
        return datetime.combine(day, time(0, 0), ZoneInfo(self.timezone)).isoformat()

    def day_end(self, day: date) -> str:
        """`day`'s last second in the city (a period's end, a due date)."""
        return datetime.combine(day, time(23, 59, 59), ZoneInfo(self.timezone)).isoformat()

    def month_end(self, month: str) -> str:
        """The last second of `month` ("YYYY-MM") in the city."""
        year, number = (int(part) for part in month.split("-"))
        following = date(year + number // 12, number % 12 + 1, 1)
        return self.day_end(date.fromordinal(following.toordinal() - 1))


def settings_of(config: Mapping[str, Any]) -> Settings:
    """The Settings of an app's `config` (defaults where a key is missing)."""
    return Settings(
        prefix=str(config.get("OCDS_PREFIX") or DEFAULT_PREFIX),
        base_url=str(config.get("PUBLIC_URL") or FALLBACK_BASE).rstrip("/"),
        timezone=str(config.get("CITY_TIMEZONE") or "Asia/Jakarta"),
        procurement_office=str(config.get("OCDS_PROCUREMENT_OFFICE")
                               or DEFAULTS["OCDS_PROCUREMENT_OFFICE"]),
        treasury_office=str(config.get("OCDS_TREASURY_OFFICE")
                            or DEFAULTS["OCDS_TREASURY_OFFICE"]))


def moment(value: datetime) -> str:
    """An aware datetime as UTC RFC 3339 (`2026-11-23T03:00:00Z`)."""
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def percent(value: Decimal | float) -> str:
    """A percentage as people write it in Indonesian: `62,5 %`, `100 %`."""
    return f"{Decimal(value).normalize():f}".replace(".", ",") + " %"


def rupiah(amount: int) -> dict[str, Any]:
    """An OCDS Value of `amount` whole rupiah."""
    return {"amount": int(amount), "currency": "IDR"}


def compact(data: Any) -> Any:
    """`data` without None values and empty lists or objects (OCDS: omit, not null),
    recursively."""
    if isinstance(data, dict):
        kept = {key: compact(value) for key, value in data.items()}
        return {key: value for key, value in kept.items()
                if value is not None and value != [] and value != {}}
    if isinstance(data, list):
        return [compact(item) for item in data]
    return data
