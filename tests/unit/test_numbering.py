"""Queue numbers and the facility day they belong to."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from queue_server.domain.errors import InvalidInput
from queue_server.domain.numbering import format_number, service_day, validate_prefix


@pytest.mark.parametrize(
    ("prefix", "seq", "expected"),
    [("A", 1, "A-001"), ("A", 12, "A-012"), ("B", 240, "B-240"), ("C", 999, "C-999"),
     ("D", 1000, "D-1000"), ("KIA", 7, "KIA-007")],
)
def test_numbers_are_prefix_dash_and_at_least_three_digits(prefix, seq, expected) -> None:
    assert format_number(prefix, seq) == expected


def test_sequence_numbers_start_at_one() -> None:
    with pytest.raises(ValueError):
        format_number("A", 0)


@pytest.mark.parametrize("bad", ["", "a", "A1", "ABCD", "-"])
def test_a_prefix_must_be_one_to_three_capital_letters(bad: str) -> None:
    with pytest.raises(InvalidInput):
        validate_prefix(bad)


def test_the_day_turns_at_midnight_in_jakarta_not_utc() -> None:
    before = datetime(2026, 11, 23, 16, 59, tzinfo=UTC)  # 23:59 WIB
    after = datetime(2026, 11, 23, 17, 0, tzinfo=UTC)  # 00:00 WIB
    assert service_day(before, "Asia/Jakarta").isoformat() == "2026-11-23"
    assert service_day(after, "Asia/Jakarta").isoformat() == "2026-11-24"


def test_a_naive_moment_is_refused() -> None:
    with pytest.raises(ValueError):
        service_day(datetime(2026, 11, 23, 8, 0), "Asia/Jakarta")
