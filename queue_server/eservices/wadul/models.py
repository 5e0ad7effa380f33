"""e-Wadul's own tables: complaint categories (routed to an office, with their days to
answer), the complaint beside its shared case row, and Open311 API keys."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from queue_server.persistence.models import Base


class WadulCategory(Base):
    """A complaint category: the office it is routed to, the working days that office has
    to answer (`days`), and for an emergency category the words that send the citizen
    elsewhere (`redirect`, e.g. "Hubungi 112") instead of a form."""

    __tablename__ = "wadul_categories"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    name_en: Mapped[str] = mapped_column(String(120), default="", server_default="")
    office_id: Mapped[int] = mapped_column(ForeignKey("offices.id"))
    days: Mapped[int] = mapped_column(Integer, default=5, server_default="5")
    redirect: Mapped[str | None] = mapped_column(String(300), nullable=True)
    redirect_en: Mapped[str | None] = mapped_column(String(300), nullable=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default="1")
    position: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class WadulReport(Base):
    """A complaint, one per case: what, where, and how it may be shown. `anonymous`:
    public, identity hidden (from the office too); `confidential`: never public at all.
    `channel`: web, api, open311, whatsapp, phone, email, social, desk."""

    __tablename__ = "wadul_reports"
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), primary_key=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("wadul_categories.id"))
    description: Mapped[str] = mapped_column(Text)
    kelurahan: Mapped[str] = mapped_column(String(80))
    address: Mapped[str | None] = mapped_column(String(200), nullable=True)
    lat: Mapped[float | None] = mapped_column(Float, nullable=True)
    lon: Mapped[float | None] = mapped_column(Float, nullable=True)
    anonymous: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    confidential: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    channel: Mapped[str] = mapped_column(String(20))
    entered_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    open311_key_id: Mapped[int | None] = mapped_column(ForeignKey("open311_keys.id"),
                                                       nullable=True)
    rating: Mapped[int | None] = mapped_column(Integer, nullable=True)
    duplicate_of: Mapped[int | None] = mapped_column(ForeignKey("cases.id"), nullable=True)
    answered_at: Mapped[datetime | None] = mapped_column(nullable=True)


class Open311Key(Base):
    """An API key a civic app files Open311 requests with: only its SHA-256 is kept."""

    __tablename__ = "open311_keys"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80))
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default="1")
    created_at: Mapped[datetime]
    note: Mapped[str] = mapped_column(Text, default="", server_default="")
