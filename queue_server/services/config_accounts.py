"""Applying a device entry (a kiosk or board and its token) or a user entry (a staff
login and its password), as `load-config`, the import and `/api/v1/admin` all do."""

from __future__ import annotations

import re
import secrets

from ..domain import admin_errors as refused
from ..domain import config_errors as bad
from ..domain import credentials
from ..domain.config_errors import shown
from .auth import DISPLAY, FACILITY_ROLES, KIOSK, OPERATOR, STAFF_ROLES, hash_token
from .config_entries import DEVICE, USER, Change, record
from .config_offices import parse_roles, roles_entry, set_roles, with_offices
from .config_parse import (
    DEVICE_KEYS,
    SECRET_LENGTH,
    USER_KEYS,
    ConfigData,
    active,
    entry_keys,
    located,
    need,
    plain_code,
    text,
    username_of,
)
from .config_views import device_entry, user_entry
from .port_admin import DeviceEntryRow, UserEntryRow
from .port_rows import FacilityFull
from .ports import UnitOfWork
from .secret_check import PasswordsAhead, password_fields, passwords_ahead, token_fields

_SHA256 = re.compile(r"^[0-9a-f]{64}$")
# The length of a token the server issues (secrets.token_urlsafe: ~1.3 characters a byte).
ISSUED_TOKEN_BYTES = 24


def new_device_token() -> str:
    """A fresh random device token (32 URL-safe characters)."""
    return secrets.token_urlsafe(ISSUED_TOKEN_BYTES)


def _weak_token(token: str | None, digest: str, change: Change, new: bool,
                where: str) -> None:
    """WeakToken when `change` refuses weak secrets here and the token (or, from an
    export, its hash) is a demo, well-known or short one."""
    if not change.refuses_weak(new):
        return
    if token is not None:
        reason = credentials.token_weakness(token)
    else:
        known = {hash_token(t): why for t, why in credentials.weak_tokens().items()}
        reason = known.get(digest)
    if reason is not None:
        raise refused.WeakToken(credentials.reason_words(reason),
                                credentials.MIN_TOKEN_LENGTH).at(where)


def _device_secret(entry: ConfigData, existing: DeviceEntryRow | None, issue: bool,
                   where: str, change: Change) -> tuple[dict[str, object], str | None]:
    """The token fields the entry gives, and the token issued (None unless `issue` and the
    entry names none for a new device). `token` is hashed; `token_hash` is taken as is
    (an export's); neither keeps the stored token. Raises WeakToken (as `change` says)."""
    token = text(entry, "token", where, most=SECRET_LENGTH)
    given = entry.get("token_hash")
    if token not in (None, "") and given not in (None, ""):
        raise refused.TokenAndHash().at(where)
    if token:
        fields = token_fields(token)
        _weak_token(token, str(fields["token_hash"]), change, existing is None, where)
        return fields, None
    if given not in (None, ""):
        if not isinstance(given, str) or not _SHA256.match(given.strip().lower()):
            raise refused.UnknownTokenHash().at(where)
        digest = given.strip().lower()
        _weak_token(None, digest, change, existing is None, where)
        weak = existing is not None and existing.token_hash == digest and existing.weak_token
        return {"token_hash": digest, "weak_token": bool(weak)}, None
    if existing is not None:
        return {}, None
    if not issue:
        raise bad.KeyRequired("token").at(where)
    issued = new_device_token()
    return token_fields(issued), issued


def apply_device(uow: UnitOfWork, facility: FacilityFull, entry: ConfigData, change: Change,
                 issue: bool = False) -> tuple[DeviceEntryRow, str | None]:
    """One kiosk or board of the facility, created or updated; returns it and the token
    issued for it (only when `issue` and a new device's entry has no token). `active:
    false` refuses its token at once. Raises `invalid_config`."""
    fcode = facility.code
    entry = entry_keys(entry, DEVICE_KEYS, f"{fcode} device")
    code = plain_code(need(entry, "code", f"{fcode} device"), f"{fcode} device")
    where = f"{fcode} device {code}"
    kind = need(entry, "kind", where)
    if kind not in (KIOSK, DISPLAY):
        raise bad.UnknownDeviceKind(shown(kind)).at(where)
    existing = uow.admin.device(facility.id, code)
    before = device_entry(existing) if existing else None
    fields, issued = _device_secret(entry, existing, issue, where, change)
    holder = fields.get("token_hash") and uow.admin.token_holder(str(fields["token_hash"]))
    if holder and (existing is None or holder != existing.id):
        raise refused.TokenUnusable().at(where)  # never says whose it is
    uow.config.device(facility, code, kind=kind, name=text(entry, "name", where, code),
                      **fields, active=active(entry, where))
    uow.flush()
    row = uow.admin.device(facility.id, code)
    assert row is not None  # just written
    record(uow, change, DEVICE, code, facility.id, before, device_entry(row))
    return row, issued


def rotate_device_token(uow: UnitOfWork, facility: FacilityFull, device: DeviceEntryRow,
                        change: Change) -> str:
    """A new random token for the device (the old one stops at once); returns it. The
    audit row's action is `token`."""
    before = device_entry(device)
    token = new_device_token()
    uow.config.device(facility, device.code, **token_fields(token))
    uow.flush()
    record(uow, change, DEVICE, device.code, facility.id, before, device_entry(device),
           action="token")
    return token


def _facility_of(uow: UnitOfWork, entry: ConfigData, role: str, username: str,
                 facilities: dict[str, FacilityFull]) -> FacilityFull | None:
    if role not in FACILITY_ROLES:
        return None
    fcode = plain_code(need(entry, "facility", f"user {username}"), f"user {username}")
    facility = facilities.get(fcode) or uow.directory.facility(fcode)
    if facility is None:
        raise bad.UnknownFacility(fcode)
    return facility


def users_ahead(uow: UnitOfWork, entries: list[ConfigData]) -> PasswordsAhead:
    """The slow password work of a file's user `entries` done at once (passwords_ahead):
    each entry giving a strong clear password, with its user's stored hash. An entry
    that does not read as one is skipped here: apply_user says what is wrong with it."""
    jobs: list[tuple[str, str, str | None]] = []
    for entry in entries:
        username = entry.get("username") if isinstance(entry, dict) else None
        password = entry.get("password") if isinstance(entry, dict) else None
        if (not isinstance(username, str) or not isinstance(password, str)
                or not 0 < len(password.strip()) <= SECRET_LENGTH
                or entry.get("password_hash")
                or credentials.password_weakness(password, username) is not None):
            continue
        existing = uow.admin.user(username)
        jobs.append((username, password, existing.password_hash if existing else None))
    return passwords_ahead(jobs)


def apply_user(uow: UnitOfWork, entry: ConfigData, change: Change,
               facilities: dict[str, FacilityFull] | None = None,
               ahead: PasswordsAhead | None = None) -> UserEntryRow:
    """One staff user, created or updated: role (admin, facility_admin, operator, city,
    office), `facility` for the two facility roles, `password` (judged weak or not) or
    `password_hash`, required when creating; `offices` (its office roles, replaced;
    left as they are when the key is absent). `active: false` ends every login at once
    (their token ids are added to `change.ended_logins`). `ahead`: the file's password
    work done already (users_ahead). Raises `invalid_config`."""
    entry = entry_keys(entry, USER_KEYS, "user")
    username = username_of(need(entry, "username", "user"), "user")
    where = f"user {username}"
    role = entry.get("role", OPERATOR)
    if role not in STAFF_ROLES:
        raise bad.UnknownRole(shown(role)).at(where)
    facility = _facility_of(uow, entry, role, username, facilities or {})
    existing = uow.admin.user(username)
    before = with_offices(user_entry(existing, _code(uow, existing.facility_id)),
                          roles_entry(uow, existing.id)) if existing else None
    roles = parse_roles(uow, entry["offices"], where) if "offices" in entry else None
    fields: dict[str, object] = {"role": role, "facility_id": facility.id if facility else None,
                                 "full_name": text(entry, "name", where, username),
                                 "active": active(entry, where)}
    password = text(entry, "password", where, most=SECRET_LENGTH)
    if password and change.refuses_weak(existing is None):
        located(where, lambda p: credentials.require_strong_password(p, username), password)
    if existing is None or password or entry.get("password_hash"):
        fields.update(password_fields(entry, username,
                                      existing.password_hash if existing else None, ahead))
        if existing is not None and fields.get("password_hash") == existing.password_hash:
            fields.pop("weak_password")  # an export's hash, unchanged: so is its flag
    uow.config.user(username, **fields)
    uow.flush()
    row = uow.admin.user(username)
    assert row is not None  # just written
    set_roles(uow, row.id, roles)
    if existing is not None and not fields["active"]:
        change.ended_logins += uow.admin.live_token_ids(existing.id)
        uow.staff.revoke_user_tokens(existing.id)  # every login ends with this change
    record(uow, change, USER, username, facility.id if facility else None, before,
           with_offices(user_entry(row, facility.code if facility else None),
                        roles_entry(uow, row.id)))
    return row


def _code(uow: UnitOfWork, facility_id: int | None) -> str | None:
    if facility_id is None:
        return None
    return uow.directory.facility_by_id(facility_id).code
