"""The base of every repository: Core on the unit of work's connection, the ORM on its
session."""

from __future__ import annotations

import weakref
from typing import Any

from sqlalchemy.orm import Session

from .hot import Hot


class Repository:
    """Reads and writes through its unit of work: Core on the transaction's connection,
    ORM on a session the unit of work makes only when one is needed."""

    def __init__(self, uow: Any):
        # A weak reference: the unit of work holds its repositories, and a cycle would be
        # left for the garbage collector after every request (its pauses were the walk-in
        # tail at 8 clients; docs/performance.md).
        self._owner = weakref.ref(uow)
        self.on_postgres: bool = uow.dialect_name == "postgresql"

    @property
    def _uow(self) -> Any:
        uow = self._owner()
        if uow is None:
            raise RuntimeError("this repository's unit of work is gone")
        return uow

    @property
    def session(self) -> Session:
        """The unit of work's ORM session (made at first use, on the same transaction)."""
        return self._uow.session

    def _core(self, stmt: Any, **params: Any) -> Any:
        """`stmt` with `params` on the transaction's connection (a `Hot` one straight on
        the driver's cursor): a Result, or `hot.Rows`."""
        if isinstance(stmt, Hot):
            return stmt.run(self._uow.connection, params)
        return self._uow.connection.execute(stmt, params)

    def _core_together(self, calls: list[tuple[Hot, dict[str, Any]]]) -> list[Any]:
        """Hot statements sent together (`Hot.run_together`): their `hot.Rows`, in order."""
        return Hot.run_together(self._uow.connection, calls)

    def _core_many(self, stmt: Any, rows: list[dict[str, Any]]) -> Any:
        return self._uow.connection.execute(stmt, rows)
