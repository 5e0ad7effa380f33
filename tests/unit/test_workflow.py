"""The workflow engine (issue 16) over the real e-Wadul workflow: who may take which action
from which state, what is refused and why, and deadlines counted in working days across a
weekend, cuti bersama and a national holiday."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import ClassVar

import pytest
import yaml

from queue_server.domain.calendar import Calendar
from queue_server.domain.workflow import (
    ActionForbidden,
    ActionNotAllowed,
    ActionTooLate,
    CommentRequired,
    OfficeRequired,
    UnknownAction,
    Workflow,
    needs_escalation,
    state_due,
    working_days_over,
)
from queue_server.domain.workflow_data import parse_workflow

ROOT = Path(__file__).resolve().parents[2]
WADUL_YAML = ROOT / "queue_server" / "eservices" / "wadul" / "workflow.yaml"


class ChristmasWeek:
    """The 2026 holidays around Christmas: Thursday 24 December is cuti bersama, Friday
    25 December Hari Raya Natal (as the `holidays` package gives them)."""

    NATIONAL: ClassVar[dict[date, str]] = {date(2026, 12, 25): "Hari Raya Natal"}
    JOINT: ClassVar[dict[date, str]] = {date(2026, 12, 24): "Cuti Bersama Hari Raya Natal"}

    def national(self, year: int) -> Mapping[date, str]:
        return self.NATIONAL if year == 2026 else {}

    def joint_leave(self, year: int) -> Mapping[date, str]:
        return self.JOINT if year == 2026 else {}


@pytest.fixture(scope="module")
def wadul() -> Workflow:
    return parse_workflow("wadul", yaml.safe_load(WADUL_YAML.read_text("utf-8")))


@pytest.fixture
def calendar() -> Calendar:
    return Calendar(ChristmasWeek())


# (state, action, roles held) → the state reached: every move of a complaint's life.
ALLOWED = [
    ("received", "verify", {"desk"}, "verified"),
    ("received", "verify", {"admin"}, "verified"),
    ("received", "reject", {"desk"}, "rejected"),
    ("verified", "merge", {"desk"}, "merged"),
    ("verified", "forward", {"desk"}, "forwarded"),
    ("in_progress", "forward", {"head", "office"}, "forwarded"),
    ("forwarded", "accept", {"office"}, "in_progress"),
    ("forwarded", "return", {"office"}, "verified"),
    ("in_progress", "answer", {"office"}, "answered"),
    ("answered", "close", {"citizen"}, "closed"),
    ("answered", "close", {"system"}, "closed"),
    ("answered", "rate", {"citizen"}, "closed"),
    ("closed", "reopen", {"citizen"}, "in_progress"),
]


@pytest.mark.parametrize(("state", "action", "roles", "target"), ALLOWED)
def test_each_role_takes_the_actions_the_workflow_gives_it(
        wadul: Workflow, state: str, action: str, roles: set[str], target: str) -> None:
    transition = wadul.take(state, action, roles, comment="Sudah dicek di lokasi.",
                            office=7)
    assert transition.target == target


# (state, action, roles held) → the role is wrong: 403 `action_forbidden`.
FORBIDDEN = [
    ("received", "verify", {"office"}),
    ("received", "verify", {"citizen"}),
    ("received", "verify", {"head", "office"}),
    ("verified", "forward", {"office"}),
    ("forwarded", "accept", {"desk"}),
    ("in_progress", "answer", {"desk"}),
    ("in_progress", "answer", {"citizen"}),
    ("answered", "reopen", {"desk", "admin"}),
    ("answered", "rate", {"system"}),
]


@pytest.mark.parametrize(("state", "action", "roles"), FORBIDDEN)
def test_a_role_without_the_action_is_forbidden(wadul: Workflow, state: str, action: str,
                                                roles: set[str]) -> None:
    with pytest.raises(ActionForbidden) as refused:
        wadul.take(state, action, roles, comment="alasan", office=7)
    assert refused.value.code == "action_forbidden" and refused.value.kind == "forbidden"


def test_an_action_the_state_does_not_allow_lists_those_it_does(wadul: Workflow) -> None:
    with pytest.raises(ActionNotAllowed) as refused:
        wadul.take("in_progress", "verify", {"desk", "admin"})
    error = refused.value
    assert error.code == "action_not_allowed" and error.kind == "conflict"
    assert error.message == ("Kasus berstatus Sedang ditindaklanjuti: aksi Verifikasi tidak "
                             "bisa dilakukan sekarang.")  # the action's label, not its code
    assert error.message_en == "The case is In progress: the action Verify cannot be taken now."
    assert error.details["allowed"] == ["forward", "return", "answer"]


def test_a_closed_case_takes_only_the_citizens_rating_or_reopening(wadul: Workflow) -> None:
    for terminal in ("rejected", "merged"):
        assert wadul.actions_from(terminal) == []
    assert [t.action for t in wadul.actions_from("closed")] == ["rate", "reopen"]
    assert wadul.actions_from("closed", {"desk", "office", "head"}) == []


def test_an_unknown_action_names_the_known_ones(wadul: Workflow) -> None:
    with pytest.raises(UnknownAction) as refused:
        wadul.take("received", "approve", {"admin"})
    assert refused.value.kind == "invalid"
    assert "accept, answer, close, forward, merge, rate, reject, reopen, return, verify" \
        in refused.value.message


def test_rejecting_needs_a_comment_and_forwarding_an_office(wadul: Workflow) -> None:
    with pytest.raises(CommentRequired):
        wadul.take("received", "reject", {"desk"}, comment="   ")
    with pytest.raises(OfficeRequired):
        wadul.take("verified", "forward", {"desk"})
    assert wadul.take("verified", "forward", {"desk"}, office=3).office


def test_the_state_is_checked_before_the_role(wadul: Workflow) -> None:
    """A citizen trying to verify a closed case hears that the state refuses it, not
    that they lack the role: the state is what the public page shows them."""
    with pytest.raises(ActionNotAllowed):
        wadul.take("closed", "verify", {"citizen"})


def test_a_citizen_reopens_only_within_ten_working_days(wadul: Workflow,
                                                        calendar: Calendar) -> None:
    reopen = wadul.take("answered", "reopen", {"citizen"}, comment="Belum diperbaiki.")
    answered = date(2026, 12, 10)  # a Thursday
    # 10 working days after it: 11, 14-18, 21-23 (24 cuti bersama, 25 Natal), 28.
    wadul.check_window(reopen, calendar, answered, date(2026, 12, 28))
    with pytest.raises(ActionTooLate) as late:
        wadul.check_window(reopen, calendar, answered, date(2026, 12, 29))
    assert late.value.code == "action_too_late"
    assert late.value.message == ("Aksi Buka kembali hanya bisa dalam 10 hari kerja sejak "
                                  "Kamis, 10 Desember 2026.")  # the label and date in words


def test_a_missing_comment_is_named_by_the_actions_label(wadul: Workflow) -> None:
    with pytest.raises(CommentRequired) as missing:
        wadul.take("answered", "reopen", {"citizen"}, comment=" ")
    assert missing.value.message == 'Aksi "Buka kembali" perlu keterangan: tuliskan alasannya.'
    assert "reopen" not in missing.value.message_en and "comment)" not in missing.value.message


def test_a_state_deadline_skips_the_weekend_cuti_bersama_and_christmas(
        wadul: Workflow, calendar: Calendar) -> None:
    received = wadul.state("received")  # 3 working days to verify (SP4N-LAPOR!)
    # Wednesday 23 December: 24 is cuti bersama, 25 Natal, 26-27 the weekend.
    assert state_due(calendar, received, date(2026, 12, 23)) == date(2026, 12, 30)
    # Friday 18 December: the weekend only.
    assert state_due(calendar, received, date(2026, 12, 18)) == date(2026, 12, 23)
    # A category's own limit wins over the state's; a closed state has none.
    assert state_due(calendar, received, date(2026, 12, 18), days=5) == date(2026, 12, 29)
    assert state_due(calendar, wadul.state("closed"), date(2026, 12, 18)) is None


def test_escalation_counts_working_days_past_the_deadline(wadul: Workflow,
                                                          calendar: Calendar) -> None:
    due = date(2026, 12, 23)  # escalation: 2 working days over
    assert working_days_over(calendar, due, due) == 0
    assert not needs_escalation(wadul, calendar, due, date(2026, 12, 27))  # 0 working days
    assert working_days_over(calendar, due, date(2026, 12, 28)) == 1
    assert not needs_escalation(wadul, calendar, due, date(2026, 12, 28))
    assert needs_escalation(wadul, calendar, due, date(2026, 12, 29))
    assert not needs_escalation(wadul, calendar, None, date(2026, 12, 29))


def test_a_weekend_alone_does_not_escalate(wadul: Workflow, calendar: Calendar) -> None:
    friday = date(2026, 12, 4)
    assert not needs_escalation(wadul, calendar, friday, date(2026, 12, 6))
    assert not needs_escalation(wadul, calendar, friday, date(2026, 12, 7))
    assert needs_escalation(wadul, calendar, friday, date(2026, 12, 8))


def test_the_wadul_workflow_reads_as_its_file_says(wadul: Workflow) -> None:
    assert wadul.initial == "received" and wadul.overall_days == 20
    assert wadul.escalation is not None and wadul.escalation.over_days == 2
    assert wadul.state("answered").on_timeout == "close"
    assert {name for name, s in wadul.states.items() if s.kind == "closed"} == {
        "closed", "rejected", "merged"}
    assert wadul.transitions["reopen"].within_days == 10
