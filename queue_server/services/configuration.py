"""Loading the configuration file: facilities, services, counters, devices and users."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import yaml
from werkzeug.security import check_password_hash

from ..domain.errors import InvalidInput
from ..domain.hours import parse_hours
from ..domain.numbering import validate_prefix
from . import catalogue
from .auth import ADMIN, DISPLAY, KIOSK, OPERATOR, hash_password, hash_token
from .ports import UnitOfWork

_ENV = re.compile(r"\$\{([A-Z0-9_]+)(?::-([^}]*))?\}")


def _expand(text: str) -> str:
    """`${VAR:-default}` from the environment, so secrets need not live in the file."""
    return _ENV.sub(lambda m: os.environ.get(m.group(1), m.group(2) or ""), text)


def read_config(path: str | Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(_expand(Path(path).read_text(encoding="utf-8")))
    except (OSError, yaml.YAMLError) as exc:
        raise InvalidInput(f"Berkas konfigurasi tidak terbaca: {exc}",
                           f"Cannot read the configuration file: {exc}",
                           code="invalid_config") from exc
    if not isinstance(data, dict):
        raise InvalidInput("Konfigurasi harus berupa mapping.",
                           "The configuration must be a mapping.", code="invalid_config")
    return data


def counter_names(data: dict[str, Any]) -> list[str]:
    """The names of every counter a configuration defines (a counter without a name is
    called by its code), in file order: what a board must be able to say."""
    return [str(c.get("name") or c.get("code") or "")
            for facility in data.get("facilities") or []
            for c in facility.get("counters") or []]


def _need(entry: dict[str, Any], key: str, where: str) -> Any:
    if entry.get(key) in (None, ""):
        raise InvalidInput(f"{where}: '{key}' wajib diisi.", f"{where}: '{key}' is required.",
                           code="invalid_config")
    return entry[key]


def load_config(uow: UnitOfWork, data: dict[str, Any]) -> dict[str, int]:
    """Create or update everything the file names; loading it twice changes nothing."""
    counts = {"facilities": 0, "services": 0, "counters": 0, "devices": 0, "users": 0}
    with uow:
        facilities = {}
        for entry in data.get("facilities") or []:
            facility = _load_facility(uow, entry, counts)
            facilities[facility.code] = facility
        for entry in data.get("users") or []:
            _load_user(uow, entry, facilities)
            counts["users"] += 1
        uow.commit()
    catalogue.forget_all()
    return counts


def _load_facility(uow: UnitOfWork, entry: dict[str, Any], counts: dict[str, int]) -> Any:
    code = _need(entry, "code", "facility")
    facility = uow.config.facility(
        code, name=_need(entry, "name", f"facility {code}"),
        timezone=entry.get("timezone", "Asia/Jakarta"),
        running_text=entry.get("running_text", ""),
    )
    counts["facilities"] += 1
    services = {}
    for pos, s in enumerate(entry.get("services") or []):
        where = f"{code} service {s.get('code')}"
        scode = _need(s, "code", f"{code} service")
        services[scode] = uow.config.service(
            facility, scode, name=_need(s, "name", where),
            prefix=validate_prefix(str(_need(s, "prefix", where))), position=pos,
            hours=parse_hours(s.get("hours", "24h")),
            booking_quota=int(s.get("booking_quota", 0)),
            walkin_limit=None if s.get("walkin_limit") is None else int(s["walkin_limit"]),
            avg_minutes=float(s.get("avg_minutes", 5)), active=bool(s.get("active", True)),
        )
        counts["services"] += 1
    prefixes = [s.prefix for s in services.values()]
    if len(set(prefixes)) != len(prefixes):
        raise InvalidInput(f"{code}: setiap layanan perlu prefix sendiri.",
                           f"{code}: every service needs its own prefix.", code="invalid_config")
    for pos, c in enumerate(entry.get("counters") or []):
        ccode = _need(c, "code", f"{code} counter")
        names = c.get("services") or []
        unknown = [n for n in names if n not in services]
        if unknown or not names:
            raise InvalidInput(
                f"{code} loket {ccode}: layanan tidak dikenal atau kosong: {unknown}",
                f"{code} counter {ccode}: unknown or no services: {unknown}",
                code="invalid_config",
            )
        uow.config.counter(facility, ccode, [services[n] for n in names],
                           name=c.get("name", ccode), position=pos)
        counts["counters"] += 1
    for d in entry.get("devices") or []:
        dcode = _need(d, "code", f"{code} device")
        kind = _need(d, "kind", f"{code} device {dcode}")
        if kind not in (KIOSK, DISPLAY):
            raise InvalidInput(f"Jenis perangkat '{kind}' tidak dikenal.",
                               f"Unknown device kind '{kind}'.", code="invalid_config")
        uow.config.device(facility, dcode, kind=kind, name=d.get("name", dcode),
                          token_hash=hash_token(str(_need(d, "token", f"device {dcode}"))))
        counts["devices"] += 1
    return facility


def _load_user(uow: UnitOfWork, entry: dict[str, Any], facilities: dict[str, Any]) -> None:
    username = _need(entry, "username", "user")
    role = entry.get("role", OPERATOR)
    if role not in (ADMIN, OPERATOR):
        raise InvalidInput(f"Peran '{role}' tidak dikenal.", f"Unknown role '{role}'.",
                           code="invalid_config")
    facility_id = None
    if role == OPERATOR:
        fcode = _need(entry, "facility", f"user {username}")
        facility = facilities.get(fcode) or uow.directory.facility(fcode)
        if facility is None:
            raise InvalidInput(f"Fasilitas '{fcode}' tidak ada.", f"No facility '{fcode}'.",
                               code="invalid_config")
        facility_id = facility.id
    password = str(_need(entry, "password", f"user {username}"))
    existing = uow.staff.user_by_username(username)
    fields: dict[str, Any] = {"role": role, "facility_id": facility_id,
                              "full_name": entry.get("name", username), "active": True}
    # Re-hashing on every load would change the row each time; keep a hash that still fits.
    if existing is None or not check_password_hash(existing.password_hash, password):
        fields["password_hash"] = hash_password(password)
    uow.config.user(username, **fields)
