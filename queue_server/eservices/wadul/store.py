"""e-Wadul's rows through the unit of work's ORM session: categories, the complaint beside
its case, and the queries behind the lists and the dashboard (none is a hot path)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.orm import Session

from queue_server.persistence.case_models import Case, CaseEvent

from . import MODULE
from .domain import NON_PUBLIC_STATES
from .models import WadulCategory, WadulReport


@dataclass
class ListFilter:
    """Which complaints a list shows: `offices` (ids; None: every office), `states`,
    `overdue` (state deadline before `today`), `escalated`, `category` (code),
    `public` (domain.is_public: confirmed, not confidential, verified), `returned` (the
    desk's queue: cases an office sent back), and the page."""

    offices: Sequence[int] | None = None
    states: Sequence[str] | None = None
    overdue: bool | None = None
    escalated: bool | None = None
    category: str | None = None
    public: bool = False
    today: date | None = None
    page: int = 1
    per_page: int = 50


class WadulStore:
    """Categories and complaints of the unit of work `uow` (its ORM session)."""

    def __init__(self, uow: Any):
        self.session: Session = uow.session

    def categories(self, active_only: bool = False) -> Sequence[WadulCategory]:
        q = select(WadulCategory).order_by(WadulCategory.position, WadulCategory.name)
        if active_only:
            q = q.where(WadulCategory.active.is_(True))
        return self.session.scalars(q).all()

    def category(self, code: str) -> WadulCategory | None:
        return self.session.scalar(select(WadulCategory).where(WadulCategory.code == code))

    def category_by_id(self, category_id: int) -> WadulCategory | None:
        return self.session.get(WadulCategory, category_id)

    def put_category(self, code: str, **fields: Any) -> WadulCategory:
        """Create or update the category of `code`."""
        row = self.category(code)
        if row is None:
            row = WadulCategory(code=code, **fields)
            self.session.add(row)
        else:
            for key, value in fields.items():
                setattr(row, key, value)
        self.session.flush()
        return row

    def add_report(self, **fields: Any) -> WadulReport:
        row = WadulReport(**fields)
        self.session.add(row)
        self.session.flush()
        return row

    def report(self, case_id: int) -> WadulReport | None:
        return self.session.get(WadulReport, case_id)

    def count_reports(self) -> int:
        return int(self.session.scalar(select(func.count()).select_from(WadulReport)) or 0)

    def page(self, where: ListFilter) -> tuple[list[tuple[Case, WadulReport]], int]:
        """The complaints `where` picks, newest first, one page of them, and their total."""
        q = self._filtered(where)
        total = self.session.scalar(select(func.count()).select_from(q.subquery())) or 0
        rows = self.session.execute(
            q.order_by(Case.opened_at.desc(), Case.id.desc())
            .limit(where.per_page).offset((where.page - 1) * where.per_page)).all()
        return [(case, report) for case, report in rows], int(total)

    def _filtered(self, where: ListFilter) -> Select[Any]:
        q: Any = (select(Case, WadulReport).join(WadulReport, WadulReport.case_id == Case.id)
             .where(Case.module == MODULE, Case.confirmed.is_(True)))
        if where.offices is not None:
            q = q.where(Case.office_id.in_(list(where.offices)))
        if where.category:
            q = q.join(WadulCategory, WadulCategory.id == WadulReport.category_id).where(
                WadulCategory.code == where.category)
        if where.public:  # domain.is_public, as a query
            q = q.where(WadulReport.confidential.is_(False),
                        Case.state.not_in(sorted(NON_PUBLIC_STATES)))
        if where.escalated is not None:
            q = q.where(Case.escalated_at.is_not(None) if where.escalated
                        else Case.escalated_at.is_(None))
        if where.overdue is not None and where.today is not None:
            late = and_(Case.state_due.is_not(None), Case.state_due < where.today,
                        Case.closed_at.is_(None))
            q = q.where(late if where.overdue else ~late)
        return self._states(q, where)

    @staticmethod
    def _states(q: Select[Any], where: ListFilter) -> Select[Any]:
        if where.states is None:
            return q
        if "returned" not in where.states:
            return q.where(Case.state.in_(list(where.states)))
        returned = (select(CaseEvent.case_id).where(CaseEvent.action == "return")
                    .scalar_subquery())
        return q.where(or_(Case.state.in_([s for s in where.states if s != "returned"]),
                           and_(Case.state == "verified", Case.id.in_(returned))))

    def for_dashboard(self, since: datetime, until: datetime,
                      office_ids: Sequence[int] | None) -> list[tuple[Case, WadulReport]]:
        """Every confirmed complaint opened in [since, until), with its report row."""
        q = (select(Case, WadulReport).join(WadulReport, WadulReport.case_id == Case.id)
             .where(Case.module == MODULE, Case.confirmed.is_(True),
                    Case.opened_at >= since, Case.opened_at < until))
        if office_ids is not None:
            q = q.where(Case.office_id.in_(list(office_ids)))
        return [(case, report) for case, report in self.session.execute(q.order_by(Case.id))]

    def first_event(self, case_id: int, action: str) -> CaseEvent | None:
        """The earliest timeline line of `action` on the case (e.g. its first forward)."""
        return self.session.scalar(
            select(CaseEvent).where(CaseEvent.case_id == case_id, CaseEvent.action == action)
            .order_by(CaseEvent.id).limit(1))
