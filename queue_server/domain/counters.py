"""Rules of a counter's desk: what a console saw must still hold, how staff type a queue
number, when a ticket's priority may change (and why), a paused counter calls nobody, an
action on the current patient needs one, and a transfer goes to another service."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from .errors import DomainError, InvalidInput, NotFound, StaleView, Words
from .numbering import format_number
from .priority import Priority, label, parse_priority
from .tickets import OPEN_STATUSES

# Staff type "A-012", "a12", "A 012" or, at a counter with one service, just "12".
_TYPED_NUMBER = re.compile(r"^([A-Z]{1,3})?[\s\-_.]*0*(\d{1,6})$")
MIN_REASON = 3
MAX_REASON = 200
# A priority may change while the patient is still in the facility's hands.
PRIORITY_CHANGEABLE = OPEN_STATUSES
T = TypeVar("T")


@dataclass(frozen=True)
class SeenCurrent:
    """The ticket number a console showed as its counter's current patient (None: nobody).

    A counter action that carries it is refused (StaleView) unless the counter still holds
    exactly that patient, so a second press made from an old screen changes nothing."""

    number: str | None


def _same(a: str | None, b: str | None) -> bool:
    return (a or "").strip().upper() == (b or "").strip().upper()


def require_seen(seen: SeenCurrent | None, current: str | None, counter: dict[str, Any]) -> None:
    """Raise StaleView (409, with `counter`: the counter's state now) when a console's view
    of the current patient is out of date; `seen=None` (not sent) always passes."""
    if seen is None or _same(seen.number, current):
        return
    raise StaleView(counter)


class InvalidNumber(InvalidInput):
    """A queue number staff typed that cannot be read (a bare number needs its letter
    at a counter of several services)."""

    code = "invalid_number"
    text_id = ("Nomor antrean '{typed}' tidak dikenali; tulis seperti A-012, nomor lengkap "
               "dengan hurufnya ({letters}).")
    text_en = ("Queue number '{typed}' is not recognised; type it like A-012, the whole "
               "number with its letter ({letters}).")

    def __init__(self, typed: str, prefixes: Sequence[str]):
        super().__init__(typed=(typed or "").strip(),
                         letters=", ".join(sorted(set(prefixes))) or "A")


class ReasonRequired(InvalidInput):
    code = "reason_required"
    text_id = (f"Tulis alasan perubahan prioritas ({MIN_REASON}-{MAX_REASON} huruf), "
               "mis. 'lansia 72 tahun'.")
    text_en = (f"Give the reason for the priority change ({MIN_REASON}-{MAX_REASON} "
               "characters), e.g. 'elderly, 72'.")


class TicketClosed(DomainError):
    """A priority change for a ticket that left the facility's hands."""

    code = "ticket_closed"
    text_id = "Tiket {number} sudah selesai; prioritasnya tidak bisa diubah."
    text_en = "Ticket {number} is closed; its priority cannot change."

    def __init__(self, number: str):
        super().__init__(number=number)


class PriorityUnchanged(DomainError):
    code = "priority_unchanged"
    text_id = "Tiket {number} sudah berprioritas {priority}."
    text_en = "Ticket {number} already has priority {priority}."

    def __init__(self, number: str, priority: Words):
        super().__init__(number=number, priority=priority)


class NoCurrentTicket(DomainError):
    """A counter action on the current patient when the counter has none."""

    code = "no_current_ticket"
    text_id = "Tidak ada pasien yang sedang dipanggil di {counter}."
    text_en = "No patient is being called or served at {counter}."

    def __init__(self, counter: str):
        super().__init__(counter=counter)


class CounterPaused(DomainError):
    code = "counter_paused"
    text_id = "{counter} sedang istirahat; lanjutkan dulu untuk memanggil."
    text_en = "{counter} is paused; resume it to call patients."

    def __init__(self, counter: str):
        super().__init__(counter=counter)


class InvalidTransfer(InvalidInput):
    code = "invalid_transfer"
    text_id = "Tidak bisa merujuk ke layanan yang sama."
    text_en = "Cannot transfer a ticket to the service it is already in."


class NumberNotInQueue(NotFound):
    """A number staff typed to call that is not in the counter's queue today."""

    code = "ticket_not_found"
    text_id = "Nomor {number} tidak ada di antrean {counter} hari ini."
    text_en = "Number {number} is not in today's queue of {counter}."

    def __init__(self, number: str, counter: str):
        super().__init__(number=number, counter=counter)


class NoSkippedTicket(NotFound):
    """A requeue with no skipped patient (of that number) for the counter."""

    code = "ticket_not_found"
    text_id = "Tidak ada pasien terlewat{which} untuk {counter}."
    text_en = "No skipped patient{which} for {counter}."

    def __init__(self, counter: str, number: str | None = None):
        which = Words(f" nomor {number}", f" numbered {number}") if number else ""
        super().__init__(counter=counter, which=which)


def parse_ticket_number(text: str, prefixes: Sequence[str]) -> str:
    """The canonical `A-012` form of a number typed by staff.

    `prefixes`: the letters of the counter's services; a bare "12" is read with the only
    one. Raises InvalidNumber (`invalid_number`) with an example of what to type.
    """
    found = _TYPED_NUMBER.match((text or "").strip().upper())
    if found is None or int(found.group(2)) < 1 or (
            found.group(1) is None and len(set(prefixes)) != 1):
        raise InvalidNumber(text, prefixes)
    prefix = found.group(1) or prefixes[0]
    return format_number(prefix, int(found.group(2)))


def parse_reason(text: str | None) -> str:
    """Why staff change a priority: required, spaces tidied, MIN_REASON..MAX_REASON long."""
    reason = " ".join((text or "").split())
    if len(reason) < MIN_REASON or len(reason) > MAX_REASON:
        raise ReasonRequired()
    return reason


def priority_change(status: str, number: str, current: str, wanted: str | None) -> Priority:
    """The new priority of ticket `number`, or why it cannot change.

    Raises UnknownPriority (`invalid_priority`) for an unknown class, TicketClosed
    (409) once the ticket left the facility's hands, and PriorityUnchanged (409) when it
    already has that class."""
    new = parse_priority(wanted)
    if status not in PRIORITY_CHANGEABLE:
        raise TicketClosed(number)
    if new.value == current:
        raise PriorityUnchanged(number, Words(label(new), new.value))
    return new


def require_current(ticket: T | None, counter: str) -> T:
    """The counter's current ticket (called or being served), or NoCurrentTicket (409)
    naming the counter `counter`."""
    if ticket is None:
        raise NoCurrentTicket(counter)
    return ticket


def require_not_paused(paused: bool, counter: str) -> None:
    """A paused counter calls nobody: CounterPaused (409) naming it."""
    if paused:
        raise CounterPaused(counter)


def require_other_service(target_id: int, current_id: int) -> None:
    """A transfer goes to another service than the ticket's own: else InvalidTransfer."""
    if target_id == current_id:
        raise InvalidTransfer()
