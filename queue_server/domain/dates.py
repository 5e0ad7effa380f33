"""Dates in words, as patients read them: "Rabu, 2 Desember 2026" / "Wednesday, 2 December
2026" (the order of the Indonesian government's letters, Permendagri 1/2023 tata naskah).
The words come from the catalogue (`date.monday`, `date.january`: domain/texts.py)."""

from __future__ import annotations

from datetime import date

from .texts import text

DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")


def long_date(day: date, lang: str = "id") -> str:
    """`day` as words in `lang` ("id" or "en"): weekday, day, month, year."""
    weekday = text(f"date.{DAYS[day.weekday()]}", lang)
    month = text(f"date.{MONTHS[day.month - 1]}", lang)
    return f"{weekday}, {day.day} {month} {day.year}"
