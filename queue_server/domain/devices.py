"""Kiosks and boards report in: when one counts as offline, and what its printer says."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

# Kiosks and boards report every 30 s; two missed reports in a row mean the device is
# offline (a single late one is a busy network, not a fault).
HEARTBEAT_EVERY = timedelta(seconds=30)
OFFLINE_AFTER = 2 * HEARTBEAT_EVERY

PRINTER_STATES = ("online", "offline", "unknown")
PAPER_STATES = ("ok", "low", "out", "unknown")


def is_online(last_seen: datetime | None, now: datetime) -> bool:
    """Seen within OFFLINE_AFTER (60 s) of `now`; a device never seen is offline."""
    return last_seen is not None and now - last_seen <= OFFLINE_AFTER


def printer_state(kind: str, status: dict[str, Any] | None) -> dict[str, Any] | None:
    """A kiosk's printer as its last heartbeat described it; None for devices without one.

    Returns `printer` (online/offline/unknown), `paper` (ok/low/out/unknown),
    `jobs_waiting` (tickets not yet printed), `last_error` (staff-only text or None),
    `shown_not_printed` (tickets only shown on screen) and `taking_numbers` (False while
    the kiosk refuses numbers; None if it did not say); anything a heartbeat did not say
    is "unknown" (or 0, None)."""
    if kind != "kiosk":
        return None
    status = status or {}
    printer = status.get("printer")
    paper = status.get("paper")
    error = status.get("last_error")
    taking = status.get("taking_numbers")
    return {
        "printer": printer if printer in PRINTER_STATES else "unknown",
        "paper": paper if paper in PAPER_STATES else "unknown",
        "jobs_waiting": _count(status.get("jobs_waiting")),
        "last_error": str(error)[:300] if error else None,
        "shown_not_printed": _count(status.get("shown_not_printed")),
        "taking_numbers": taking if isinstance(taking, bool) else None,
    }


def _count(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else 0
