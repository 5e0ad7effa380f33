"""One-time codes for phone bookings: 6 random digits, kept only salted and hashed."""

from __future__ import annotations

from datetime import timedelta

import pytest

from queue_server.domain.errors import InvalidInput
from queue_server.domain.phone_codes import (
    code_matches,
    hash_code,
    hold_time,
    new_code,
    read_code,
)


def test_codes_are_six_digits_and_vary() -> None:
    codes = {new_code() for _ in range(200)}
    assert all(len(c) == 6 and c.isdigit() for c in codes)
    assert len(codes) > 190


def test_a_code_is_stored_salted_and_only_its_own_code_matches() -> None:
    stored, again = hash_code("012345"), hash_code("012345")
    assert "012345" not in stored and stored != again          # a new salt each time
    assert code_matches("012345", stored) and code_matches("012345", again)
    assert not code_matches("012346", stored)
    assert not code_matches("012345", "plain$012345") and not code_matches("012345", "")


@pytest.mark.parametrize("typed", ["12345", "1234567", "12a456", "", "１２３４５６"])
def test_anything_but_six_ascii_digits_is_invalid(typed: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        read_code(typed)
    assert caught.value.code == "invalid_otp"


def test_a_hold_lasts_ten_minutes_unless_set_and_never_under_one() -> None:
    assert hold_time() == timedelta(minutes=10)
    assert hold_time(3) == timedelta(minutes=3) and hold_time(0.1) == timedelta(minutes=1)
