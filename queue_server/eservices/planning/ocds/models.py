"""The Open Contracting releases: one row per change of a contracting process (one
package: its `ocid`), holding the whole OCDS 1.1.5 release as published, newest last."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from queue_server.persistence.models import Base


class OcdsRelease(Base):
    """A release: `release_id` (unique, `{ocid}-{n}`), the process's ocid and package,
    its date (UTC), its tags, and the release itself (JSON)."""

    __tablename__ = "ocds_releases"
    __table_args__ = (Index("ix_ocds_releases_ocid", "ocid", "id"),
                      Index("ix_ocds_releases_date", "date"))
    id: Mapped[int] = mapped_column(primary_key=True)
    release_id: Mapped[str] = mapped_column(String(120), unique=True)
    ocid: Mapped[str] = mapped_column(String(80))
    package_id: Mapped[int] = mapped_column(ForeignKey("project_packages.id"))
    date: Mapped[datetime]
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
