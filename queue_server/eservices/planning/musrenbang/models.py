"""e-Musrenbang's tables: the yearly cycle with its dated phases, the catalogue of allowed
items (kamus usulan), the areas (each RW office in its kelurahan and kecamatan), the
ceilings (per RW and per kelurahan, per cycle), and the proposals beside their shared case
rows (the case holds the workflow state, deadlines and timeline)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
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


class MusrenbangCycle(Base):
    """One planning year's cycle: `year` (the budget year it plans for), `phases`
    (`{code: {"starts": "YYYY-MM-DD", "ends": "YYYY-MM-DD"}}` for submission, kelurahan,
    kecamatan, office, results), the default RW ceiling (rupiah)."""

    __tablename__ = "musrenbang_cycles"
    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer, unique=True)
    phases: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    rw_ceiling: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    created_at: Mapped[datetime]


class MusrenbangItem(Base):
    """An item of a cycle's catalogue (kamus usulan): code, name, unit, unit price
    (rupiah), the office responsible for it, a category."""

    __tablename__ = "musrenbang_items"
    __table_args__ = (UniqueConstraint("cycle_id", "code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    cycle_id: Mapped[int] = mapped_column(ForeignKey("musrenbang_cycles.id"))
    code: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(200))
    unit: Mapped[str] = mapped_column(String(30))
    unit_price: Mapped[int] = mapped_column(BigInteger)
    office_id: Mapped[int] = mapped_column(ForeignKey("offices.id"))
    category: Mapped[str] = mapped_column(String(80), default="", server_default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default="1")


class MusrenbangArea(Base):
    """An RW (its office, kind `rw`) in its kelurahan and kecamatan (their offices)."""

    __tablename__ = "musrenbang_areas"
    id: Mapped[int] = mapped_column(primary_key=True)
    rw_office_id: Mapped[int] = mapped_column(ForeignKey("offices.id"), unique=True)
    kelurahan_office_id: Mapped[int] = mapped_column(ForeignKey("offices.id"))
    kecamatan_office_id: Mapped[int] = mapped_column(ForeignKey("offices.id"))


class MusrenbangCeiling(Base):
    """A cycle's ceiling (pagu, rupiah) for one RW or one kelurahan office."""

    __tablename__ = "musrenbang_ceilings"
    __table_args__ = (UniqueConstraint("cycle_id", "office_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    cycle_id: Mapped[int] = mapped_column(ForeignKey("musrenbang_cycles.id"))
    office_id: Mapped[int] = mapped_column(ForeignKey("offices.id"))
    amount: Mapped[int] = mapped_column(BigInteger)


class MusrenbangProposal(Base):
    """An RW's proposal (usulan) from the catalogue: public reference `ref`, the item,
    quantity, the unit price at proposal time and the office's adjusted one, the amount
    (rupiah), where, why, the RW's own priority; after ranking its rank in the kelurahan,
    whether it fits the ceiling and, when it fell out, why. Its case (module `planning`,
    kind `proposal`) holds the state and timeline."""

    __tablename__ = "musrenbang_proposals"
    __table_args__ = (Index("ix_musrenbang_proposals_kelurahan", "cycle_id",
                            "kelurahan_office_id"),
                      Index("ix_musrenbang_proposals_rw", "cycle_id", "rw_office_id"))
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), unique=True)
    ref: Mapped[str] = mapped_column(String(30), unique=True)
    cycle_id: Mapped[int] = mapped_column(ForeignKey("musrenbang_cycles.id"))
    rw_office_id: Mapped[int] = mapped_column(ForeignKey("offices.id"))
    kelurahan_office_id: Mapped[int] = mapped_column(ForeignKey("offices.id"))
    kecamatan_office_id: Mapped[int] = mapped_column(ForeignKey("offices.id"))
    item_id: Mapped[int] = mapped_column(ForeignKey("musrenbang_items.id"))
    office_id: Mapped[int] = mapped_column(ForeignKey("offices.id"))
    quantity: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    unit_price: Mapped[int] = mapped_column(BigInteger)
    adjusted_price: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    amount: Mapped[int] = mapped_column(BigInteger)
    location: Mapped[str] = mapped_column(String(300))
    lat: Mapped[float | None] = mapped_column(nullable=True)
    lon: Mapped[float | None] = mapped_column(nullable=True)
    justification: Mapped[str] = mapped_column(Text, default="", server_default="")
    priority: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    rank: Mapped[int | None] = mapped_column(Integer, nullable=True)
    within_ceiling: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    fell_out: Mapped[str] = mapped_column(String(300), default="", server_default="")
    # {"left", "amount"} rupiah behind fell_out: its words in either language (ranking.py)
    fell_out_figures: Mapped[dict[str, int] | None] = mapped_column(JSON, nullable=True)
    created_at: Mapped[datetime]
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)


class MusrenbangMinutes(Base):
    """A kecamatan forum's minutes (berita acara) for one cycle: its signed document's
    code (core documents) and when it was held."""

    __tablename__ = "musrenbang_minutes"
    __table_args__ = (UniqueConstraint("cycle_id", "kecamatan_office_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    cycle_id: Mapped[int] = mapped_column(ForeignKey("musrenbang_cycles.id"))
    kecamatan_office_id: Mapped[int] = mapped_column(ForeignKey("offices.id"))
    held_at: Mapped[datetime]
    document_code: Mapped[str] = mapped_column(String(16))
    attendees: Mapped[list[Any]] = mapped_column(JSON, default=list)
