"""Issued documents and the number sequences official numbers come from (issue 17)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.dialects import postgresql, sqlite

from ..document_models import Document, NumberSequence
from .base import Repository

_NS = NumberSequence.__table__


def _next_statement(dialect: Any) -> Any:
    """INSERT … ON CONFLICT DO UPDATE last = last + 1 RETURNING last: one statement, the
    row lock held to the commit, so two transactions never get the same number and a
    rolled-back one gives its number back (no gap)."""
    stmt = dialect.insert(_NS).values(last=1)
    return stmt.on_conflict_do_update(
        index_elements=["scope", "office_id", "year"],
        set_={"last": _NS.c.last + 1}).returning(_NS.c.last)


_NEXT = {"postgresql": _next_statement(postgresql), "sqlite": _next_statement(sqlite)}


class Documents(Repository):
    """Documents by code, case and office; the next number of a sequence."""

    def add(self, **fields: Any) -> Document:
        row = Document(**fields)
        self.session.add(row)
        self.session.flush()
        return row

    def by_code(self, code: str) -> Document | None:
        return self.session.scalar(select(Document).where(Document.code == code))

    def by_sha256(self, digest: str) -> Document | None:
        """The first document issued with these signed bytes (SHA-256 hex), or None."""
        q = select(Document).where(Document.sha256 == digest).order_by(Document.id).limit(1)
        return self.session.scalar(q)

    def code_taken(self, code: str) -> bool:
        return self.session.scalar(select(Document.id).where(Document.code == code)) is not None

    def of_case(self, case_id: int) -> Sequence[Document]:
        q = select(Document).where(Document.case_id == case_id).order_by(Document.id)
        return self.session.scalars(q).all()

    def listing(self, office_ids: Sequence[int] | None, module: str | None = None,
                limit: int = 200, before_id: int | None = None) -> Sequence[Document]:
        """Newest issue first (then the higher id); of `office_ids` only when given (an
        empty list: none); after the document `before_id` in that order."""
        q = select(Document).order_by(Document.issued_at.desc(), Document.id.desc()
                                      ).limit(limit)
        if office_ids is not None:
            q = q.where(Document.office_id.in_(list(office_ids)))
        if module is not None:
            q = q.where(Document.module == module)
        anchor = self.session.get(Document, before_id) if before_id is not None else None
        if anchor is not None:
            q = q.where(or_(Document.issued_at < anchor.issued_at,
                            and_(Document.issued_at == anchor.issued_at,
                                 Document.id < anchor.id)))
        elif before_id is not None:
            q = q.where(Document.id < before_id)
        return self.session.scalars(q).all()

    def next_number(self, scope: str, office_id: int, year: int) -> int:
        """The next number of (scope, office, year), starting at 1; taken inside the
        caller's transaction (rolled back with it)."""
        dialect = "postgresql" if self.on_postgres else "sqlite"
        stmt = _NEXT[dialect].values(scope=scope, office_id=office_id, year=year)
        return int(self.session.execute(stmt).scalar_one())
