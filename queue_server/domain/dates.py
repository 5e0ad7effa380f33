"""Dates in words, as patients read them: "Rabu, 2 Desember 2026" / "Wednesday, 2 December
2026" (the order of the Indonesian government's letters, Permendagri 1/2023 tata naskah)."""

from __future__ import annotations

from datetime import date

DAYS = {"id": ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"),
        "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")}
MONTHS = {"id": ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
                 "September", "Oktober", "November", "Desember"),
          "en": ("January", "February", "March", "April", "May", "June", "July", "August",
                 "September", "October", "November", "December")}


def long_date(day: date, lang: str = "id") -> str:
    """`day` as words in `lang` ("id" or "en"): weekday, day, month, year."""
    words = "en" if lang == "en" else "id"
    return (f"{DAYS[words][day.weekday()]}, {day.day} {MONTHS[words][day.month - 1]} "
            f"{day.year}")
