"""Who is called first: priority classes get a head start, waiting time ages everyone."""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum

from .errors import InvalidInput
from .texts import text


class Priority(StrEnum):
    REGULAR = "regular"
    EMERGENCY = "emergency"
    ELDERLY = "elderly"
    DISABLED = "disabled"
    PREGNANT = "pregnant"
    CHILD = "child"


# A priority patient is queued as if they had arrived this much earlier. A regular patient
# who has waited longer than the head start is called before a priority patient who has
# just arrived, so no one starves; an emergency goes in front of everyone.
DEFAULT_HEAD_START = timedelta(minutes=20)
EMERGENCY_HEAD_START = timedelta(days=1)

def label(priority: Priority | str, lang: str = "id") -> str:
    """How staff and patients read a priority class in `lang` ("id" or "en"), from the
    catalogue (`priority.<value>`); an unknown value is shown as it is."""
    try:
        return text(f"priority.{Priority(priority).value}", lang)
    except ValueError:
        return str(priority)


class UnknownPriority(InvalidInput):
    code = "invalid_priority"
    text_id = "Prioritas '{value}' tidak dikenal. Pilih salah satu: {names}."
    text_en = "Unknown priority '{value}'. Choose one of: {names}."

    def __init__(self, value: str):
        super().__init__(value=value, names=", ".join(p.value for p in Priority))


def parse_priority(value: str | None) -> Priority:
    if value in (None, ""):
        return Priority.REGULAR
    try:
        return Priority(value)
    except ValueError:
        raise UnknownPriority(value) from None


def head_start(priority: Priority, regular_head_start: timedelta = DEFAULT_HEAD_START) -> timedelta:
    if priority is Priority.EMERGENCY:
        return EMERGENCY_HEAD_START
    if priority is Priority.REGULAR:
        return timedelta(0)
    return regular_head_start


def queue_key(
    priority: Priority, waiting_since: datetime, regular_head_start: timedelta = DEFAULT_HEAD_START
) -> datetime:
    """The moment a ticket counts as having joined the queue; earlier is called first.

    Ordering by this key (then by number) is the same as ordering by waited time plus the
    priority's head start, and it does not change while the ticket waits, so the database
    can index it.
    """
    return waiting_since - head_start(priority, regular_head_start)
