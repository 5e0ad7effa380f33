"""Cases of every e-service module (issue 16): the case rows, their timeline, files and
phone checks, read and written through the ORM (none of this is a hot path)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, select

from ..access_models import Notification
from ..case_models import Case, CaseCheck, CaseEvent, CaseFile
from ..models import Base
from .base import Repository


class Cases(Repository):
    """Cases by code or id, their timeline lines, files and outstanding phone checks."""

    def by_code(self, code: str, module: str | None = None) -> Case | None:
        """The case with tracking `code` (of `module`, when given), or None."""
        q = select(Case).where(Case.code == code)
        if module is not None:
            q = q.where(Case.module == module)
        return self.session.scalar(q)

    def by_id(self, case_id: int) -> Case | None:
        return self.session.get(Case, case_id)

    def lock(self, case: Case) -> Case:
        """The case again, locked until commit on PostgreSQL (two staff acting on one
        case at once take turns; SQLite's writer already holds the database)."""
        if self.on_postgres:
            self.session.execute(select(Case.id).where(Case.id == case.id).with_for_update())
            self.session.refresh(case)
        return case

    def code_taken(self, code: str) -> bool:
        return self.session.scalar(select(Case.id).where(Case.code == code)) is not None

    def add(self, **fields: Any) -> Case:
        case = Case(**fields)
        self.session.add(case)
        self.session.flush()
        return case

    def add_event(self, **fields: Any) -> CaseEvent:
        fields.setdefault("data", {})
        event = CaseEvent(**fields)
        self.session.add(event)
        self.session.flush()
        return event

    def events(self, case_id: int, public_only: bool = False) -> Sequence[CaseEvent]:
        """The case's timeline, oldest first (only its public lines when asked)."""
        q = select(CaseEvent).where(CaseEvent.case_id == case_id)
        if public_only:
            q = q.where(CaseEvent.public.is_(True))
        return self.session.scalars(q.order_by(CaseEvent.id)).all()

    def add_file(self, **fields: Any) -> CaseFile:
        row = CaseFile(**fields)
        self.session.add(row)
        self.session.flush()
        return row

    def files(self, case_id: int) -> Sequence[CaseFile]:
        q = select(CaseFile).where(CaseFile.case_id == case_id).order_by(CaseFile.id)
        return self.session.scalars(q).all()

    def file(self, case_id: int, file_id: int) -> CaseFile | None:
        return self.session.scalar(select(CaseFile).filter_by(case_id=case_id, id=file_id))

    def check(self, case_id: int) -> CaseCheck | None:
        return self.session.get(CaseCheck, case_id)

    def put_check(self, case_id: int, code_hash: str, attempts: int,
                  expires_at: datetime, sends: int = 1) -> None:
        """Store the case's code check (`sends`: codes sent for the case so far)."""
        row = self.session.get(CaseCheck, case_id)
        if row is None:
            self.session.add(CaseCheck(case_id=case_id, code_hash=code_hash,
                                       attempts_left=attempts, expires_at=expires_at,
                                       sends=sends))
        else:
            row.code_hash, row.attempts_left, row.expires_at = code_hash, attempts, expires_at
            row.sends = sends
        self.session.flush()

    def drop_check(self, case_id: int) -> None:
        row = self.session.get(CaseCheck, case_id)
        if row is not None:
            self.session.delete(row)
            self.session.flush()

    def due_before(self, today: date, limit: int = 200) -> Sequence[Case]:
        """Confirmed open cases whose state deadline is before `today` (the sweep's
        work), oldest deadline first."""
        q = (select(Case).where(Case.confirmed.is_(True), Case.closed_at.is_(None),
                                Case.state_due.is_not(None), Case.state_due < today)
             .order_by(Case.state_due, Case.id).limit(limit))
        return self.session.scalars(q).all()

    def drop(self, case_id: int) -> None:
        """Delete the case with every row that hangs on it: its messages, and the rows of
        any loaded table with a foreign key to `cases.id` (timeline, files, check, a
        module's own row); a nullable reference from another row (a duplicate's
        `duplicate_of`) is cleared. For cases never filed (an unconfirmed phone code)."""
        cases = Case.__table__
        self.session.flush()
        self.session.execute(delete(Notification).where(Notification.case_id == case_id))
        for table in reversed(Base.metadata.sorted_tables):
            for key in (k for k in table.foreign_keys if k.column is cases.c.id):
                column = key.parent
                if column.primary_key or not column.nullable:
                    self.session.execute(table.delete().where(column == case_id))
                else:
                    self.session.execute(table.update().where(column == case_id)
                                         .values({column.name: None}))
        found = self.session.get(Case, case_id)
        if found is not None:
            self.session.delete(found)
        self.session.flush()

    def unconfirmed_before(self, moment: datetime, limit: int = 200) -> Sequence[Case]:
        """Cases whose phone code was never confirmed and expired before `moment`."""
        q = (select(Case).join(CaseCheck, CaseCheck.case_id == Case.id)
             .where(Case.confirmed.is_(False), CaseCheck.expires_at < moment)
             .limit(limit))
        return self.session.scalars(q).all()
