"""Typed SQLAlchemy 2 models of what the admin leaves behind: the audit log (issue 15)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from .models import Base


class AuditEvent(Base):
    """One configuration change: who (`actor`, e.g. `staff:admin` or `cli`), when (UTC),
    which object (`object_kind`: facility, service, counter, device, user; `object_code`),
    what (`action`: create, update, deactivate, token, import) and the object's entry before
    and after, as JSON with secrets replaced by "***" and personal data masked."""

    __tablename__ = "audit_events"
    __table_args__ = (Index("ix_audit_events_facility_at", "facility_id", "at"),
                      Index("ix_audit_events_at", "at"))
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime]
    actor: Mapped[str] = mapped_column(String(80))
    facility_id: Mapped[int | None] = mapped_column(ForeignKey("facilities.id"), nullable=True)
    object_kind: Mapped[str] = mapped_column(String(20))
    object_code: Mapped[str] = mapped_column(String(80))
    action: Mapped[str] = mapped_column(String(20))
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
