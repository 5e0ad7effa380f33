"""Desk rules: a stale console view is refused, typed numbers are read, priorities change
only with a reason, devices go offline after two missed heartbeats."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from queue_server.domain.counters import (
    SeenCurrent,
    parse_reason,
    parse_ticket_number,
    priority_change,
    require_seen,
)
from queue_server.domain.devices import is_online, printer_state
from queue_server.domain.errors import DomainError, InvalidInput, StaleView
from queue_server.domain.priority import Priority

STATE = {"code": "loket-1", "name": "Loket 1", "paused": False,
         "ticket": {"number": "A-002", "status": "called"}}


def test_a_view_that_matches_the_counter_passes() -> None:
    require_seen(SeenCurrent("A-002"), "A-002", STATE)
    require_seen(SeenCurrent(" a-002 "), "A-002", STATE)
    require_seen(SeenCurrent(None), None, {**STATE, "ticket": None})


def test_no_view_sent_always_passes() -> None:
    require_seen(None, "A-002", STATE)


@pytest.mark.parametrize("seen", ["A-001", None, ""])
def test_a_view_of_another_patient_is_stale_and_carries_the_counter(seen: str | None) -> None:
    with pytest.raises(StaleView) as raised:
        require_seen(SeenCurrent(seen), "A-002", STATE)
    assert raised.value.code == "stale_view"
    assert raised.value.details == {"counter": STATE}
    assert "A-002" in raised.value.message and "A-002" in raised.value.message_en


def test_a_view_that_saw_a_patient_where_there_is_none_is_stale() -> None:
    with pytest.raises(StaleView) as raised:
        require_seen(SeenCurrent("A-001"), None, {**STATE, "ticket": None})
    assert "tidak ada pasien" in raised.value.message


@pytest.mark.parametrize("typed", ["A-012", "a12", "A 012", " a-12 ", "A012", "12", "012"])
def test_every_way_staff_type_a_number_reads_as_it(typed: str) -> None:
    assert parse_ticket_number(typed, ["A"]) == "A-012"


def test_a_bare_number_needs_its_letter_at_a_counter_with_several_services() -> None:
    assert parse_ticket_number("b7", ["A", "B"]) == "B-007"
    with pytest.raises(InvalidInput) as raised:
        parse_ticket_number("7", ["A", "B"])
    assert raised.value.code == "invalid_number" and "A, B" in raised.value.message


@pytest.mark.parametrize("typed", ["", "xyz", "A-0", "A-12-3", "ABCD-1", "12345678"])
def test_what_is_not_a_number_is_refused_with_an_example(typed: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        parse_ticket_number(typed, ["A"])
    assert raised.value.code == "invalid_number" and "A-012" in raised.value.message


def test_a_reason_is_required_and_tidied() -> None:
    assert parse_reason("  lansia   72 tahun ") == "lansia 72 tahun"
    for bad in (None, "", "  ", "ok", "x" * 201):
        with pytest.raises(InvalidInput) as raised:
            parse_reason(bad)
        assert raised.value.code == "reason_required"


def test_a_priority_changes_while_the_ticket_is_open() -> None:
    assert priority_change("waiting", "A-001", "regular", "elderly") is Priority.ELDERLY
    assert priority_change("serving", "A-001", "elderly", "regular") is Priority.REGULAR


def test_a_priority_change_that_changes_nothing_or_comes_too_late_is_refused() -> None:
    with pytest.raises(DomainError) as same:
        priority_change("waiting", "A-001", "elderly", "elderly")
    assert same.value.code == "priority_unchanged" and "Lansia" in same.value.message
    with pytest.raises(DomainError) as late:
        priority_change("done", "A-001", "regular", "elderly")
    assert late.value.code == "ticket_closed"
    with pytest.raises(InvalidInput) as unknown:
        priority_change("waiting", "A-001", "regular", "vip")
    assert unknown.value.code == "invalid_priority"


NOW = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)


def test_a_device_is_online_until_it_misses_two_heartbeats() -> None:
    assert is_online(NOW - timedelta(seconds=59), NOW)
    assert is_online(NOW - timedelta(seconds=60), NOW)
    assert not is_online(NOW - timedelta(seconds=61), NOW)
    assert not is_online(None, NOW)


def test_a_kiosk_reports_its_printer_and_a_board_has_none() -> None:
    state = printer_state("kiosk", {"printer": "online", "paper": "low", "jobs_waiting": 2,
                                    "last_error": None, "taking_numbers": True})
    assert state == {"printer": "online", "paper": "low", "jobs_waiting": 2,
                     "last_error": None, "shown_not_printed": 0, "taking_numbers": True}
    assert printer_state("kiosk", {})["printer"] == "unknown"
    assert printer_state("kiosk", {"printer": "on fire", "jobs_waiting": -3}) == {
        "printer": "unknown", "paper": "unknown", "jobs_waiting": 0, "last_error": None,
        "shown_not_printed": 0, "taking_numbers": None}
    assert printer_state("display", {"printer": "online"}) is None
