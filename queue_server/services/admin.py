"""The admin's ground rules: who may read or change which facility's configuration, the
body of a change (a configuration entry whose code the address gives), and the one way a
change is made (audit rows in the same transaction, caches forgotten, boards told)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from ..domain import admin_errors as refused
from ..domain.access import AdminOnly, WrongFacility
from ..domain.lookups import FacilityNotFound
from .auth import ADMIN, CITY, FACILITY_ADMIN, Principal
from .config_entries import REFUSE_WEAK, REFUSE_WEAK_NEW, Change
from .config_parse import ConfigData, only_keys
from .events import queue_changed
from .port_rows import FacilityFull
from .ports import Clock, UnitOfWork

T = TypeVar("T")


def require_configurer(principal: Principal, reading: bool = False) -> Principal:
    """An admin or a facility admin (and, `reading` the catalogue, a city user); anyone
    else AdminOnly (403 `admin_only`)."""
    allowed = (ADMIN, FACILITY_ADMIN, CITY) if reading else (ADMIN, FACILITY_ADMIN)
    if principal.kind != "staff" or principal.role not in allowed:
        raise AdminOnly()
    return principal


def facility_for(uow: UnitOfWork, principal: Principal, code: str,
                 reading: bool = False) -> FacilityFull:
    """The facility of `code` if the caller may configure it (or, `reading`, read its
    catalogue). A facility admin asking of another facility, or of one that does not
    exist, gets WrongFacility (no probing); the others FacilityNotFound (404)."""
    require_configurer(principal, reading)
    facility = uow.directory.facility(code)
    if principal.role == FACILITY_ADMIN:
        if facility is None or facility.id != principal.facility_id:
            raise WrongFacility()
        return facility
    if facility is None:
        raise FacilityNotFound(code)
    return facility


def entry_of(body: object, allowed: frozenset[str], key: str, code: str,
             where: str) -> ConfigData:
    """The request body as a configuration entry with `key` (`code`, `username`) set
    from the address: EntryNotMapping, UnknownKey or CodeMismatch (`invalid_config`)."""
    entry = dict(only_keys(body, allowed, where))
    given = entry.get(key)
    if given not in (None, "") and str(given).strip().lower() != code.lower():
        raise refused.CodeMismatch(key, given, code).at(where)
    entry[key] = code
    return entry


def write(uow: UnitOfWork, clock: Clock, principal: Principal,
          apply: Callable[[Change], T], on_ended: Callable[[int], None] | None = None,
          importing: bool = False, demo: bool = False) -> tuple[T, Change]:
    """Run `apply(change)` in one transaction with the caller as the audit rows' actor;
    then every facility it changed hears `queue.changed` with `"config": true`, this
    process forgets its caches, and `on_ended(token_id)` cuts the sockets of every login
    a deactivation ended. A weak password or device token is refused (WeakPassword,
    WeakToken); in a `demo` only for a new user or device. Returns what `apply`
    returned, and the change."""
    change = Change(principal.actor, clock.now(), importing=importing,
                    weak=REFUSE_WEAK_NEW if demo else REFUSE_WEAK)
    with uow:
        result = apply(change)
        for facility_id in sorted(change.facilities):
            facility = uow.directory.facility_by_id(facility_id)
            queue_changed(uow, facility, change.at, uow.directory.services(facility_id),
                          config=True)
        uow.commit()
    uow.cache.forget_all()
    if on_ended is not None:
        for token_id in change.ended_logins:
            on_ended(token_id)
    return result, change
