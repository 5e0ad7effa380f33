"""The ticket state machine: which action moves a ticket from which status to which."""

from __future__ import annotations

from enum import StrEnum

from .errors import DomainError, InvalidTransition, Words
from .statuses import TicketStatus, said
from .texts import both

__all__ = ["ACTIVE_AT_COUNTER", "EVENT_KINDS", "OPEN_STATUSES", "TRANSITIONS", "Action",
           "AlreadyCheckedIn", "TicketStatus", "allowed_actions", "require_check_in",
           "transition"]


class Action(StrEnum):
    CHECK_IN = "check_in"
    CALL = "call"
    RECALL = "recall"
    START = "start"
    FINISH = "finish"
    TRANSFER = "transfer"
    SKIP = "skip"
    REQUEUE = "requeue"
    CANCEL = "cancel"
    # The service's day ended with the ticket still open (see domain/dayend.py).
    CLOSE_DAY = "close_day"
    # A hold's one-time code was right: the held place becomes a booking.
    CONFIRM = "confirm"
    # A hold's time ran out before its code came back.
    EXPIRE = "expire"
    # A hold given up at confirmation: a rule refused it, or too many wrong codes.
    RELEASE = "release"
    # Staff cancel a booking made under someone else's NIK, its owner's KTP in hand.
    VOID = "void"


S, A = TicketStatus, Action

# Finishing straight from `called` is allowed: at a registration desk staff rarely press
# "start", and the service time then counts from the call.
TRANSITIONS: dict[tuple[TicketStatus, Action], TicketStatus] = {
    (S.HELD, A.CONFIRM): S.BOOKED,
    (S.HELD, A.EXPIRE): S.CANCELLED,
    (S.HELD, A.RELEASE): S.CANCELLED,
    (S.HELD, A.CANCEL): S.CANCELLED,
    (S.HELD, A.VOID): S.CANCELLED,
    (S.BOOKED, A.CHECK_IN): S.WAITING,
    (S.BOOKED, A.CANCEL): S.CANCELLED,
    (S.BOOKED, A.VOID): S.CANCELLED,
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
    # At the end of the day every open ticket is closed: nobody is called for it any more.
    (S.BOOKED, A.CLOSE_DAY): S.NO_SHOW,
    (S.WAITING, A.CLOSE_DAY): S.NO_SHOW,
    (S.CALLED, A.CLOSE_DAY): S.NO_SHOW,
    (S.SERVING, A.CLOSE_DAY): S.NO_SHOW,
}

# The name of the history row each action writes.
EVENT_KINDS: dict[Action, str] = {
    A.CHECK_IN: "checked_in",
    A.CALL: "called",
    A.RECALL: "recalled",
    A.START: "started",
    A.FINISH: "finished",
    A.TRANSFER: "transferred",
    A.SKIP: "skipped",
    A.REQUEUE: "requeued",
    A.CANCEL: "cancelled",
    A.CLOSE_DAY: "closed_end_of_day",
    A.CONFIRM: "confirmed",
    A.EXPIRE: "hold_expired",
    A.RELEASE: "hold_released",
    A.VOID: "voided",
}

# The statuses of a ticket still open: the end of its day closes these.
OPEN_STATUSES = (S.BOOKED, S.WAITING, S.CALLED, S.SERVING)

ACTIVE_AT_COUNTER = (S.CALLED, S.SERVING)


def _undoable(action: Action) -> Words:
    """What cannot happen to a ticket: "dipanggil ulang" / "be called again" (`action.*`)."""
    return Words(*both(f"action.{action.value}"))


def transition(status: TicketStatus | str, action: Action, number: str = "") -> TicketStatus:
    """The status after `action`, or InvalidTransition saying why it is not allowed."""
    current = TicketStatus(status)
    try:
        return TRANSITIONS[(current, action)]
    except KeyError:
        raise InvalidTransition(
            number, Words(*said(current)), _undoable(action)) from None


def allowed_actions(status: TicketStatus | str) -> list[Action]:
    """The actions a ticket in `status` accepts, in declaration order."""
    current = TicketStatus(status)
    return [action for (state, action) in TRANSITIONS if state == current]


class AlreadyCheckedIn(InvalidTransition):
    """A booking scanned again after its check-in: the patient is in the queue already."""

    code = "already_checked_in"
    text_id = "Anda sudah check-in. Nomor Anda {number}, {status}."
    text_en = "You are already checked in. Your number is {number}; it is {status}."

    def __init__(self, number: str, status: Words):
        DomainError.__init__(self, number=number, status=status)


def require_check_in(status: TicketStatus | str, number: str) -> None:
    """Raise why a booking's latest ticket in `status` cannot be checked in.

    A ticket already waiting, called or being served was checked in before: the patient
    reads their number, not an error (AlreadyCheckedIn, 409). Otherwise InvalidTransition
    says what became of it (done, cancelled, skipped)."""
    current = TicketStatus(status)
    if current in (S.WAITING, S.CALLED, S.SERVING):
        raise AlreadyCheckedIn(number, Words(*said(current)))
    transition(current, Action.CHECK_IN, number)
