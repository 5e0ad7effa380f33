"""The commands a counter takes now: one function over the ticket state machine, which the
console reads from its snapshot instead of keeping its own copy of the rules."""

from __future__ import annotations

import pytest

from queue_server.domain.counter_commands import Command, legal_commands
from queue_server.domain.tickets import TicketStatus

CALLS = ["call-next", "call-number"]
ON_CALLED = ["recall", "start", "skip", "finish", "transfer", "requeue"]
ON_SERVING = ["finish", "transfer"]
# What a counter may do with its current patient, for every status a ticket can have:
# only a called or served patient is ever at a counter, and only they can be moved on.
EXPECTED_ON_CURRENT = {
    TicketStatus.HELD: [],
    TicketStatus.BOOKED: [],
    TicketStatus.WAITING: [],
    TicketStatus.CALLED: ON_CALLED,
    TicketStatus.SERVING: ON_SERVING,
    TicketStatus.DONE: [],
    TicketStatus.NO_SHOW: ["requeue"],
    TicketStatus.CANCELLED: [],
}


def test_every_status_has_its_expected_commands() -> None:
    assert set(EXPECTED_ON_CURRENT) == set(TicketStatus)


@pytest.mark.parametrize("status", list(TicketStatus))
def test_an_open_counter_calls_and_moves_its_patient_as_the_state_machine_allows(
    status: TicketStatus,
) -> None:
    assert legal_commands(status, paused=False) == [*CALLS, *EXPECTED_ON_CURRENT[status],
                                                    "pause"]


@pytest.mark.parametrize("status", list(TicketStatus))
def test_a_paused_counter_calls_nobody_but_still_moves_its_patient_and_may_resume(
    status: TicketStatus,
) -> None:
    assert legal_commands(status, paused=True) == [*EXPECTED_ON_CURRENT[status], "resume"]


def test_a_counter_without_a_patient_can_only_call_or_pause() -> None:
    assert legal_commands(None, paused=False) == [*CALLS, "pause"]
    assert legal_commands(None, paused=True) == ["resume"]


def test_a_status_given_as_its_stored_word_counts_the_same() -> None:
    assert legal_commands("called", paused=False) == legal_commands(TicketStatus.CALLED,
                                                                     paused=False)


def test_the_commands_are_their_route_names_as_plain_strings() -> None:
    commands = legal_commands(TicketStatus.CALLED, paused=False)
    assert all(isinstance(c, Command) and isinstance(c, str) for c in commands)
    assert [c.value for c in commands] == [*CALLS, *ON_CALLED, "pause"]


def test_an_unknown_status_is_refused() -> None:
    with pytest.raises(ValueError):
        legal_commands("lost", paused=False)
