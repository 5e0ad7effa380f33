"""Applying one configuration entry (a facility, service, counter, device or user, shaped
as in the file `load-config` reads): validated, written and written down in the audit
log, by the one function `load-config`, the import and `/api/v1/admin` all call."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from ..domain import config_errors as bad
from ..domain.booking_limits import check_jkn_quota
from ..domain.calendar import parse_closures
from ..domain.hours import parse_hours, parse_time
from ..domain.numbering import validate_prefix
from ..domain.zones import parse_timezone
from .config_parse import (
    CONTENT_KEYS,
    COUNTER_KEYS,
    FACILITY_KEYS,
    MINUTES_A_DAY,
    RUNNING_TEXT_LENGTH,
    SERVICE_KEYS,
    ConfigData,
    active,
    choice,
    entry_keys,
    flag,
    iso_closures,
    located,
    need,
    number,
    plain_code,
    text,
)
from .config_views import Entry, counter_entry, facility_entry, masked, service_entry
from .port_admin import ServiceEntryRow
from .port_rows import CounterRow, FacilityFull
from .ports import UnitOfWork

FACILITY, SERVICE, COUNTER, DEVICE, USER = "facility", "service", "counter", "device", "user"
# How a weak password or device token is taken: flagged (load-config: a real server then
# refuses to start), refused (the admin API and import outside a demo), or refused for a
# new user or device only (the admin API in a demo, whose own users keep theirs).
FLAG_WEAK, REFUSE_WEAK, REFUSE_WEAK_NEW = "flag", "refuse", "refuse_new"


@dataclass
class Change:
    """Who is changing the configuration and what has changed so far: `actor`
    (`cli`, `staff:<username>`), `at` (UTC), `importing` (every row's action `import`),
    how many objects `changed`, the `facilities` touched (their boards are told) and
    the `ended_logins` (token ids) of users deactivated (their sockets are cut);
    `weak`: FLAG_WEAK, REFUSE_WEAK or REFUSE_WEAK_NEW."""

    actor: str
    at: datetime
    importing: bool = False
    weak: str = FLAG_WEAK
    changed: int = 0
    facilities: set[int] = field(default_factory=set)
    ended_logins: list[int] = field(default_factory=list)

    def refuses_weak(self, new: bool) -> bool:
        """Whether a weak secret is refused here, for a `new` object or a changed one."""
        return self.weak == REFUSE_WEAK or (self.weak == REFUSE_WEAK_NEW and new)


def record(uow: UnitOfWork, change: Change, kind: str, code: str, facility_id: int | None,
           before: Entry | None, after: Entry, action: str | None = None) -> None:
    """One audit row when the entry changed (`before` None: created), none otherwise.
    The action is `action` if given, else import, create, deactivate or update."""
    if before == after and action is None:
        return
    if action is None:
        action = ("import" if change.importing else "create" if before is None
                  else "deactivate" if before.get("active") and not after.get("active")
                  else "update")
    uow.admin.record(at=change.at, actor=change.actor, facility_id=facility_id,
                     object_kind=kind, object_code=code, action=action,
                     before=masked(before), after=masked(after))
    change.changed += 1
    if facility_id is not None:
        change.facilities.add(facility_id)


def apply_facility(uow: UnitOfWork, entry: ConfigData, change: Change) -> FacilityFull:
    """The facility's own keys (name, timezone, running_text, cuti_bersama,
    closed_dates; `code` names it), created or updated. Raises `invalid_config`."""
    entry = entry_keys(entry, FACILITY_KEYS | CONTENT_KEYS, "facility")
    code = plain_code(need(entry, "code", "facility"), "facility")
    where = f"facility {code}"
    existing = uow.directory.facility(code)
    before = facility_entry(existing, existing.running_text) if existing else None
    facility = uow.config.facility(
        code, name=text(entry, "name", where, required=True),
        timezone=parse_timezone(text(entry, "timezone", where, most=40)),
        running_text=text(entry, "running_text", where, "", most=RUNNING_TEXT_LENGTH),
        closed_dates=iso_closures(parse_closures(entry.get("closed_dates"), where)),
        joint_leave_closes=choice(entry, "cuti_bersama", where,
                                  {"closed": True, "open": False}, "closed"),
    )
    uow.flush()
    record(uow, change, FACILITY, code, facility.id, before,
           facility_entry(facility, facility.running_text))
    return facility


def _jkn_quota(entry: ConfigData, where: str) -> int | None:
    """The service's `jkn_quota` (domain.booking_limits.check_jkn_quota: 0..booking_quota
    or null), its error said at `where`."""
    quota = int(number(entry, "booking_quota", where, 0) or 0)
    try:
        return check_jkn_quota(entry.get("jkn_quota"), quota)
    except bad.InvalidConfig as error:
        raise error.at(where) from None


def _service_fields(entry: ConfigData, where: str) -> dict[str, object]:
    cutoff = entry.get("booking_cutoff")
    return dict(
        name=text(entry, "name", where, required=True),
        prefix=validate_prefix(str(text(entry, "prefix", where, most=3, required=True))),
        hours=located(f"{where} hours", parse_hours, entry.get("hours", "24h")),
        booking_quota=number(entry, "booking_quota", where, 0),
        jkn_quota=_jkn_quota(entry, where),
        walkin_limit=number(entry, "walkin_limit", where, None),
        avg_minutes=number(entry, "avg_minutes", where, 5.0, kind=float, least=0.1,
                           most=MINUTES_A_DAY),
        target_wait_minutes=number(entry, "target_wait", where, 30, least=1,
                                   most=MINUTES_A_DAY),
        shown_on_boards=flag(entry, "shown_on_boards", where, True),
        active=active(entry, where),
        closed_dates=iso_closures(parse_closures(entry.get("closed_dates"), where)),
        open_on_holidays=flag(entry, "open_on_holidays", where, False),
        booking_cutoff=None if cutoff is None else parse_time(cutoff, f"{where} booking_cutoff"),
    )


def apply_service(uow: UnitOfWork, facility: FacilityFull, entry: ConfigData,
                  change: Change, position: int | None = None) -> ServiceEntryRow:
    """One service of the facility, created or updated; `position` None keeps its place
    (a new one goes last). Call check_prefixes once the facility's services are in.
    Raises `invalid_config` (or the domain's `invalid_hours`, `invalid_prefix`)."""
    fcode = facility.code
    entry = entry_keys(entry, SERVICE_KEYS, f"{fcode} service")
    where = f"{fcode} service {entry.get('code')}"
    code = plain_code(need(entry, "code", f"{fcode} service"), f"{fcode} service")
    existing = uow.admin.service(facility.id, code)
    before = service_entry(existing) if existing else None
    if position is None:
        position = existing.position if existing else len(uow.admin.services(facility.id))
    uow.config.service(facility, code, position=position, **_service_fields(entry, where))
    uow.flush()
    row = uow.admin.service(facility.id, code)
    assert row is not None  # just written
    record(uow, change, SERVICE, code, facility.id, before, service_entry(row))
    return row


def check_prefixes(uow: UnitOfWork, facility: FacilityFull, changed: str | None = None) -> None:
    """Every service of the facility has its own prefix, else PrefixTaken naming the
    prefix and the service that had it first (the other one than `changed`, the service
    just written, when given)."""
    holders: dict[str, str] = {}
    for service in uow.admin.services(facility.id):
        first = holders.setdefault(service.prefix, service.code)
        if first != service.code:
            other, here = (service.code, first) if first == changed else (first, service.code)
            raise bad.PrefixTaken(service.prefix, other).at(f"{facility.code} service {here}")


def apply_counter(uow: UnitOfWork, facility: FacilityFull, entry: ConfigData,
                  change: Change, position: int | None = None) -> CounterRow:
    """One counter of the facility, calling its `services` in their order, created or
    updated; `position` None keeps its place (a new one goes last). Raises
    `invalid_config` for a service the facility does not have, or none."""
    fcode = facility.code
    entry = entry_keys(entry, COUNTER_KEYS, f"{fcode} counter")
    code = plain_code(need(entry, "code", f"{fcode} counter"), f"{fcode} counter")
    where = f"{fcode} counter {code}"
    given = entry.get("services") or []
    if not isinstance(given, list):
        given = [given]
    names = [plain_code(n, where) for n in given]
    services = {s.code: s for s in uow.admin.services(facility.id)}
    unknown = [n for n in names if n not in services]
    if unknown or not names:
        raise bad.CounterServicesUnknown(fcode, code, unknown)
    existing = uow.admin.counter(facility.id, code)
    before = counter_entry(existing) if existing else None
    if position is None:
        position = existing.position if existing else len(uow.admin.counters(facility.id))
    counter = uow.config.counter(facility, code, [services[n] for n in names],
                                 name=text(entry, "name", where, code), position=position,
                                 active=active(entry, where))
    uow.flush()
    record(uow, change, COUNTER, code, facility.id, before, counter_entry(counter))
    return counter
