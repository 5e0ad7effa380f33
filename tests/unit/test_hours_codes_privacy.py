"""Opening hours, visit codes and masking of personal data."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from queue_server.domain.codes import ALPHABET, LENGTH, new_visit_code, normalise_code
from queue_server.domain.errors import InvalidInput
from queue_server.domain.hours import is_open, is_open_on, parse_hours
from queue_server.domain.privacy import mask_digits, mask_name, mask_text

WIB = ZoneInfo("Asia/Jakarta")
HOURS = parse_hours({"weekdays": "07:30-14:30", "fri": "07:30-11:00", "sat": "08:00-12:00"})


def at(day: int, hh: int, mm: int = 0) -> datetime:
    return datetime(2026, 11, 23 + day, hh, mm, tzinfo=WIB)  # 23 Nov 2026 is a Monday


def test_a_weekday_puskesmas_is_open_in_its_hours_only() -> None:
    assert is_open(HOURS, at(0, 7, 30), "Asia/Jakarta")
    assert not is_open(HOURS, at(0, 14, 30), "Asia/Jakarta")
    assert not is_open(HOURS, at(0, 7, 29), "Asia/Jakarta")


def test_friday_and_saturday_have_their_own_hours_and_sunday_is_closed() -> None:
    assert not is_open(HOURS, at(4, 11, 30), "Asia/Jakarta")
    assert is_open(HOURS, at(5, 9), "Asia/Jakarta")
    assert not is_open_on(HOURS, at(6, 9).date())


def test_24h_is_open_at_every_minute() -> None:
    always = parse_hours("24h")
    assert all(is_open(always, at(d, h, 59), "Asia/Jakarta") for d in range(7) for h in range(24))


@pytest.mark.parametrize("bad", ["7-14", "14:00-07:00", "25:00-26:00", {"funday": "24h"}, 5])
def test_unreadable_hours_are_refused(bad: object) -> None:
    with pytest.raises(InvalidInput):
        parse_hours(bad)


def test_visit_codes_are_long_unguessable_and_free_of_look_alike_characters() -> None:
    codes = {new_visit_code() for _ in range(2000)}
    assert len(codes) == 2000
    assert all(len(c) == LENGTH and set(c) <= set(ALPHABET) for c in codes)
    assert not set("01OIL") & set(ALPHABET)
    assert len(ALPHABET) ** LENGTH > 2**40


def test_a_typed_code_is_normalised() -> None:
    assert normalise_code(" ab3d-ef9 ") == "AB3DEF9"


def test_nik_and_names_are_masked() -> None:
    assert mask_digits("3578010101900001") == "3578********0001"
    assert mask_digits("123") == "***"
    assert mask_name("Siti Aminah") == "S*** A*****"


def test_personal_numbers_inside_log_text_are_masked() -> None:
    line = "nik=3578010101900001 bpjs=0001234567890 hp=081234567890"
    masked = mask_text(line)
    assert "3578010101900001" not in masked and "3578" in masked
    assert "0001234567890" not in masked
    assert "081234567890" not in masked
