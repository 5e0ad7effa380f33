"""How many walk-in numbers a service gives out in a day (its `walkin_limit`)."""

from __future__ import annotations

from .errors import DomainError


class WalkInFull(DomainError):
    code = "walkin_full"
    text_id = "Nomor antrean {service} hari ini sudah habis ({limit})."
    text_en = "Today's walk-in numbers for {service} are used up ({limit})."

    def __init__(self, service: str, limit: int):
        super().__init__(service=service, limit=limit)


def check_walk_in_limit(issued: int, limit: int | None, service: str) -> None:
    """Refuse a walk-in once `issued` (walk-in numbers of the service today, the new one
    included) is over `limit` (None: no limit). Raises WalkInFull (409)."""
    if limit is not None and issued > limit:
        raise WalkInFull(service, limit)
