"""The per-NIK daily limit across facilities (issue 12, point 8), and strict code reading."""

from __future__ import annotations

from datetime import date

import pytest

from queue_server.domain.booking_limits import (
    DEFAULT_BOOKINGS_PER_NIK_PER_DAY,
    DailyLimitReached,
    check_daily_limit,
)
from queue_server.domain.codes import normalise_code, read_code
from queue_server.domain.errors import InvalidInput

DAY = date(2026, 11, 23)


def test_two_active_bookings_a_day_by_default() -> None:
    assert DEFAULT_BOOKINGS_PER_NIK_PER_DAY == 2
    check_daily_limit(0, 2, DAY)
    check_daily_limit(1, 2, DAY)
    with pytest.raises(DailyLimitReached) as raised:
        check_daily_limit(2, 2, DAY)
    assert raised.value.code == "daily_limit" and raised.value.kind == "conflict"
    assert raised.value.message.startswith("NIK ini sudah memiliki 2 booking aktif pada "
                                           "23-11-2026 (batas 2 per hari")
    assert "2026-11-23" in raised.value.message_en


def test_a_limit_below_one_means_no_limit() -> None:
    check_daily_limit(50, 0, DAY)


@pytest.mark.parametrize("typed", ["ＡＢＣＤ－ＥＦＧＨ－ＪＫ", "https://x.example/t/abcd-efgh-jk",
                                   "%EF%BC%A1BCDEFGHJK"])
def test_codes_read_in_full_width_forms(typed: str) -> None:
    assert read_code(typed) == normalise_code(typed) == "ABCDEFGHJK"


def test_a_code_with_a_letter_of_another_script_is_refused_not_shortened() -> None:
    assert normalise_code("ABCDEFGHJ٣") == "ABCDEFGHJ"  # the lenient reader drops it
    with pytest.raises(InvalidInput) as raised:
        read_code("ABCDEFGHJ٣")
    assert raised.value.code == "invalid_code"
    assert raised.value.message.startswith("Kode booking ")
