"""The admin's offices (OPD): list with member counts, read one with its members,
create or update one from its entry; and every office with the office staff (their
password hashes and office roles) as a file `load-config` reads, applied back through
the same functions. The deployment's admin only."""

from __future__ import annotations

import yaml

from ..domain import admin_errors as refused
from ..domain.office_errors import NotOfficeStaff, OfficeNotFound
from .admin import entry_of, write
from .admin_accounts import Written
from .auth import OFFICE as OFFICE_ROLE
from .auth import Principal
from .config_entries import Change
from .config_offices import (
    OFFICE_KEYS,
    apply_office,
    office_entry,
    offices_of,
    roles_entry,
    with_offices,
)
from .config_parse import ConfigData, only_keys
from .config_views import Entry, user_entry
from .configuration import apply_all, parse_config
from .port_cases import OfficeRow
from .ports import Clock, JsonObject, UnitOfWork

_FILE_KEYS = frozenset({"offices", "users"})


def _members(uow: UnitOfWork, office: OfficeRow) -> list[dict[str, str]]:
    return [{"username": name, "role": role}
            for name, role in offices_of(uow).members(office.id)]


def _shown(uow: UnitOfWork, office: OfficeRow) -> Entry:
    """An office's entry with its active members (username, role) by username."""
    return {**office_entry(office), "members": _members(uow, office)}


def list_offices(uow: UnitOfWork, principal: Principal) -> JsonObject:
    """`{"offices": [...]}` by name, inactive ones too, each with `member_count` (the
    active users holding a role there). AdminOnly (403) for anyone but the admin."""
    principal.require_admin()
    with uow:
        shown = []
        for office in offices_of(uow).all():
            people = {m["username"] for m in _members(uow, office)}
            shown.append({**office_entry(office), "member_count": len(people)})
        return {"offices": shown}


def get_office(uow: UnitOfWork, principal: Principal, code: str) -> Entry:
    """One office and its members; OfficeNotFound (404), AdminOnly (403)."""
    principal.require_admin()
    with uow:
        office = offices_of(uow).by_code(code)
        if office is None:
            raise OfficeNotFound(code)
        return _shown(uow, office)


def put_office(uow: UnitOfWork, clock: Clock, principal: Principal, code: str,
               body: object) -> Written:
    """Create or update an office from its entry (its members are set on each user);
    returns it with its members, and whether it was created. Raises `invalid_config`,
    AdminOnly."""
    principal.require_admin()
    entry = entry_of(body, OFFICE_KEYS, "code", code, f"office {code}")

    def apply(change: Change) -> Written:
        created = offices_of(uow).by_code(code) is None
        return _shown(uow, apply_office(uow, entry, change)), created

    return write(uow, clock, principal, apply)[0]


def export_offices(uow: UnitOfWork, principal: Principal) -> str:
    """Every office and every user of role `office` (password hash, office roles) as a
    YAML file `load-config` reads (AdminOnly else)."""
    principal.require_admin()
    with uow:
        offices = [office_entry(o) for o in offices_of(uow).all()]
        users = [with_offices(user_entry(u, None), roles_entry(uow, u.id))
                 for u in uow.admin.users(None) if u.role == OFFICE_ROLE]
    data = {"offices": offices, "users": users}
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def _checked(uow: UnitOfWork, data: ConfigData) -> ConfigData:
    """The import's file if it holds only offices and office staff (users of role
    `office`, new or already so): UnknownKey, NotOfficeStaff else."""
    only_keys(data, _FILE_KEYS, "import")
    users = data.get("users") or []
    if not isinstance(users, list):
        raise refused.EntryNotMapping().at("users")
    for entry in users:
        name = str(entry.get("username") if isinstance(entry, dict) else entry)
        existing = uow.admin.user(name)
        if (not isinstance(entry, dict) or entry.get("role") != OFFICE_ROLE
                or (existing is not None and existing.role != OFFICE_ROLE)):
            raise NotOfficeStaff(name)
    return data


def import_offices(uow: UnitOfWork, clock: Clock, principal: Principal, text: str,
                   demo: bool = False) -> JsonObject:
    """Apply an offices file (as exported) through the same checks as `load-config`:
    the counts of what it names and how many objects `changed` (audit rows, action
    `import`). Nothing is applied on an error (`invalid_config`, NotOfficeStaff,
    WeakPassword: in a `demo` a new user's only). AdminOnly for anyone but the admin."""
    principal.require_admin()
    data = parse_config(text, expand=False)

    def apply(change: Change) -> JsonObject:
        return dict(apply_all(uow, _checked(uow, data), change))

    counts, change = write(uow, clock, principal, apply, importing=True, demo=demo)
    return {"offices": counts["offices"], "users": counts["users"],
            "changed": change.changed}
