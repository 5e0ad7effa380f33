"""How an SSW application reads on its owner's page `/c/{code}` (CaseKind.public_view)."""

from __future__ import annotations

from typing import Any

from queue_server.services.port_cases import CaseRow, CaseWork


def public_view(uow: CaseWork, case: CaseRow) -> dict[str, Any] | None:
    """The application's fields as its owner reads them (never the owner's identity)."""
    return None
