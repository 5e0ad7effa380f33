"""Configured objects as configuration entries: the shape `load-config` reads (so an
export loads back unchanged), what the admin API answers, and what the audit log keeps
(with every secret replaced by "***")."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..domain.hours import WEEKDAYS, Hours
from .port_admin import DeviceEntryRow, ServiceEntryRow, UserEntryRow
from .port_rows import CounterRow, FacilityRow

Entry = dict[str, Any]
SECRET_KEYS = frozenset({"password", "password_hash", "token", "token_hash"})
MASK = "***"
_ALL_DAY = [["00:00", "24:00"]]


def closures_entry(closed: Mapping[str, str] | None) -> list[dict[str, str]]:
    """Stored closures (ISO date → reason) as the file lists them, in date order."""
    return [{"date": day, "reason": reason} for day, reason in sorted((closed or {}).items())]


def hours_entry(hours: Hours) -> str | dict[str, list[str]]:
    """Stored hours as the file writes them: `24h` when open all day every day with no
    special date, else every weekday (mon..sun, whatever order the database kept) then
    each special date → `["HH:MM-HH:MM", ...]`."""
    if all(hours.get(day) == _ALL_DAY for day in WEEKDAYS) and set(hours) == set(WEEKDAYS):
        return "24h"
    days = [*WEEKDAYS, *sorted(day for day in hours if day not in WEEKDAYS)]
    return {day: [f"{start}-{end}" for start, end in hours[day]]
            for day in days if day in hours}


def facility_entry(facility: FacilityRow, running_text: str) -> Entry:
    """A facility's own keys (no services, counters or devices)."""
    return {"code": facility.code, "name": facility.name, "timezone": facility.timezone,
            "running_text": running_text,
            "cuti_bersama": "closed" if facility.joint_leave_closes else "open",
            "closed_dates": closures_entry(facility.closed_dates)}


def service_entry(service: ServiceEntryRow) -> Entry:
    """A service's entry, every key spelt out (defaults too)."""
    return {"code": service.code, "name": service.name, "prefix": service.prefix,
            "hours": hours_entry(service.hours), "booking_quota": service.booking_quota,
            "jkn_quota": service.jkn_quota,
            "walkin_limit": service.walkin_limit, "avg_minutes": float(service.avg_minutes),
            "target_wait": service.target_wait_minutes,
            "shown_on_boards": bool(service.shown_on_boards), "active": bool(service.active),
            "open_on_holidays": bool(service.open_on_holidays),
            "booking_cutoff": service.booking_cutoff,
            "closed_dates": closures_entry(service.closed_dates)}


def counter_entry(counter: CounterRow) -> Entry:
    """A counter's entry: its services in the order it calls them."""
    links = sorted(counter.links, key=lambda link: link.rank)
    return {"code": counter.code, "name": counter.name,
            "services": [link.service.code for link in links], "active": bool(counter.active)}


def device_entry(device: DeviceEntryRow) -> Entry:
    """A device's entry as exported: its token's hash, never a token."""
    return {"code": device.code, "kind": device.kind, "name": device.name or device.code,
            "active": bool(device.active), "token_hash": device.token_hash}


def user_entry(user: UserEntryRow, facility_code: str | None) -> Entry:
    """A user's entry as exported: its password's hash, never a password."""
    entry: Entry = {"username": user.username, "role": user.role}
    if facility_code is not None:
        entry["facility"] = facility_code
    entry.update(name=user.full_name or user.username, active=bool(user.active),
                 password_hash=user.password_hash)
    return entry


def without_secrets(entry: Entry) -> Entry:
    """The entry as the API shows it: no password, token nor hash at all."""
    return {key: value for key, value in entry.items() if key not in SECRET_KEYS}


def masked(entry: Entry | None) -> Entry | None:
    """The entry as the audit log keeps it: every secret's value "***"."""
    if entry is None:
        return None
    return {key: MASK if key in SECRET_KEYS else value for key, value in entry.items()}
