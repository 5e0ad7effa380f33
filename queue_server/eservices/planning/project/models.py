"""e-Project's table: the work packages a budget line is split into, each with its
procurement method (suggested from the value thresholds in configuration), schedule,
payment plan and planned physical progress per month. The packages of a line never add up
to more than the line (the line's row is locked while a package is added or changed)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Boolean, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from queue_server.persistence.models import Base


class ProjectPackage(Base):
    """A work package: `code` (public, e.g. PKT-2027-0001), its budget line, office and
    kecamatan (where the work is; None for a city-wide one), title, value (rupiah, the
    owner's estimate: HPS), method (`tender`, `direct`, `e_purchasing`, … see the
    configuration) and the suggested one, schedule (`starts`, `ends`), `payment_plan`
    (list of `{termin, percent, month: "YYYY-MM"}`), `plan` (planned physical progress:
    list of `{month: "YYYY-MM", percent}`), state (draft, planned, procuring, contracted,
    completed, cancelled), and its OCDS `ocid`."""

    __tablename__ = "project_packages"
    __table_args__ = (Index("ix_project_packages_line", "budget_line_id"),
                      Index("ix_project_packages_office", "office_id", "state"))
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(30), unique=True)
    ocid: Mapped[str] = mapped_column(String(80), unique=True)
    budget_line_id: Mapped[int] = mapped_column(ForeignKey("budget_lines.id"))
    office_id: Mapped[int] = mapped_column(ForeignKey("offices.id"))
    kecamatan_office_id: Mapped[int | None] = mapped_column(ForeignKey("offices.id"),
                                                            nullable=True)
    title: Mapped[str] = mapped_column(String(300))
    value: Mapped[int] = mapped_column(BigInteger)
    method: Mapped[str] = mapped_column(String(20))
    method_suggested: Mapped[str] = mapped_column(String(20))
    category: Mapped[str] = mapped_column(String(20), default="works", server_default="works")
    starts: Mapped[date]
    ends: Mapped[date]
    payment_plan: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    plan: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    state: Mapped[str] = mapped_column(String(20), default="draft", server_default="draft")
    created_at: Mapped[datetime]
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    # A multi-year contract (kontrak tahun jamak, PP 12/2019 art. 54) may end after the
    # line's budget year; the approval's reason is kept beside it (plans.within_year).
    multi_year: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    multi_year_reason: Mapped[str] = mapped_column(String(500), default="",
                                                   server_default="")
