"""A loaded ticket's row written through Core with its version check: the counter's
busiest writes (a call, a finish) without the ORM's flush. The loaded object is then set
as if the ORM had flushed it (the new values and version committed, nothing left dirty),
so the rest of the transaction, and a later ORM flush of the same ticket, see it right."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from sqlalchemy import bindparam, update
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.exc import StaleDataError

from ...services.port_queue import KEEP_COUNTER as KEEP
from ..models import Ticket
from .base import Repository
from .plain import PlainTicket
from .statements import HOT_ISSUE_PG_WITH_IDS, issue_params

if TYPE_CHECKING:
    from ...services.port_rows import CounterRow, StoredTicket

_T = Ticket.__table__


@lru_cache(maxsize=64)
def _update(columns: tuple[str, ...]) -> Any:
    """`UPDATE tickets SET <columns>, version = version + 1 WHERE id = ? AND version = ?`,
    built once per set of columns."""
    return (
        update(_T)
        .where(_T.c.id == bindparam("w_id"), _T.c.version == bindparam("w_version"))
        .values({**{name: bindparam(f"v_{name}") for name in columns},
                 "version": _T.c.version + 1})
    )


class TicketWrites(Repository):
    """The tickets' versioned updates through Core (mixed into `Tickets`)."""

    def write(self, ticket: StoredTicket, values: Mapping[str, object],
              counter: CounterRow | None = KEEP) -> None:
        """Write `values` (column → value) to `ticket`'s row in one statement, if its row
        still has the version it was loaded with, and bump that version; `counter`: the
        counter it now stands at (None: none), unless left out.

        Raises sqlalchemy's StaleDataError (as an ORM flush would) when another
        transaction changed the row since it was loaded: nothing is written then."""
        row: dict[str, object] = dict(values)
        if counter is not KEEP:
            row["counter_id"] = counter.id if counter is not None else None
        version = ticket.version
        result = self._core(_update(tuple(sorted(row))), w_id=ticket.id, w_version=version,
                            **{f"v_{name}": value for name, value in row.items()})
        if result.rowcount != 1:
            raise StaleDataError(f"ticket {ticket.id}: version {version} is no longer the "
                                 "row's (changed by another transaction)")
        committed = {**row, "version": version + 1}
        if counter is not KEEP:
            committed["counter"] = counter
        # An ORM row takes them as committed (nothing left dirty); a plain value
        # (plain.py) simply takes them.
        mapped = not isinstance(ticket, PlainTicket)
        for name, value in committed.items():
            if mapped:
                set_committed_value(ticket, name, value)
            else:
                setattr(ticket, name, value)

    def insert_with_commit(self, visit: dict[str, Any], ticket: dict[str, Any],
                           event: dict[str, Any]) -> tuple[int, int]:
        """`insert_issued` with the ids drawn ahead (`uow.ids_ahead`, taken): its one
        statement is sent with the COMMIT (`uow.send_with_commit`), in its round trip;
        (visit id, ticket id). A row refused there fails the commit: nothing is kept."""
        uow = self._uow
        (visit_id, ticket_id), uow.ids_ahead = uow.ids_ahead, None
        uow.send_with_commit(HOT_ISSUE_PG_WITH_IDS, {
            "v_id": visit_id, "t_id": ticket_id, **issue_params(visit, ticket, event)})
        return visit_id, ticket_id
