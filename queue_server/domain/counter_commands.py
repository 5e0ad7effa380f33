"""What a counter may be told to do now, from its patient's status and whether it is
paused: the consoles enable exactly these commands instead of re-deriving the rules."""

from __future__ import annotations

from enum import StrEnum

from .tickets import Action, TicketStatus, allowed_actions


class Command(StrEnum):
    """A counter command, named as the console's button and its route
    (`/api/v1/counters/{counter}/<command>`; transfer is `finish` with `transfer_to`)."""

    CALL_NEXT = "call-next"
    CALL_NUMBER = "call-number"
    RECALL = "recall"
    START = "start"
    SKIP = "skip"
    FINISH = "finish"
    TRANSFER = "transfer"
    REQUEUE = "requeue"
    PAUSE = "pause"
    RESUME = "resume"


# The commands that move the counter's current patient, by the transition each makes.
_ON_CURRENT: dict[Action, Command] = {
    Action.RECALL: Command.RECALL,
    Action.START: Command.START,
    Action.SKIP: Command.SKIP,
    Action.FINISH: Command.FINISH,
    Action.TRANSFER: Command.TRANSFER,
    Action.REQUEUE: Command.REQUEUE,
}


def legal_commands(status: TicketStatus | str | None, paused: bool) -> list[Command]:
    """The commands a counter takes now, in the console's order.

    `status`: the status of the counter's current ticket (None: nobody at the counter).
    A paused counter calls nobody; an open one may always call (the patient still at
    the counter is finished first). The current patient's commands are the transitions
    the ticket state machine allows from `status`. Exactly one of pause and resume.
    Raises ValueError for a `status` that is not a TicketStatus."""
    commands = [] if paused else [Command.CALL_NEXT, Command.CALL_NUMBER]
    if status is not None:
        allowed = set(allowed_actions(status))
        commands += [command for action, command in _ON_CURRENT.items() if action in allowed]
    commands.append(Command.RESUME if paused else Command.PAUSE)
    return commands
