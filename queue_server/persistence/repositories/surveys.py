"""Satisfaction surveys (SKM, issue 16): one row per finished visit or closed case,
and the answers an index is computed from."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ..case_models import Survey
from .base import Repository


class Surveys(Repository):
    """Surveys by subject and code; their answers over a time range."""

    def exists(self, subject: str, code: str) -> bool:
        q = select(Survey.id).where(Survey.subject == subject, Survey.code == code)
        return self.session.scalar(q) is not None

    def add(self, **fields: Any) -> bool:
        """Add a survey; False (and nothing written) when its subject already has one:
        the unique (subject, code) decides a race between two sends."""
        savepoint = self.session.begin_nested()
        try:
            self.session.add(Survey(**fields))
            self.session.flush()
        except IntegrityError:
            savepoint.rollback()
            return False
        savepoint.commit()
        return True

    def answers(self, start: datetime, end: datetime, facility_id: int | None = None,
                office_id: int | None = None,
                module: str | None = None) -> Sequence[list[int]]:
        """The answers of the surveys sent in [start, end) (UTC), of one facility, office
        or module when given."""
        q = select(Survey.answers).where(Survey.submitted_at >= start,
                                         Survey.submitted_at < end)
        if facility_id is not None:
            q = q.where(Survey.facility_id == facility_id)
        if office_id is not None:
            q = q.where(Survey.office_id == office_id)
        if module is not None:
            q = q.where(Survey.module == module)
        return [list(row) for row in self.session.scalars(q).all()]
