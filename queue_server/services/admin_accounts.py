"""The admin's kiosks, boards and staff users: list, read, create or update, a device's
new token; never a token, password or hash in an answer (but a token just issued)."""

from __future__ import annotations

from collections.abc import Callable

from ..domain import admin_errors as refused
from ..domain.access import WrongFacility
from .admin import entry_of, facility_for, require_configurer, write
from .auth import ADMIN, FACILITY_ROLES, OPERATOR, Principal
from .config_accounts import apply_device, apply_user, rotate_device_token
from .config_entries import Change
from .config_offices import roles_entry, with_offices
from .config_parse import DEVICE_KEYS, USER_KEYS, ConfigData, plain_code
from .config_views import Entry, user_entry, without_secrets
from .devices import device_view
from .port_admin import DeviceEntryRow, UserEntryRow
from .ports import Clock, JsonObject, UnitOfWork

Written = tuple[Entry, bool]


def _device(uow: UnitOfWork, device: DeviceEntryRow, clock: Clock, tz: str) -> Entry:
    return {**device_view(device, clock.now(), tz), "active": bool(device.active)}


def list_devices(uow: UnitOfWork, clock: Clock, principal: Principal,
                 facility_code: str) -> JsonObject:
    """`{"facility": code, "devices": [...]}` by code, inactive too: kind, name, active,
    last_seen, online, printer (admin, its facility admin)."""
    with uow:
        facility = facility_for(uow, principal, facility_code)
        return {"facility": facility.code,
                "devices": [_device(uow, d, clock, facility.timezone)
                            for d in uow.admin.devices(facility.id)]}


def _found(uow: UnitOfWork, facility_id: int, code: str) -> DeviceEntryRow:
    device = uow.admin.device(facility_id, code)
    if device is None:
        raise refused.DeviceNotFound(code)
    return device


def get_device(uow: UnitOfWork, clock: Clock, principal: Principal, facility_code: str,
               code: str) -> Entry:
    """One device as the list shows it; DeviceNotFound (404)."""
    with uow:
        facility = facility_for(uow, principal, facility_code)
        return _device(uow, _found(uow, facility.id, code), clock, facility.timezone)


def put_device(uow: UnitOfWork, clock: Clock, principal: Principal, facility_code: str,
               code: str, body: object, demo: bool = False) -> Written:
    """Create or update a device from its entry. A new device without `token` gets a
    random one, answered once as `token`. Raises `invalid_config`, WeakToken (in a
    `demo`: for a new device only), TokenUnusable (another device has that token)."""
    entry = entry_of(body, DEVICE_KEYS, "code", code, f"{facility_code} device {code}")

    def apply(change: Change) -> Written:
        facility = facility_for(uow, principal, facility_code)
        created = uow.admin.device(facility.id, code) is None
        row, issued = apply_device(uow, facility, entry, change, issue=True)
        shown = _device(uow, row, clock, facility.timezone)
        if issued is not None:
            shown["token"] = issued
        return shown, created

    return write(uow, clock, principal, apply, demo=demo)[0]


def new_device_token(uow: UnitOfWork, clock: Clock, principal: Principal,
                     facility_code: str, code: str) -> Entry:
    """A new random token for the device, answered once as `token`; the old one is
    refused from now on. DeviceNotFound (404)."""
    def apply(change: Change) -> Entry:
        facility = facility_for(uow, principal, facility_code)
        device = _found(uow, facility.id, code)
        token = rotate_device_token(uow, facility, device, change)
        return {**_device(uow, device, clock, facility.timezone), "token": token}

    return write(uow, clock, principal, apply)[0]


def _shown(uow: UnitOfWork, user: UserEntryRow) -> Entry:
    code = (None if user.facility_id is None
            else uow.directory.facility_by_id(user.facility_id).code)
    return without_secrets(with_offices(user_entry(user, code), roles_entry(uow, user.id)))


def _in_scope(principal: Principal, user: UserEntryRow) -> UserEntryRow:
    """The user if the caller may see and change it: an admin any; a facility admin the
    operators and facility admins of its facility (else WrongFacility)."""
    require_configurer(principal)
    if principal.role != ADMIN and (user.role not in FACILITY_ROLES
                                    or user.facility_id != principal.facility_id):
        raise WrongFacility()
    return user


def list_users(uow: UnitOfWork, principal: Principal,
               facility_code: str | None) -> JsonObject:
    """`{"users": [...]}` by username: an admin's all (or one facility's); a facility
    admin's its facility's operators and facility admins."""
    require_configurer(principal)
    with uow:
        facility_id = None
        if facility_code or principal.role != ADMIN:
            own = (facility_for(uow, principal, facility_code) if facility_code else
                   uow.directory.facility_by_id(principal.facility_id or 0))
            facility_id = own.id
        rows = [u for u in uow.admin.users(facility_id)
                if principal.role == ADMIN or u.role in FACILITY_ROLES]
        return {"users": [_shown(uow, u) for u in rows]}


def get_user(uow: UnitOfWork, principal: Principal, username: str) -> Entry:
    """One user (no password); UserNotFound (404) or WrongFacility (403). A facility
    admin gets WrongFacility for an unknown username too: no guessing who exists."""
    require_configurer(principal)
    with uow:
        user = uow.admin.user(username)
        if user is None:
            if principal.role != ADMIN:
                raise WrongFacility()
            raise refused.UserNotFound(username)
        return _shown(uow, _in_scope(principal, user))


def _check_entry_scope(uow: UnitOfWork, principal: Principal, entry: ConfigData) -> None:
    """A facility admin may only give the roles of its facility, at its facility."""
    office_roles_by_admin(principal, entry)
    if principal.role == ADMIN:
        return
    if entry.get("role", OPERATOR) not in FACILITY_ROLES:
        raise refused.AdminRoleOnly("membuat admin atau pengguna Dinas",
                                    "create an admin or a city user")
    own = uow.directory.facility_by_id(principal.facility_id or 0)
    named = entry.get("facility")
    if named not in (None, "") and plain_code(named, "user") != own.code:
        raise WrongFacility()
    entry.setdefault("facility", own.code)


def office_roles_by_admin(principal: Principal, entry: object) -> None:
    """AdminRoleOnly (403) when anyone but the deployment's admin gives a user entry an
    `offices` list: a facility admin runs its facility, not the city's offices."""
    if principal.role != ADMIN and isinstance(entry, dict) and "offices" in entry:
        raise refused.AdminRoleOnly("mengatur peran kantor (OPD) pengguna",
                                    "set a user's office (OPD) roles")


def keeps_own_access(principal: Principal, existing: UserEntryRow | None,
                     entry: ConfigData) -> None:
    """OwnAccountLocked when the caller's entry for its own account changes its role or
    makes it inactive: nobody locks themselves out (another admin may do it)."""
    if existing is None or principal.kind != "staff" or existing.id != principal.id:
        return
    if entry.get("role", OPERATOR) != existing.role or entry.get("active", True) is not True:
        raise refused.OwnAccountLocked()


def put_user(uow: UnitOfWork, clock: Clock, principal: Principal, username: str,
             body: object, on_ended: Callable[[int], None] | None = None,
             demo: bool = False) -> Written:
    """Create or update a user from its entry (`password` needed when creating, never
    answered). `active: false` ends its logins at once (`on_ended(token_id)` for each,
    after the commit). Raises `invalid_config`, WrongFacility, AdminRoleOnly,
    WeakPassword (in a `demo`: for a new user only), OwnAccountLocked, LastAdmin."""
    require_configurer(principal)
    entry = entry_of(body, USER_KEYS, "username", username, f"user {username}")

    def apply(change: Change) -> Written:
        existing = uow.admin.user(username)
        if existing is not None:
            _in_scope(principal, existing)
        _check_entry_scope(uow, principal, entry)
        keeps_own_access(principal, existing, entry)
        row = apply_user(uow, entry, change)
        if uow.admin.active_users(ADMIN) == 0:
            raise refused.LastAdmin()
        return _shown(uow, row), existing is None

    return write(uow, clock, principal, apply, on_ended, demo=demo)[0]
