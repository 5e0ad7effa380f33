"""SSW's rows through the unit of work's ORM session: documents (latest version of each
requirement), reviews, the inspection."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select

from .models import SswDocument, SswInspection, SswReview


def latest_documents(uow: Any, case_id: int) -> dict[str, SswDocument]:
    """Each requirement's latest uploaded version, by requirement code."""
    rows = uow.session.scalars(select(SswDocument).where(SswDocument.case_id == case_id)
                               .order_by(SswDocument.requirement, SswDocument.version)).all()
    return {row.requirement: row for row in rows}


def all_documents(uow: Any, case_id: int) -> Sequence[SswDocument]:
    """Every version of every document of the case, oldest first."""
    return uow.session.scalars(select(SswDocument).where(SswDocument.case_id == case_id)
                               .order_by(SswDocument.requirement, SswDocument.version)).all()


def reviews(uow: Any, case_id: int) -> Sequence[SswReview]:
    """The case's reviews, one per reviewing office."""
    return uow.session.scalars(select(SswReview).where(SswReview.case_id == case_id)
                               .order_by(SswReview.id)).all()


def inspection(uow: Any, case_id: int) -> SswInspection | None:
    """The case's field inspection, None before one is recorded."""
    return uow.session.scalar(select(SswInspection).where(SswInspection.case_id == case_id))


def add(uow: Any, row: Any) -> Any:
    """Add `row` to the session and flush it (its id set). Returns it."""
    uow.session.add(row)
    uow.session.flush()
    return row


def session_of(uow: Any) -> Any:
    """The unit of work's ORM session (SSW's own rows go through it)."""
    return uow.session
