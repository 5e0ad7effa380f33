"""e-Budgeting's tables: the standard-cost list (standar satuan harga), each office's
ceiling for a year (pagu indikatif), and the budget lines (from accepted proposals or an
office's own programme), flagged when over the standard price or the office's ceiling."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from queue_server.persistence.models import Base


class BudgetStandardCost(Base):
    """A standard cost of a year: code, name, unit, price (rupiah)."""

    __tablename__ = "budget_standard_costs"
    __table_args__ = (UniqueConstraint("year", "code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    code: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(200))
    unit: Mapped[str] = mapped_column(String(30))
    price: Mapped[int] = mapped_column(BigInteger)


class BudgetOfficeCeiling(Base):
    """An office's budget ceiling for a year (rupiah)."""

    __tablename__ = "budget_office_ceilings"
    __table_args__ = (UniqueConstraint("year", "office_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    office_id: Mapped[int] = mapped_column(ForeignKey("offices.id"))
    amount: Mapped[int] = mapped_column(BigInteger)


class BudgetLine(Base):
    """A budget line: the account code, the office, a title, where it came from
    (`musrenbang` with its proposal, or `programme`), priced from a standard cost
    (quantity × unit price), its amount (the line's ceiling, rupiah), its flags
    (`over_standard`, `over_office_ceiling`), the reason given to approve a flagged line,
    its state (draft, approved, rejected). `version` guards concurrent changes."""

    __tablename__ = "budget_lines"
    __table_args__ = (Index("ix_budget_lines_office", "year", "office_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    code: Mapped[str] = mapped_column(String(60))
    office_id: Mapped[int] = mapped_column(ForeignKey("offices.id"))
    title: Mapped[str] = mapped_column(String(300))
    source: Mapped[str] = mapped_column(String(20))
    proposal_id: Mapped[int | None] = mapped_column(ForeignKey("musrenbang_proposals.id"),
                                                    nullable=True, unique=True)
    standard_cost_id: Mapped[int | None] = mapped_column(
        ForeignKey("budget_standard_costs.id"), nullable=True)
    quantity: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    unit_price: Mapped[int] = mapped_column(BigInteger)
    amount: Mapped[int] = mapped_column(BigInteger)
    flags: Mapped[list[str]] = mapped_column(JSON, default=list)
    reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    state: Mapped[str] = mapped_column(String(20), default="draft", server_default="draft")
    created_at: Mapped[datetime]
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    approved_at: Mapped[datetime | None] = mapped_column(nullable=True)
    approved_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    extra: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
