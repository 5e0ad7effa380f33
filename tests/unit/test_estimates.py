"""Estimated waiting times: seeded by the configured average, corrected by history."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from queue_server.domain.estimates import (
    NoCounterOpen,
    estimated_call_at,
    estimated_wait,
    minutes_per_patient,
    pace,
)


def test_without_history_the_configured_average_is_used() -> None:
    assert minutes_per_patient([], 8.0) == 8.0


def test_history_pulls_the_figure_towards_what_really_happens() -> None:
    few = minutes_per_patient([4.0], 8.0)
    many = minutes_per_patient([4.0] * 30, 8.0)
    assert 4.0 < many < few < 8.0
    assert many == pytest.approx(4.0, abs=0.5)


def test_one_outlier_is_left_out_so_it_cannot_wreck_the_estimate() -> None:
    assert minutes_per_patient([600.0], 5.0) == 5.0
    assert pace([600.0], 5.0).outliers == 1


def test_a_forgotten_finish_then_five_normal_patients_keeps_a_two_minute_pace() -> None:
    # Newest first, as the repository gives them: a patient left open for 150 minutes,
    # then five ordinary two-minute registrations.
    history = [2.1, 1.9, 2.0, 2.2, 1.8, 150.0]
    result = pace(history, 2.0)
    assert result.minutes == pytest.approx(2.0, rel=0.5)
    assert result.outliers == 1
    assert pace([150.0], 2.0).minutes == pytest.approx(2.0, rel=0.5)


def test_a_service_slower_than_configured_is_learnt_not_thrown_away() -> None:
    # Configured 2 minutes, really 7: the median of what happens sets the limit.
    result = pace([7.0, 6.5, 7.5, 7.0, 6.8, 7.2, 7.1, 6.9], 2.0)
    assert result.outliers == 0
    assert result.minutes > 5.0


def test_wait_is_people_ahead_times_minutes_over_open_counters() -> None:
    assert estimated_wait(6, 5.0, 2) == timedelta(minutes=15)
    assert estimated_wait(0, 5.0, 1) == timedelta(0)


@pytest.mark.parametrize("people_ahead", [0, 6])
def test_with_no_counter_open_there_is_no_estimate(people_ahead: int) -> None:
    # Every counter paused (or none serves the service): nobody is called, so no wait
    # can be given, not even "as if one counter were open".
    with pytest.raises(NoCounterOpen) as caught:
        estimated_wait(people_ahead, 5.0, 0)
    assert caught.value.code == "no_counter_open"
    assert caught.value.message == "Belum ada loket yang buka."
    with pytest.raises(NoCounterOpen):
        estimated_call_at(datetime(2026, 11, 23, 1, 0, tzinfo=UTC), 3, 4.0, 0)


def test_the_call_time_is_now_plus_the_wait() -> None:
    now = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)
    assert estimated_call_at(now, 3, 4.0, 1) == now + timedelta(minutes=12)
