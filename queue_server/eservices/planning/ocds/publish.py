"""Publishing a change of a contracting process as an OCDS release (the `ocds` part
fills this in; the other parts call it inside their own transaction after each change)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from queue_server.services.ports import Clock


def publish(uow: Any, clock: Clock, package_id: int, tags: Sequence[str]) -> None:
    """Record a release of the package `package_id`'s process as it now stands, tagged
    `tags` (OCDS release tags: planning, tender, award, contract, implementation, …),
    in the caller's transaction. Does nothing until the ocds part is built."""
    return None
