"""How a complaint reads on the shared public page `/c/{code}` and in public lists."""

from __future__ import annotations

from typing import Any

from queue_server.services.port_cases import CaseRow, CaseWork


def public_view(uow: CaseWork, case: CaseRow) -> dict[str, Any] | None:
    """The complaint's public fields, or None for a confidential one (never public)."""
    return {"title": "Pengaduan", "summary": "", "fields": [], "photos": []}
