"""Offices (OPD) and the roles staff hold in them as configuration entries: an office
entry (`code`, `name`, `name_en`, `kind`, `active`, `phone`: the office's WhatsApp number
where its head is told of escalations) and a user entry's `offices` list
(`[{office: dsdabm, role: staff}]`), applied by the one code path `load-config`, the
import and `/api/v1/admin` share, each change an audit row (object_kind `office`, or the
user's own row for their roles)."""

from __future__ import annotations

from typing import cast

from ..domain import admin_errors as refused
from ..domain import office_errors as bad
from ..domain.identity import NotAMobileNumber, parse_phone
from .config_entries import Change, record
from .config_parse import (
    ConfigData,
    active,
    entry_keys,
    need,
    only_keys,
    plain_code,
    text,
)
from .config_views import Entry
from .port_cases import CaseWork, OfficeRow, OfficesPort
from .ports import UnitOfWork

OFFICE = "office"
OFFICE_KEYS = frozenset({"code", "name", "name_en", "kind", "active", "phone"})
# What an office is in a city's government: a dinas or badan (an OPD), a kecamatan or
# kelurahan, the Media Center that takes complaints in, an RW (rukun warga: its chair
# enters e-Musrenbang proposals), a provider (penyedia: a contractor reporting its
# contracts' progress), or something else.
OFFICE_KINDS = ("dinas", "badan", "kecamatan", "kelurahan", "rw", "provider", "media_center",
                "other")
# The roles a user may hold in an office for now; modules may add their own later.
# staff and head (every module); clerk: registers letters (the agenda, e-Surat's TU);
# inspector: field inspections of permits (SSW); ppk: the commitment officer (pejabat
# pembuat komitmen) who signs an office's contracts and approves their progress and
# invoices (the planning chain; Perpres 16/2018 art. 11).
OFFICE_ROLES = ("staff", "head", "clerk", "inspector", "ppk")
ROLE_KEYS = frozenset({"office", "role"})
OFFICE_NAME_LENGTH = 160  # offices.name and name_en (persistence/case_models.py)


def offices_of(uow: UnitOfWork) -> OfficesPort:
    """The offices repository of a unit of work (every SQL unit of work has one; the
    configuration's use cases are typed by the queue's port, which predates offices)."""
    return cast(CaseWork, uow).offices


def office_entry(office: OfficeRow) -> Entry:
    """An office as the file writes it, every key spelt out."""
    return {"code": office.code, "name": office.name, "name_en": office.name_en or "",
            "kind": office.kind, "active": bool(office.active), "phone": office.phone or ""}


def office_phone(entry: ConfigData, where: str) -> str | None:
    """The entry's `phone` as +62… (domain.identity.parse_phone), None when absent or
    empty. Raises OfficePhoneInvalid (`invalid_config`)."""
    value = entry.get("phone")
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        return parse_phone(str(value))
    except NotAMobileNumber:
        raise bad.OfficePhoneInvalid(value).at(where) from None


def office_list(data: ConfigData) -> list[object]:
    """The file's top-level `offices` entries (none when absent); a value that is not a
    list is EntryNotMapping at `offices`."""
    given = data.get("offices") or []
    if not isinstance(given, list):
        raise refused.EntryNotMapping().at("offices")
    return given


def apply_office(uow: UnitOfWork, entry: object, change: Change) -> OfficeRow:
    """One office, created or updated from its entry: `name` required (at most 160
    characters), `name_en` (default empty), `kind` one of OFFICE_KINDS (default dinas),
    `active` (default true), `phone` (optional, a mobile number; an entry without the
    key keeps the office's current phone, as a user entry without a password keeps the
    password, so restarting with the file keeps a number set through the admin API;
    `phone: null` or `""` clears it). Raises `invalid_config` naming the office and key."""
    entry = entry_keys(entry, OFFICE_KEYS, "office")
    code = plain_code(need(entry, "code", "office"), "office")
    where = f"office {code}"
    kind = entry.get("kind", "dinas")
    if kind not in OFFICE_KINDS:
        raise bad.UnknownOfficeKind(kind, " / ".join(OFFICE_KINDS)).at(where)
    fields = {"name": text(entry, "name", where, required=True, most=OFFICE_NAME_LENGTH),
              "name_en": text(entry, "name_en", where, "", most=OFFICE_NAME_LENGTH),
              "kind": kind, "active": active(entry, where)}
    offices = offices_of(uow)
    existing = offices.by_code(code)
    if "phone" in entry or existing is None:
        fields["phone"] = office_phone(entry, where)
    before = office_entry(existing) if existing else None
    row = offices.put(code, **fields)
    record(uow, change, OFFICE, code, None, before, office_entry(row))
    return row


def parse_roles(uow: UnitOfWork, value: object, where: str) -> list[tuple[int, str]]:
    """A user entry's `offices` list as (office id, role) pairs: each item names an
    existing `office` and a `role` of OFFICE_ROLES (default staff). Raises
    OfficeRolesNotList, UnknownKey, UnknownOffice, UnknownOfficeRole (`invalid_config`,
    naming the user)."""
    if not isinstance(value, list):
        raise bad.OfficeRolesNotList().at(where)
    roles: list[tuple[int, str]] = []
    for item in value:
        item = only_keys(item, ROLE_KEYS, f"{where} offices")
        code = plain_code(need(item, "office", f"{where} offices"), f"{where} offices")
        office = offices_of(uow).by_code(code)
        if office is None:
            raise bad.UnknownOffice(code).at(where)
        role = item.get("role", "staff")
        if role not in OFFICE_ROLES:
            raise bad.UnknownOfficeRole(role, code, " / ".join(OFFICE_ROLES)).at(where)
        roles.append((office.id, role))
    return roles


def roles_entry(uow: UnitOfWork, user_id: int) -> list[dict[str, str]]:
    """The office roles `user_id` holds, as the file writes them, by office then role."""
    offices = offices_of(uow)
    found = []
    for office_id, roles in offices.roles_of(user_id).items():
        office = offices.by_id(office_id)
        if office is not None:
            found += [{"office": office.code, "role": role} for role in roles]
    return sorted(found, key=lambda r: (r["office"], r["role"]))


def with_offices(entry: Entry, roles: list[dict[str, str]]) -> Entry:
    """A user's entry with its `offices` list, when it holds any office role (a user
    of no office keeps the entry it had before offices existed)."""
    return {**entry, "offices": roles} if roles else entry


def set_roles(uow: UnitOfWork, user_id: int, roles: list[tuple[int, str]] | None) -> None:
    """Replace the user's office roles with `roles` (None: the entry had no `offices`
    key, and the roles are left as they are)."""
    if roles is not None:
        offices_of(uow).set_roles(user_id, roles)
