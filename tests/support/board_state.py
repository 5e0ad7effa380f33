"""What a board knows: its snapshot with the live events applied, and a resync on gaps.

The display page (display_board/) applies events the same way; this Python twin lets the
tests check that the events carry everything a board needs.
"""

from __future__ import annotations

import copy
import threading
from typing import Any

MAX_CALLS = 10


class BoardState:
    """The rules of board.js: a snapshot is the truth; an event is applied when it is the
    next `seq` of the same `epoch`; a gap, another epoch, or a `seq` at or below the one
    the board holds (the server's numbers went back) asks for a snapshot."""

    def __init__(self) -> None:
        self.state: dict[str, Any] | None = None
        self.resyncs = 0
        self.lock = threading.Lock()
        self.last_event = 0.0  # when the last event came (time.monotonic; 0: none yet)

    @property
    def seq(self) -> int:
        return self.state["seq"] if self.state else -1

    def request(self) -> dict[str, int]:
        """What to send with a snapshot request: its number (the resyncs so far)."""
        return {"request": self.resyncs}

    def snapshot(self, data: dict[str, Any]) -> None:
        """Take a snapshot as the truth, unless it answers an earlier request than the
        latest (answers can come out of order), as board.js does."""
        with self.lock:
            if data.get("request", self.resyncs) < self.resyncs:
                return
            self.state = copy.deepcopy(data)

    def behind(self, position: dict[str, Any] | None) -> bool:
        """Whether the answer to a `position` question shows events this board has not
        got (another epoch, or a later seq): then it asks for a snapshot, as board.js
        does after hearing nothing for a while (and counts the request)."""
        with self.lock:
            if self.state is None or not isinstance(position, dict) or "seq" not in position:
                return False
            if (position.get("epoch") == self.state.get("epoch")
                    and position["seq"] <= self.state["seq"]):
                return False
            self.resyncs += 1
            return True

    def apply(self, name: str, event: dict[str, Any]) -> bool:
        """Apply one event; False when the caller must ask for a snapshot."""
        with self.lock:
            if self.state is None:
                return True  # the snapshot that follows the connect includes it
            # A combined call (a board connected with "combine": true) stands for the
            # events numbered seq_from..seq_through.
            if (event.get("epoch") != self.state.get("epoch")
                    or event.get("seq_from", event["seq"]) != self.state["seq"] + 1):
                self.resyncs += 1
                return False
            getattr(self, "_" + name.replace(".", "_"))(event)
            self.state["seq"] = event.get("seq_through", event["seq"])
            return True

    def _counter(self, code: str) -> dict[str, Any] | None:
        return next((c for c in self.state["counters"] if c["code"] == code), None)

    def _forget(self, ticket: dict[str, Any]) -> None:
        for counter in self.state["counters"]:
            held = counter["ticket"]
            if held and held["number"] == ticket["number"] and held["service"] == ticket["service"]:
                counter["ticket"] = None

    def _ticket_called(self, event: dict[str, Any]) -> None:
        if "updated" in event:  # combined: the ticket the counter finished, first
            self._ticket_updated({"ticket": event["updated"]})
        self._called(event)
        if "services" in event:  # combined: then the call's waiting counts
            self._queue_changed({"services": event["services"]})

    def _called(self, event: dict[str, Any]) -> None:
        ticket = event["ticket"]
        self._forget(ticket)
        counter = self._counter(ticket["counter"]["code"])
        counter["ticket"] = {"number": ticket["number"], "service": ticket["service"],
                             "status": ticket["status"], "date": ticket["date"]}
        self.state["last_calls"] = [
            c for c in self.state["last_calls"]
            if (c["service"], c["number"]) != (ticket["service"], ticket["number"])]
        self.state["last_calls"].insert(0, {
            "number": ticket["number"], "service": ticket["service"],
            "service_name": ticket["service_name"], "date": ticket["date"],
            "counter": ticket["counter"], "at": event["at"], "recall": event["recall"]})
        del self.state["last_calls"][MAX_CALLS:]

    def _ticket_updated(self, event: dict[str, Any]) -> None:
        ticket = event["ticket"]
        if ticket["status"] in ("called", "serving") and ticket["counter"]:
            counter = self._counter(ticket["counter"]["code"])
            counter["ticket"] = {"number": ticket["number"], "service": ticket["service"],
                                 "status": ticket["status"], "date": ticket["date"]}
        else:
            self._forget(ticket)

    def _queue_changed(self, event: dict[str, Any]) -> None:
        fresh = {s["code"]: s for s in event["services"]}
        self.state["services"] = [fresh.get(s["code"], s) for s in self.state["services"]]
        if "counter" in event:
            self._counter(event["counter"]["code"])["paused"] = event["counter"]["paused"]
        if "running_text" in event:
            self.state["facility"]["running_text"] = event["running_text"]
        if "closed_day" in event:  # the end of a service's day: its numbers leave the board
            closed = event["closed_day"]

            def of_day(entry: dict[str, Any] | None) -> bool:
                return bool(entry) and (entry["service"], entry["date"]) == (
                    closed["service"], closed["date"])

            for counter in self.state["counters"]:
                if of_day(counter["ticket"]):
                    counter["ticket"] = None
            self.state["last_calls"] = [c for c in self.state["last_calls"] if not of_day(c)]

    def view(self) -> dict[str, Any]:
        """The parts a board shows, to compare with the server's own board."""
        with self.lock:
            return board_parts(self.state)


def board_parts(board: dict[str, Any]) -> dict[str, Any]:
    return {
        "seq": board["seq"],
        "counters": {c["code"]: (c["ticket"], c["paused"]) for c in board["counters"]},
        "services": {s["code"]: (s["waiting"], s["estimated_wait_minutes"])
                     for s in board["services"]},
        "last_calls": [(c["number"], c["counter"]["code"], c["recall"])
                       for c in board["last_calls"]],
    }
