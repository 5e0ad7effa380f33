"""Loading the configuration file: city-wide closures, facilities (with their closures
and cuti bersama choice), services (hours with special dates, closures, holidays, the
same-day booking cutoff), counters, devices and users."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import yaml

from ..domain import config_errors as bad
from ..domain.calendar import parse_closures
from ..domain.errors import InvalidInput
from ..domain.hours import parse_hours, parse_time
from ..domain.identity import reference_form
from ..domain.numbering import validate_prefix
from ..domain.zones import parse_timezone
from .auth import DISPLAY, FACILITY_ROLES, KIOSK, OPERATOR, STAFF_ROLES
from .port_rows import FacilityFull, ServiceRow
from .ports import UnitOfWork
from .secret_check import password_fields, token_fields

# The file, or one entry of it, as YAML gives it: Any on purpose, since its values are
# checked one key at a time where they are read (_need, _code, _choice, _number, the
# domain's parse_* functions); `object` would need a cast at every read of a nested entry.
ConfigData = dict[str, Any]
T = TypeVar("T")
V = TypeVar("V")
_ENV = re.compile(r"\$\{([A-Z0-9_]+)(?::-([^}]*))?\}")


def _expand(text: str) -> str:
    """`${VAR:-default}` from the environment, so secrets need not live in the file."""
    return _ENV.sub(lambda m: os.environ.get(m.group(1), m.group(2) or ""), text)


def read_config(path: str | Path) -> ConfigData:
    try:
        data = yaml.safe_load(_expand(Path(path).read_text(encoding="utf-8")))
    except (OSError, yaml.YAMLError) as exc:
        raise bad.ConfigUnreadable(exc) from exc
    if not isinstance(data, dict):
        raise bad.ConfigNotMapping()
    return data


def counter_names(data: ConfigData) -> list[str]:
    """The names of every counter a configuration defines (a counter without a name is
    called by its code), in file order: what a board must be able to say."""
    return [str(c.get("name") or c.get("code") or "")
            for facility in data.get("facilities") or []
            for c in facility.get("counters") or []]


def _need(entry: ConfigData, key: str, where: str) -> Any:
    if entry.get(key) in (None, ""):
        raise bad.KeyRequired(key).at(where)
    return entry[key]


def _code(value: object, where: str) -> str:
    """A configured code in the one form the API reads codes in (lower case, NFKC, ASCII),
    so `Umum` in a file and `umum` from a phone name the same service."""
    code = reference_form(str(value))
    if code is None:
        raise bad.CodeNotPlain(value).at(where)
    return code


def load_config(uow: UnitOfWork, data: ConfigData) -> dict[str, int]:
    """Create or update everything the file names; loading it twice changes nothing.

    A top-level `closed_dates` list replaces the city-wide closures (left alone when the
    file has no such key: a file for one facility does not wipe the city's). Raises
    InvalidInput naming the entry (facility, service, key) that is wrong."""
    counts = {"facilities": 0, "services": 0, "counters": 0, "devices": 0, "users": 0}
    with uow:
        if "closed_dates" in data:
            uow.calendar.replace(parse_closures(data["closed_dates"] or [],
                                                "top-level closed_dates"))
        facilities: dict[str, FacilityFull] = {}
        for entry in data.get("facilities") or []:
            facility = _load_facility(uow, entry, counts)
            facilities[facility.code] = facility
        for entry in data.get("users") or []:
            _load_user(uow, entry, facilities)
            counts["users"] += 1
        uow.commit()
    uow.cache.forget_all()  # every cache of this process (services/cache.py)
    return counts


def _located(where: str, parse: Callable[[V], T], value: V) -> T:
    """`parse(value)`, its InvalidInput prefixed with where the value is in the file."""
    try:
        return parse(value)
    except InvalidInput as exc:
        raise exc.at(where) from None


def _iso(closures: dict[date, str]) -> dict[str, str]:
    """Closures as stored: ISO date → reason, in date order."""
    return {day.isoformat(): reason for day, reason in sorted(closures.items())}


def _choice(entry: ConfigData, key: str, where: str, choices: Mapping[object, T],
            default: object) -> T:
    """The stored value of a key limited to `choices` (file value → stored value)."""
    value = entry.get(key, default)
    if isinstance(value, bool) is not isinstance(default, bool) or value not in list(choices):
        allowed = " / ".join(str(c).lower() for c in choices)
        raise bad.NotAChoice(key, allowed, value).at(where)
    return choices[value]


def _load_facility(uow: UnitOfWork, entry: ConfigData,
                   counts: dict[str, int]) -> FacilityFull:
    code = _code(_need(entry, "code", "facility"), "facility")
    where = f"facility {code}"
    facility = uow.config.facility(
        code, name=_need(entry, "name", where),
        timezone=parse_timezone(entry.get("timezone")),
        running_text=entry.get("running_text", ""),
        closed_dates=_iso(parse_closures(entry.get("closed_dates"), where)),
        joint_leave_closes=_choice(entry, "cuti_bersama", where,
                                   {"closed": True, "open": False}, "closed"),
    )
    counts["facilities"] += 1
    services = _load_services(uow, facility, entry, counts)
    _load_counters(uow, facility, entry, services, counts)
    _load_devices(uow, facility, entry, counts)
    return facility


def _load_services(uow: UnitOfWork, facility: FacilityFull, entry: ConfigData,
                   counts: dict[str, int]) -> dict[str, ServiceRow]:
    code = facility.code
    services: dict[str, ServiceRow] = {}
    for pos, s in enumerate(entry.get("services") or []):
        where = f"{code} service {s.get('code')}"
        scode = _code(_need(s, "code", f"{code} service"), f"{code} service")
        cutoff = s.get("booking_cutoff")
        services[scode] = uow.config.service(
            facility, scode, name=_need(s, "name", where),
            prefix=validate_prefix(str(_need(s, "prefix", where))), position=pos,
            hours=_located(f"{where} hours", parse_hours, s.get("hours", "24h")),
            booking_quota=_number(s, "booking_quota", where, 0),
            walkin_limit=_number(s, "walkin_limit", where, None),
            avg_minutes=_number(s, "avg_minutes", where, 5.0, kind=float, least=0.1),
            active=_active(s, where),
            closed_dates=_iso(parse_closures(s.get("closed_dates"), where)),
            open_on_holidays=_choice(s, "open_on_holidays", where,
                                     {True: True, False: False}, False),
            booking_cutoff=None if cutoff is None else parse_time(
                cutoff, f"{where} booking_cutoff"),
        )
        counts["services"] += 1
    prefixes = [s.prefix for s in services.values()]
    if len(set(prefixes)) != len(prefixes):
        raise bad.PrefixTaken().at(code)
    return services


def _load_counters(uow: UnitOfWork, facility: FacilityFull, entry: ConfigData,
                   services: dict[str, ServiceRow], counts: dict[str, int]) -> None:
    code = facility.code
    for pos, c in enumerate(entry.get("counters") or []):
        ccode = _code(_need(c, "code", f"{code} counter"), f"{code} counter")
        names = [_code(n, f"{code} counter {ccode}") for n in c.get("services") or []]
        unknown = [n for n in names if n not in services]
        if unknown or not names:
            raise bad.CounterServicesUnknown(code, ccode, unknown)
        uow.config.counter(facility, ccode, [services[n] for n in names],
                           name=c.get("name", ccode), position=pos)
        counts["counters"] += 1


def _number(entry: ConfigData, key: str, where: str, default: float | None,
            kind: type[int] | type[float] = int, least: float = 0) -> float | None:
    """`entry[key]` as a number of `kind` (int: a whole number) no smaller than `least`,
    `default` when absent; a boolean, text or a number out of range is InvalidInput
    `invalid_config` naming the key, never a crash of `load-config` nor a silent 0."""
    value = entry.get(key)
    if value is None:
        return default
    ok = isinstance(value, int | float) and not isinstance(value, bool)
    if ok and kind is int and value != int(value):
        ok = False
    if not ok or value < least:
        raise bad.NumberTooSmall(key, kind is int, least, value).at(where)
    return kind(value)


def _active(entry: ConfigData, where: str) -> bool:
    """A service's, user's or device's `active` (true unless the file says false; anything but a
    boolean is InvalidInput). False: its logins or token stop working with this load."""
    return bool(_choice(entry, "active", where, {True: True, False: False}, True))


def _load_devices(uow: UnitOfWork, facility: FacilityFull, entry: ConfigData,
                  counts: dict[str, int]) -> None:
    code = facility.code
    for d in entry.get("devices") or []:
        dcode = _code(_need(d, "code", f"{code} device"), f"{code} device")
        kind = _need(d, "kind", f"{code} device {dcode}")
        if kind not in (KIOSK, DISPLAY):
            raise bad.UnknownDeviceKind(kind)
        # The hash, and `weak_token` (short, well-known, the demo's): secret_check.py.
        uow.config.device(facility, dcode, kind=kind, name=d.get("name", dcode),
                          **token_fields(str(_need(d, "token", f"device {dcode}"))),
                          active=_active(d, f"{code} device {dcode}"))
        counts["devices"] += 1


def _load_user(uow: UnitOfWork, entry: ConfigData,
               facilities: dict[str, FacilityFull]) -> None:
    username = _need(entry, "username", "user")
    role = entry.get("role", OPERATOR)
    if role not in STAFF_ROLES:
        raise bad.UnknownRole(role)
    facility_id = None
    if role in FACILITY_ROLES:
        fcode = _code(_need(entry, "facility", f"user {username}"), f"user {username}")
        facility = facilities.get(fcode) or uow.directory.facility(fcode)
        if facility is None:
            raise bad.UnknownFacility(fcode)
        facility_id = facility.id
    existing = uow.staff.user_by_username(username)
    fields: dict[str, object] = {"role": role, "facility_id": facility_id,
                              "full_name": entry.get("name", username),
                              "active": _active(entry, f"user {username}")}
    # `password` (judged weak or not) or a ready `password_hash`: services/secret_check.py.
    fields.update(password_fields(entry, str(username),
                                  existing.password_hash if existing else None))
    uow.config.user(username, **fields)
    if existing is not None and not fields["active"]:
        uow.staff.revoke_user_tokens(existing.id)  # every login ends with this load
