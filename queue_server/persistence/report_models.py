"""Typed SQLAlchemy 2 model of the reports' daily roll-up (issue 15)."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, Integer
from sqlalchemy.orm import Mapped, mapped_column

from .models import Base


class ReportDay(Base):
    """One closed service day as the reports read it: its reportable tickets as entries
    (domain.reports.Entry without the facility and service, one JSON list each), written
    by the end-of-day close. `shape` is the entry layout's version (ROLL_UP_SHAPE in
    persistence/repositories/report_days.py): a row of another shape is read live."""

    __tablename__ = "report_days"
    service_id: Mapped[int] = mapped_column(ForeignKey("services.id"), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    shape: Mapped[int] = mapped_column(Integer)
    tickets: Mapped[int] = mapped_column(Integer)
    entries: Mapped[list[Any]] = mapped_column(JSON)
