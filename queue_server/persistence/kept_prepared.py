"""PostgreSQL's prepared statements kept across a ROLLBACK on the server's connections.

psycopg prepares a statement on a connection once it has run five times, so PostgreSQL
parses and plans it once. But psycopg forgets every prepared statement of a connection at
each ROLLBACK (and sends `DEALLOCATE ALL`), in case the transaction had created or
dropped what they refer to. A server ends many transactions that way: every read-only
request when its connection goes back to the pool, every refused booking (its number is
given back). In the booking rush a quarter of the bookings' statements were parsed and
planned again — the day's figures take 0.5–0.6 ms to plan — plus a round trip for the
`DEALLOCATE ALL` (pg_stat_statements, issue 20).

PostgreSQL itself keeps prepared statements across ROLLBACK (they belong to the session)
and plans them again by itself when a table they use changes. The server's connections run
no DDL; psycopg's reset after a DROP, ALTER, DISCARD ALL or DEALLOCATE ALL on the same
connection is kept.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from psycopg._preparing import Prepare, PrepareManager
from psycopg.pq import ExecStatus

_SCHEMA_CHANGED = re.compile(rb"^(?:DROP|ALTER|DISCARD ALL|DEALLOCATE ALL)\b").match


class _KeptAcrossRollback(PrepareManager):
    """psycopg's cache of a connection's prepared statements, not emptied by ROLLBACK."""

    def clear(self) -> bool:
        """Called by psycopg after each ROLLBACK: nothing to forget (see the module)."""
        return False

    def _should_discard(self, prep: Prepare, results: Sequence[Any]) -> bool:
        if self._names or prep == Prepare.SHOULD:
            for result in results:
                status = result.command_status or b""
                if result.status == ExecStatus.COMMAND_OK and _SCHEMA_CHANGED(status):
                    return PrepareManager.clear(self)
        return False


def keep_prepared_across_rollback(connection: Any, _record: Any = None) -> None:
    """Make a new psycopg connection keep its prepared statements across ROLLBACK (its
    cache's class swapped; the cache is empty on a new connection). An engine's
    "connect" event listener (the pool's record is not used)."""
    prepared = getattr(connection, "_prepared", None)
    if type(prepared) is PrepareManager:
        prepared.__class__ = _KeptAcrossRollback
