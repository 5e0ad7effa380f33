"""The soak's city: a generated configuration of N facilities and its accounts.

Each facility has a registration desk (walk-ins), three polis taking bookings, a
pharmacy; two registration counters, one counter per poli and the pharmacy; a kiosk
device and an operator. Every service's hours end today at `closes` (local time), so
the end-of-day close runs right after the soak's day."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from typing import Any

ENTRY = "pendaftaran"
POLIS = {"umum": 0.6, "gigi": 0.15, "kia": 0.25}  # share of patients per poli
PHARMACY = "apotek"
SERVICES = [(ENTRY, "Pendaftaran", "A"), ("umum", "Poli Umum", "B"),
            ("gigi", "Poli Gigi", "C"), ("kia", "KIA", "D"), (PHARMACY, "Apotek", "F")]
COUNTERS = {"loket-1": ENTRY, "loket-2": ENTRY, "poli-umum": "umum", "poli-gigi": "gigi",
            "kia": "kia", "apotek": PHARMACY}


@dataclass
class City:
    """The facilities' codes and the secrets the driver uses (kiosk tokens, passwords)."""

    facilities: list[str]
    kiosk_tokens: dict[str, str] = field(default_factory=dict)
    passwords: dict[str, str] = field(default_factory=dict)  # facility -> operator's

    @staticmethod
    def operator(facility: str) -> str:
        return f"op-{facility}"


def counters_of(service: str) -> list[str]:
    """The counters that call a service's queue."""
    return [c for c, s in COUNTERS.items() if s == service]


def make_city(count: int) -> City:
    city = City([f"pkm-{i:02d}" for i in range(count)])
    for code in city.facilities:
        city.kiosk_tokens[code] = secrets.token_urlsafe(24)
        city.passwords[code] = "Soak-" + secrets.token_urlsafe(18)
    return city


def config(city: City, day: str, closes: str, visits: int) -> dict[str, Any]:
    """The load-config document: quotas leave room for every booking the soak makes
    (`visits` in all, at most half of them bookings)."""
    per_facility = visits / max(1, len(city.facilities))
    hours = {day: f"00:00-{closes}"}

    def service(code: str, name: str, prefix: str) -> dict[str, Any]:
        entry: dict[str, Any] = {"code": code, "name": name, "prefix": prefix,
                                 "hours": hours, "avg_minutes": 5}
        if code in POLIS:
            entry["booking_quota"] = int(per_facility * POLIS[code] * 0.8) + 20
            entry["booking_cutoff"] = closes  # not closing time minus the wait
        return entry

    return {
        "facilities": [{
            "code": f, "name": f"Puskesmas {f[4:]}", "timezone": "Asia/Jakarta",
            "services": [service(*s) for s in SERVICES],
            "counters": [{"code": c, "name": c.title(), "services": [s]}
                         for c, s in COUNTERS.items()],
            "devices": [{"code": "kiosk-1", "kind": "kiosk", "name": "Kiosk",
                         "token": city.kiosk_tokens[f]}],
        } for f in city.facilities],
        "users": [{"username": city.operator(f), "role": "operator", "facility": f,
                   "name": "Petugas Soak", "password": city.passwords[f]}
                  for f in city.facilities],
    }
