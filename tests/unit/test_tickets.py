"""The ticket state machine: every allowed move, and every refused one."""

from __future__ import annotations

import itertools

import pytest

from queue_server.domain.errors import InvalidTransition
from queue_server.domain.tickets import (
    TRANSITIONS,
    Action,
    TicketStatus,
    allowed_actions,
    transition,
)

S, A = TicketStatus, Action

EXPECTED = {
    (S.HELD, A.CONFIRM): S.BOOKED,
    (S.HELD, A.EXPIRE): S.CANCELLED,
    (S.HELD, A.RELEASE): S.CANCELLED,
    (S.HELD, A.CANCEL): S.CANCELLED,
    (S.HELD, A.VOID): S.CANCELLED,
    (S.BOOKED, A.VOID): S.CANCELLED,
    (S.BOOKED, A.CHECK_IN): S.WAITING,
    (S.BOOKED, A.CANCEL): S.CANCELLED,
    (S.WAITING, A.CANCEL): S.CANCELLED,
    (S.WAITING, A.CALL): S.CALLED,
    (S.CALLED, A.RECALL): S.CALLED,
    (S.CALLED, A.START): S.SERVING,
    (S.CALLED, A.SKIP): S.NO_SHOW,
    (S.CALLED, A.REQUEUE): S.WAITING,
    (S.CALLED, A.FINISH): S.DONE,
    (S.CALLED, A.TRANSFER): S.DONE,
    (S.NO_SHOW, A.REQUEUE): S.WAITING,
    (S.SERVING, A.FINISH): S.DONE,
    (S.SERVING, A.TRANSFER): S.DONE,
    (S.BOOKED, A.CLOSE_DAY): S.NO_SHOW,
    (S.WAITING, A.CLOSE_DAY): S.NO_SHOW,
    (S.CALLED, A.CLOSE_DAY): S.NO_SHOW,
    (S.SERVING, A.CLOSE_DAY): S.NO_SHOW,
}


@pytest.mark.parametrize(("start", "action"), list(EXPECTED))
def test_each_allowed_transition_reaches_its_status(start: S, action: A) -> None:
    assert transition(start, action) is EXPECTED[(start, action)]


INVALID = [pair for pair in itertools.product(S, A) if pair not in EXPECTED]


@pytest.mark.parametrize(("start", "action"), INVALID)
def test_every_other_transition_is_refused_with_a_message(start: S, action: A) -> None:
    with pytest.raises(InvalidTransition) as caught:
        transition(start, action, "A-012")
    assert caught.value.code == "invalid_transition"
    assert "A-012" in caught.value.message and "A-012" in caught.value.message_en


def test_the_table_holds_exactly_the_documented_transitions() -> None:
    assert TRANSITIONS == EXPECTED


def test_finished_cancelled_and_done_tickets_accept_nothing_more() -> None:
    assert allowed_actions(S.DONE) == []
    assert allowed_actions(S.CANCELLED) == []


def test_a_no_show_can_only_be_requeued() -> None:
    assert allowed_actions("no_show") == [A.REQUEUE]


def test_a_status_given_as_text_is_understood() -> None:
    assert transition("waiting", A.CALL) is S.CALLED


def test_a_booking_checked_in_again_gives_the_number_not_an_error() -> None:
    from queue_server.domain.tickets import AlreadyCheckedIn, require_check_in

    with pytest.raises(AlreadyCheckedIn) as raised:
        require_check_in("called", "B-002")
    assert raised.value.message == "Anda sudah check-in. Nomor Anda B-002, sedang dipanggil."
    with pytest.raises(InvalidTransition) as cancelled:
        require_check_in("cancelled", "B-002")
    assert cancelled.value.code == "invalid_transition"
    require_check_in("booked", "B-002")  # a booking still to check in passes
