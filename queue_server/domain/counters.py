"""Rules of a counter's desk: what a console saw must still hold, how staff type a queue
number, and when a ticket's priority may change (and why)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .errors import DomainError, InvalidInput, StaleView
from .numbering import format_number
from .priority import LABELS_ID, Priority, parse_priority

# Staff type "A-012", "a12", "A 012" or, at a counter with one service, just "12".
_TYPED_NUMBER = re.compile(r"^([A-Z]{1,3})?[\s\-_.]*0*(\d{1,6})$")
MIN_REASON = 3
MAX_REASON = 200
# A priority may change while the patient is still in the facility's hands.
PRIORITY_CHANGEABLE = ("booked", "waiting", "called", "serving")


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


def parse_ticket_number(text: str, prefixes: Sequence[str]) -> str:
    """The canonical `A-012` form of a number typed by staff.

    `prefixes`: the letters of the counter's services; a bare "12" is read with the only
    one. Raises InvalidInput (`invalid_number`) with an example of what to type.
    """
    found = _TYPED_NUMBER.match((text or "").strip().upper())
    if found is None or int(found.group(2)) < 1:
        raise InvalidInput(
            f"Nomor antrean '{text.strip()}' tidak dikenali; tulis seperti A-012.",
            f"Queue number '{text.strip()}' is not recognised; type it like A-012.",
            code="invalid_number",
        )
    prefix = found.group(1)
    if prefix is None:
        if len(set(prefixes)) != 1:
            letters = ", ".join(sorted(set(prefixes))) or "A"
            raise InvalidInput(
                f"Tulis nomor lengkap dengan hurufnya ({letters}), mis. A-012.",
                f"Type the whole number with its letter ({letters}), e.g. A-012.",
                code="invalid_number",
            )
        prefix = prefixes[0]
    return format_number(prefix, int(found.group(2)))


def parse_reason(text: str | None) -> str:
    """Why staff change a priority: required, spaces tidied, MIN_REASON..MAX_REASON long."""
    reason = " ".join((text or "").split())
    if len(reason) < MIN_REASON or len(reason) > MAX_REASON:
        raise InvalidInput(
            f"Tulis alasan perubahan prioritas ({MIN_REASON}-{MAX_REASON} huruf), "
            "mis. 'lansia 72 tahun'.",
            f"Give the reason for the priority change ({MIN_REASON}-{MAX_REASON} "
            "characters), e.g. 'elderly, 72'.",
            code="reason_required",
        )
    return reason


def priority_change(status: str, number: str, current: str, wanted: str | None) -> Priority:
    """The new priority of ticket `number`, or why it cannot change.

    Raises InvalidInput (`invalid_priority`) for an unknown class, DomainError
    `ticket_closed` (409) once the ticket left the facility's hands, and
    `priority_unchanged` (409) when it already has that class."""
    new = parse_priority(wanted)
    if status not in PRIORITY_CHANGEABLE:
        raise DomainError(
            f"Tiket {number} sudah selesai; prioritasnya tidak bisa diubah.",
            f"Ticket {number} is closed; its priority cannot change.",
            code="ticket_closed",
        )
    if new.value == current:
        label = LABELS_ID.get(new, new.value)
        raise DomainError(
            f"Tiket {number} sudah berprioritas {label}.",
            f"Ticket {number} already has priority {new.value}.",
            code="priority_unchanged",
        )
    return new
