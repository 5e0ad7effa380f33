"""The planning agency's decision on a budget line: approve (a flagged line only with a
written reason) or reject (always with a reason)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from queue_server.services.auth import Principal
from queue_server.services.ports import Clock

from .access import require, who_is
from .errors import LineDecided, LineNotFound, ReasonRequired
from .lines import line_flags
from .models import BudgetLine

MAX_ID = 2**31 - 1  # row ids are 32-bit integers; a larger one names no row



def locked_line(uow: Any, line_id: int) -> BudgetLine:
    """The line `line_id`, its row locked to the end of the transaction (PostgreSQL:
    SELECT … FOR UPDATE; SQLite's writers already hold the database's write lock);
    `LineNotFound` (404)."""
    line = uow.session.scalar(select(BudgetLine).where(BudgetLine.id == line_id)
                              .with_for_update()) if 0 < line_id <= MAX_ID else None
    if line is None:
        raise LineNotFound(line_id)
    return line


def decide(uow: Any, clock: Clock, who: Principal, line_id: int, approve: bool,
           reason: str) -> None:
    """Approve or reject the draft line `line_id`: the agency (bappedalitbang) or the
    admin (403 otherwise); the flags are worked out again first; approving a flagged
    line or rejecting any needs `reason` (`ReasonRequired` 422); a decided line is 409."""
    with uow:
        caller = who_is(uow, who)
        require(caller.agency or caller.admin, "memutuskan baris anggaran",
                "decide budget lines")
        line = locked_line(uow, line_id)
        if line.state != "draft":
            raise LineDecided(line_id, line.state)
        line.flags = line_flags(uow, line)
        reason = reason.strip()
        if not reason and (line.flags or not approve):
            raise ReasonRequired(list(line.flags) if approve else [])
        line.state = "approved" if approve else "rejected"
        line.reason, line.approved_at, line.approved_by = reason, clock.now(), who.id
        line.version += 1
        uow.commit()
