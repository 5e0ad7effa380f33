"""Loading the configuration file: city-wide closures, offices (OPD), facilities (with
their closures and cuti bersama choice), services (hours with special dates, closures,
holidays, the same-day booking cutoff), counters, devices and users (with their office
roles). Each entry goes through the one function that applies it
(services/config_entries.py, config_accounts.py, config_offices.py), which the admin API
calls too; every change is written down in the audit log (actor `cli`)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import yaml

from ..domain import config_errors as bad
from ..domain.calendar import parse_closures
from .config_accounts import apply_device, apply_user, users_ahead
from .config_entries import (
    Change,
    apply_counter,
    apply_facility,
    apply_service,
    check_prefixes,
)
from .config_offices import apply_office, office_list
from .config_parse import ConfigData
from .port_rows import FacilityFull
from .ports import Clock, SystemClock, UnitOfWork
from .yaml_text import load_yaml

__all__ = ["ConfigData", "counter_names", "load_config", "read_config"]
_ENV = re.compile(r"\$\{([A-Z0-9_]+)(?::-([^}]*))?\}")
CLI = "cli"


def _expand(text: str) -> str:
    """`${VAR:-default}` from the environment, so secrets need not live in the file."""
    return _ENV.sub(lambda m: os.environ.get(m.group(1), m.group(2) or ""), text)


def read_config(path: str | Path) -> ConfigData:
    """The file at `path` as a mapping, `${VAR:-default}` expanded; ConfigUnreadable or
    ConfigNotMapping (`invalid_config`) else."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise bad.ConfigUnreadable(exc) from exc
    return parse_config(text)


def parse_config(text: str, expand: bool = True) -> ConfigData:
    """YAML text (a file's, an import's) as a mapping; `expand`: `${VAR:-default}` from
    the environment (a file on the server's disk; never an upload). Raises
    ConfigUnreadable or ConfigNotMapping (`invalid_config`)."""
    try:
        data = load_yaml(_expand(text) if expand else text)
    except yaml.YAMLError as exc:
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


def load_config(uow: UnitOfWork, data: ConfigData, actor: str = CLI,
                clock: Clock | None = None) -> dict[str, int]:
    """Create or update everything the file names; loading it twice changes nothing.

    A top-level `closed_dates` list replaces the city-wide closures (left alone when the
    file has no such key: a file for one facility does not wipe the city's). Every
    object that changes gets an audit row by `actor`. Returns how many facilities,
    services, counters, devices and users the file names. Raises InvalidInput naming the
    entry (facility, service, key) that is wrong; then nothing is written."""
    change = Change(actor, (clock or SystemClock()).now())
    with uow:
        if "closed_dates" in data:
            uow.calendar.replace(parse_closures(data["closed_dates"] or [],
                                                "top-level closed_dates"))
        counts = apply_all(uow, data, change)
        uow.commit()
    uow.cache.forget_all()  # every cache of this process (services/cache.py)
    return counts


def apply_all(uow: UnitOfWork, data: ConfigData, change: Change) -> dict[str, int]:
    """Every office (OPD), facility (with its services, counters, devices) and user of
    `data`, inside the caller's transaction; returns how many of each the data names."""
    counts = {"facilities": 0, "services": 0, "counters": 0, "devices": 0, "users": 0,
              "offices": 0}
    for office in office_list(data):  # before the users, whose roles name them
        apply_office(uow, office, change)
        counts["offices"] += 1
    facilities: dict[str, FacilityFull] = {}
    for entry in data.get("facilities") or []:
        facility = apply_facility(uow, entry, change)
        facilities[facility.code] = facility
        counts["facilities"] += 1
        _apply_contents(uow, facility, entry, change, counts)
    users = data.get("users") or []
    ahead = users_ahead(uow, users) if isinstance(users, list) else None
    for entry in users:
        apply_user(uow, entry, change, facilities, ahead)
        counts["users"] += 1
    return counts


def _apply_contents(uow: UnitOfWork, facility: FacilityFull, entry: ConfigData,
                    change: Change, counts: dict[str, int]) -> None:
    """A facility entry's services (then their prefixes checked), counters and devices,
    each placed in file order."""
    for pos, s in enumerate(entry.get("services") or []):
        apply_service(uow, facility, s, change, position=pos)
        counts["services"] += 1
    check_prefixes(uow, facility)
    for pos, c in enumerate(entry.get("counters") or []):
        apply_counter(uow, facility, c, change, position=pos)
        counts["counters"] += 1
    for d in entry.get("devices") or []:
        apply_device(uow, facility, d, change)
        counts["devices"] += 1
