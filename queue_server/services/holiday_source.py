"""The production HolidaySource: Indonesia's national holidays and cuti bersama from the
`holidays` package (PyPI `holidays`, pinned in requirements.txt), with Indonesian names.

`categories=("public",)` gives the national holidays (Hari Raya Natal, Idul Fitri …);
`categories=("government",)` gives cuti bersama, the joint leave days the government
sets each year by SKB 3 Menteri (e.g. 2026-12-24 "Cuti Bersama Hari Raya Natal"). Dates
the package only estimates (lunar calendars, years not yet decreed) carry "(perkiraan)"
in their names. Each year is built once per process (about 45 ms) and kept.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from datetime import date
from types import MappingProxyType

COUNTRY = "ID"
LANGUAGE = "id"


class PackageHolidays:
    """`domain.calendar.HolidaySource` over the `holidays` package, cached per year."""

    def __init__(self) -> None:
        self._years: dict[tuple[str, int], Mapping[date, str]] = {}
        self._lock = threading.Lock()

    def national(self, year: int) -> Mapping[date, str]:
        """Public holidays of `year`: date → Indonesian name ("Hari Raya Natal")."""
        return self._year("public", year)

    def joint_leave(self, year: int) -> Mapping[date, str]:
        """Cuti bersama of `year`: date → name ("Cuti Bersama Hari Raya Natal")."""
        return self._year("government", year)

    def _year(self, category: str, year: int) -> Mapping[date, str]:
        found = self._years.get((category, year))
        if found is None:
            with self._lock:
                found = self._years.get((category, year))
                if found is None:
                    found = MappingProxyType(_load(category, year))
                    self._years[(category, year)] = found
        return found


def _load(category: str, year: int) -> dict[date, str]:
    import holidays  # imported on first use: the kiosk agent and CLI tools never need it

    days = holidays.country_holidays(COUNTRY, years=year, language=LANGUAGE,
                                     categories=(category,))
    return {day: str(name) for day, name in days.items()}


# The one source a process uses (see services.closures.calendar).
DEFAULT = PackageHolidays()
