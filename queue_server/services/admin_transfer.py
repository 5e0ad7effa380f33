"""A facility's whole configuration as a file `load-config` reads (its services,
counters, devices with their token hashes, its users with their password hashes), and
that file applied back through the same functions: a round trip changes nothing."""

from __future__ import annotations

import yaml

from ..domain import admin_errors as refused
from .admin import facility_for, write
from .admin_accounts import keeps_own_access, office_roles_by_admin
from .auth import FACILITY_ROLES, Principal
from .config_entries import Change
from .config_parse import ConfigData, only_keys, plain_code
from .config_views import (
    counter_entry,
    device_entry,
    facility_entry,
    service_entry,
    user_entry,
)
from .configuration import apply_all, parse_config
from .ports import Clock, JsonObject, UnitOfWork

_FILE_KEYS = frozenset({"facilities", "users"})


def export_facility(uow: UnitOfWork, principal: Principal, facility_code: str) -> str:
    """The facility's configuration file as YAML text (admin, its facility admin)."""
    with uow:
        facility = facility_for(uow, principal, facility_code)
        entry = facility_entry(facility, facility.running_text)
        entry["services"] = [service_entry(s) for s in uow.admin.services(facility.id)]
        entry["counters"] = [counter_entry(c) for c in uow.admin.counters(facility.id)]
        entry["devices"] = [device_entry(d) for d in uow.admin.devices(facility.id)]
        users = [user_entry(u, facility.code) for u in uow.admin.users(facility.id)
                 if u.role in FACILITY_ROLES]
    data = {"facilities": [entry], "users": users}
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def _checked(uow: UnitOfWork, principal: Principal, data: ConfigData,
             code: str) -> ConfigData:
    """The import's file if it holds this one facility and only its users (operators and
    facility admins of it, not another facility's under the same name)."""
    only_keys(data, _FILE_KEYS, "import")
    facilities = data.get("facilities") or []
    if (not isinstance(facilities, list) or len(facilities) != 1
            or not isinstance(facilities[0], dict)
            or plain_code(facilities[0].get("code"), "import") != code):
        raise refused.OneFacilityToImport(code)
    users = data.get("users") or []
    if not isinstance(users, list):
        raise refused.EntryNotMapping().at("users")
    facility = uow.directory.facility(code)
    for entry in users:
        name = str(entry.get("username") if isinstance(entry, dict) else entry)
        existing = uow.admin.user(name)
        named = entry.get("facility") if isinstance(entry, dict) else None
        theirs = existing is None or (existing.role in FACILITY_ROLES and facility is not None
                                      and existing.facility_id == facility.id)
        if (not isinstance(entry, dict) or entry.get("role", "operator") not in FACILITY_ROLES
                or named in (None, "") or plain_code(named, f"user {name}") != code
                or not theirs):
            raise refused.UserOfAnotherFacility(name, code)
        keeps_own_access(principal, existing, entry)
        office_roles_by_admin(principal, entry)
    return data


def import_facility(uow: UnitOfWork, clock: Clock, principal: Principal, facility_code: str,
                    text: str, demo: bool = False) -> JsonObject:
    """Apply an exported file to the facility (admin, its facility admin): the counts of
    what it names and how many objects `changed` (each an audit row, action `import`).
    Raises `invalid_config` (nothing applied), WrongFacility, FacilityNotFound, and
    WeakPassword or WeakToken for a weak secret (in a `demo`: a new object's only)."""
    data = parse_config(text, expand=False)

    def apply(change: Change) -> JsonObject:
        facility = facility_for(uow, principal, facility_code)
        return dict(apply_all(uow, _checked(uow, principal, data, facility.code), change))

    counts, change = write(uow, clock, principal, apply, importing=True, demo=demo)
    return {**counts, "changed": change.changed}
