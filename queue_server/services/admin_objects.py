"""The admin's facilities, services and counters: list, read, create or update (one
entry at a time, through the functions `load-config` uses)."""

from __future__ import annotations

from ..domain import admin_errors as refused
from ..domain.lookups import CounterNotFound, ServiceNotFound
from .admin import entry_of, facility_for, require_configurer, write
from .auth import ADMIN, Principal
from .config_entries import (
    Change,
    apply_counter,
    apply_facility,
    apply_service,
    check_prefixes,
)
from .config_parse import COUNTER_KEYS, FACILITY_KEYS, SERVICE_KEYS
from .config_views import Entry, counter_entry, facility_entry, service_entry
from .ports import Clock, JsonObject, UnitOfWork

Written = tuple[Entry, bool]  # the object as GET shows it, and whether it was created


def list_facilities(uow: UnitOfWork, principal: Principal) -> JsonObject:
    """`{"facilities": [entry, ...]}` by code: every one for an admin or city user, its
    own for a facility admin. AdminOnly for anyone else."""
    require_configurer(principal, reading=True)
    with uow:
        rows = [f for f in uow.directory.facilities()
                if principal.role != "facility_admin" or f.id == principal.facility_id]
        return {"facilities": [facility_entry(f, f.running_text) for f in rows]}


def get_facility(uow: UnitOfWork, principal: Principal, code: str) -> Entry:
    """One facility's entry (admin, city, its facility admin)."""
    with uow:
        facility = facility_for(uow, principal, code, reading=True)
        return facility_entry(facility, facility.running_text)


def put_facility(uow: UnitOfWork, clock: Clock, principal: Principal, code: str,
                 body: object) -> Written:
    """Create (admin only: AdminRoleOnly for a facility admin) or update a facility from
    its entry (no services, counters or devices: UnknownKey). Raises `invalid_config`."""
    entry = entry_of(body, FACILITY_KEYS, "code", code, f"facility {code}")

    def apply(change: Change) -> Written:
        exists = uow.directory.facility(code) is not None
        if not exists and principal.role != ADMIN:
            require_configurer(principal)
            raise refused.AdminRoleOnly("membuat fasilitas baru", "create a facility")
        if exists:
            facility_for(uow, principal, code)
        facility = apply_facility(uow, entry, change)
        return facility_entry(facility, facility.running_text), not exists

    return write(uow, clock, principal, apply)[0]


def list_services(uow: UnitOfWork, principal: Principal, facility_code: str) -> JsonObject:
    """`{"facility": code, "services": [entry, ...]}` in display order, inactive too."""
    with uow:
        facility = facility_for(uow, principal, facility_code, reading=True)
        return {"facility": facility.code,
                "services": [service_entry(s) for s in uow.admin.services(facility.id)]}


def get_service(uow: UnitOfWork, principal: Principal, facility_code: str,
                code: str) -> Entry:
    """One service's entry; ServiceNotFound (404) when the facility has none of `code`."""
    with uow:
        facility = facility_for(uow, principal, facility_code, reading=True)
        service = uow.admin.service(facility.id, code)
        if service is None:
            raise ServiceNotFound(code, facility.code)
        return service_entry(service)


def put_service(uow: UnitOfWork, clock: Clock, principal: Principal, facility_code: str,
                code: str, body: object) -> Written:
    """Create or update one service from its entry (a new one goes last). Raises
    `invalid_config` (a prefix another service has: PrefixTaken)."""
    entry = entry_of(body, SERVICE_KEYS, "code", code, f"{facility_code} service {code}")

    def apply(change: Change) -> Written:
        facility = facility_for(uow, principal, facility_code)
        created = uow.admin.service(facility.id, code) is None
        row = apply_service(uow, facility, entry, change)
        check_prefixes(uow, facility, changed=row.code)
        return service_entry(row), created

    return write(uow, clock, principal, apply)[0]


def list_counters(uow: UnitOfWork, principal: Principal, facility_code: str) -> JsonObject:
    """`{"facility": code, "counters": [entry, ...]}` in display order, inactive too."""
    with uow:
        facility = facility_for(uow, principal, facility_code, reading=True)
        return {"facility": facility.code,
                "counters": [counter_entry(c) for c in uow.admin.counters(facility.id)]}


def get_counter(uow: UnitOfWork, principal: Principal, facility_code: str,
                code: str) -> Entry:
    """One counter's entry; CounterNotFound (404) when the facility has none of `code`."""
    with uow:
        facility = facility_for(uow, principal, facility_code, reading=True)
        counter = uow.admin.counter(facility.id, code)
        if counter is None:
            raise CounterNotFound(code)
        return counter_entry(counter)


def put_counter(uow: UnitOfWork, clock: Clock, principal: Principal, facility_code: str,
                code: str, body: object) -> Written:
    """Create or update one counter from its entry: `services` in the order it calls them
    (each the facility's). Raises `invalid_config`."""
    entry = entry_of(body, COUNTER_KEYS, "code", code, f"{facility_code} counter {code}")

    def apply(change: Change) -> Written:
        facility = facility_for(uow, principal, facility_code)
        created = uow.admin.counter(facility.id, code) is None
        return counter_entry(apply_counter(uow, facility, entry, change)), created

    return write(uow, clock, principal, apply)[0]
