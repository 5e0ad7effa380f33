"""What became of a proposal after it was accepted (the `controlling` part fills this
in; the proposal's public page shows it)."""

from __future__ import annotations

from typing import Any


def follow(uow: Any, proposal_id: int) -> dict[str, Any] | None:
    """The chain after the proposal `proposal_id`: its budget line, packages, their
    procurement, contract, termins paid and latest approved progress (see the part's
    docstring once built), or None when it has not become a budget line."""
    return None
