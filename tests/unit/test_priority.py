"""Call order: priority classes first, but waiting time ages everyone."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from queue_server.domain.errors import InvalidInput
from queue_server.domain.priority import (
    DEFAULT_HEAD_START,
    Priority,
    parse_priority,
    queue_key,
)

T0 = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)


def order(arrivals: list[tuple[str, Priority, int]]) -> list[str]:
    """Names in call order for (name, priority, minutes after T0) arrivals, then by arrival."""
    keyed = [(queue_key(p, T0 + timedelta(minutes=m)), i, name)
             for i, (name, p, m) in enumerate(arrivals)]
    return [name for *_, name in sorted(keyed)]


def test_a_priority_patient_goes_before_a_regular_patient_who_arrived_with_them() -> None:
    assert order([("reg", Priority.REGULAR, 0), ("lansia", Priority.ELDERLY, 1)]) == [
        "lansia", "reg"]


@pytest.mark.parametrize("klass", [Priority.ELDERLY, Priority.DISABLED, Priority.PREGNANT,
                                   Priority.CHILD])
def test_every_priority_class_gets_the_same_head_start(klass: Priority) -> None:
    assert T0 - queue_key(klass, T0) == DEFAULT_HEAD_START


def test_a_regular_patient_who_waited_longer_than_the_head_start_is_not_starved() -> None:
    late = int(DEFAULT_HEAD_START.total_seconds() // 60) + 5
    assert order([("reg", Priority.REGULAR, 0), ("hamil", Priority.PREGNANT, late)]) == [
        "reg", "hamil"]


def test_an_emergency_goes_before_everyone_even_long_waiters() -> None:
    arrivals = [("reg", Priority.REGULAR, 0), ("lansia", Priority.ELDERLY, 10),
                ("darurat", Priority.EMERGENCY, 600)]
    assert order(arrivals)[0] == "darurat"


def test_equal_keys_fall_back_to_arrival_order() -> None:
    assert order([("a", Priority.REGULAR, 3), ("b", Priority.REGULAR, 3)]) == ["a", "b"]


def test_no_priority_means_regular_and_unknown_ones_are_refused() -> None:
    assert parse_priority(None) is Priority.REGULAR
    assert parse_priority("elderly") is Priority.ELDERLY
    with pytest.raises(InvalidInput) as caught:
        parse_priority("vip")
    assert caught.value.code == "invalid_priority"
