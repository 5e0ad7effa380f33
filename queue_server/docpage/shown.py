"""What the verification page says of a document's public facts, in the page's words."""

from __future__ import annotations

from typing import Any

from ..services.document_web import said_date


def hash_groups(sha256: str) -> list[str]:
    """The SHA-256 in groups of 8 hex digits, for reading aloud or comparing by eye (the
    page shows them apart, but copying them gives the 64 digits unbroken)."""
    return [sha256[i:i + 8] for i in range(0, len(sha256), 8)]


def page_facts(facts: dict[str, Any], lang: str) -> dict[str, Any]:
    """`facts` (services.documents.public_facts) with the dates in words (`issued_on`,
    `status_on`, city time) and the hash grouped (`hash_groups`)."""
    return {**facts, "issued_on": said_date(facts["issued_at"], lang),
            "status_on": said_date(facts["status_at"], lang),
            "hash_groups": hash_groups(facts["sha256"])}
