"""Issued documents (signed PDFs of services/documents.py: award letter, contract, notice
to proceed, handover) as OCDS Documents, linked to their public verification page."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from .settings import Settings, moment


def document(settings: Settings, code: str, kind: str, title: str,
             issued: datetime | None) -> dict[str, Any]:
    """An issued document (signed PDF) as an OCDS Document: its verification address
    `{PUBLIC_URL}/v/{code}` (services/documents.py) and documentType `kind`."""
    return {"id": code, "documentType": kind, "title": title,
            "url": f"{settings.base_url}/v/{code}", "format": "application/pdf",
            "language": "id", "datePublished": moment(issued) if issued else None}
