"""A ticket's history row before it is written: what the use case gave, and the live
event's `seq` the unit of work gives a call or recall at commit."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass
class PendingEvent:
    """One `ticket_events` row, written at the transaction's commit (Tickets.add_event)."""

    ticket_id: int
    facility_id: int
    kind: str
    at: datetime
    actor: str
    counter_id: int | None = None
    data: dict[str, Any] = field(default_factory=dict)
    seq: int | None = None

    def values(self) -> dict[str, Any]:
        """The row's columns, as the insert takes them."""
        return {"ticket_id": self.ticket_id, "facility_id": self.facility_id,
                "kind": self.kind, "at": self.at, "actor": self.actor,
                "counter_id": self.counter_id, "data": self.data, "seq": self.seq}
