"""The base of every repository: Core on the unit of work's connection, the ORM on its
session."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session


class Repository:
    """Reads and writes through its unit of work: Core on the transaction's connection,
    ORM on a session the unit of work makes only when one is needed."""

    def __init__(self, uow: Any):
        self._uow = uow
        self.on_postgres: bool = uow.dialect_name == "postgresql"

    @property
    def session(self) -> Session:
        """The unit of work's ORM session (made at first use, on the same transaction)."""
        return self._uow.session

    def _core(self, stmt: Any, **params: Any) -> Any:
        return self._uow.connection.execute(stmt, params)

    def _core_many(self, stmt: Any, rows: list[dict[str, Any]]) -> Any:
        return self._uow.connection.execute(stmt, rows)
