"""One event per call for boards that ask for it (`"combine": true` in their auth).

A call-next commits up to three events for the facility: `ticket.updated` (seq n - 1,
the patient the counter finished), `ticket.called` (seq n) and `queue.changed` (n + 1,
the called service's fresh waiting count). Every board receives all of them, and at
1,000 boards each extra event adds the writes (and each board's reads) of a whole
fan-out before the last board hears the call (docs/performance.md). A combining board
joins `facility-combined:{code}` instead of `facility:{code}`; it receives every event
of the facility as before, except that a call comes as one `ticket.called` that also
carries `updated` (the finished ticket) with `seq_from: n - 1`, and `services` with
`seq_through: n + 1`; it applies them in that order and expects `seq_through + 1` next.
`seq` stays the call's own (a board's replay key). Other clients get what they did.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from ..services.ports import JsonObject, OutgoingEvent

FACILITY_PREFIX = "facility:"
COMBINED_PREFIX = "facility-combined:"
# A queue.changed or ticket.updated that says no more than this can ride in a call.
_PLAIN = {"queue.changed": frozenset({"facility", "at", "services", "seq", "epoch"}),
          "ticket.updated": frozenset({"facility", "at", "ticket", "seq", "epoch"})}


def combined_room(room: str) -> str:
    """The combining boards' room standing for a facility room (other rooms: unchanged)."""
    if room.startswith(FACILITY_PREFIX):
        return COMBINED_PREFIX + room.removeprefix(FACILITY_PREFIX)
    return room


def combining_rooms(rooms: list[str]) -> list[str]:
    """A combining board's rooms: its facility room swapped for the combined one."""
    return [combined_room(room) for room in rooms]


def _also_combined(rooms: tuple[str, ...]) -> list[str]:
    extra = [combined_room(r) for r in rooms if r.startswith(FACILITY_PREFIX)]
    return [*rooms, *extra]


def _rides(other: OutgoingEvent, called: OutgoingEvent, name: str, step: int) -> bool:
    """Whether `other` is a plain `name` of the call's facility room, numbered `step`
    from the call (-1: just before it, 1: just after it)."""
    seq = called.payload.get("seq")
    return (other.name == name and called.name == "ticket.called"
            and other.facility_id == called.facility_id and isinstance(seq, int)
            and any(r.startswith(FACILITY_PREFIX) and r in called.rooms for r in other.rooms)
            and set(other.payload) <= _PLAIN[name]
            and other.payload.get("seq") == seq + step
            and other.payload.get("epoch") == called.payload.get("epoch"))


def _combined(events: list[OutgoingEvent], i: int) -> tuple[int, int] | None:
    """The span [first, last] around the call at `i` that goes to combining boards as one
    event, or None when the call has no companion to carry."""
    first = i - 1 if i > 0 and _rides(events[i - 1], events[i], "ticket.updated", -1) else i
    last = (i + 1 if i + 1 < len(events)
            and _rides(events[i + 1], events[i], "queue.changed", 1) else i)
    return (first, last) if (first, last) != (i, i) else None


def _merged(events: list[OutgoingEvent], first: int, i: int, last: int) -> OutgoingEvent:
    """The call at `i` carrying `updated` (the ticket just finished), `seq_from`, and the
    queue.changed's `services` with `seq_through`."""
    called = events[i]
    payload: JsonObject = dict(called.payload)
    if first < i:
        payload["updated"] = events[first].payload["ticket"]
        payload["seq_from"] = events[first].payload["seq"]
    if last > i:
        payload["services"] = events[last].payload["services"]
        payload["seq_through"] = events[last].payload["seq"]
    return replace(called, payload=payload)


def routed(events: list[OutgoingEvent]) -> Iterator[tuple[OutgoingEvent, list[str]]]:
    """Each emit to make, in order: (event, rooms). Events to a facility room also go to
    its combined room, except a call and its companions, which go there once, merged
    (first, so a combining board hears the call before classic clients' events)."""
    spans: dict[int, tuple[int, int, int]] = {}
    for i, event in enumerate(events):
        span = _combined(events, i) if event.name == "ticket.called" else None
        if span is not None:
            spans[span[0]] = (span[0], i, span[1])
    skip_to = -1
    for j, event in enumerate(events):
        if j in spans:
            first, i, last = spans[j]
            room = next(r for r in events[i].rooms if r.startswith(FACILITY_PREFIX))
            yield _merged(events, first, i, last), [combined_room(room)]
            for k in range(first, last + 1):
                yield events[k], list(events[k].rooms)
            skip_to = last
        elif j > skip_to:
            yield event, _also_combined(event.rooms)
