"""The BPJS setup's use cases: read or replace a facility's setup, create or change a
hosted web service account. An admin may do either for any facility, a facility admin
for its own (services.admin.facility_for); every change writes one audit row (object
kinds `bpjs_facility`, `bpjs_account`; a password is "***") in the same transaction."""

from __future__ import annotations

from typing import Any

from queue_server.domain.credentials import MIN_PASSWORD_LENGTH, password_weakness, reason_words
from queue_server.domain.errors import WeakPassword
from queue_server.services.admin import facility_for
from queue_server.services.auth import Principal, hash_password
from queue_server.services.ports import Clock

from . import errors_config as refused
from .config import account_for
from .config_write import parse_setup, setup_view, store_setup
from .models import BpjsAccount

EMPTY = {"level": "fktp", "ppk_code": "", "reporting": False, "new_patients": "accept",
         "services": []}


def _codes(uow: Any, facility_id: int) -> dict[str, int]:
    return {s.code: s.id for s in uow.directory.services(facility_id, active_only=False)}


def _audit(uow: Any, clock: Clock, principal: Principal, facility_id: int, kind: str,
           code: str, before: dict[str, Any] | None, after: dict[str, Any]) -> None:
    uow.admin.record(at=clock.now(), actor=principal.actor, facility_id=facility_id,
                     object_kind=kind, object_code=code,
                     action="create" if before is None else "update",
                     before=before, after=after)


def get_setup(uow: Any, principal: Principal, code: str) -> dict[str, Any]:
    """Facility `code`'s BPJS setup (EMPTY's shape when it has none). Raises AdminOnly,
    WrongFacility, FacilityNotFound."""
    with uow:
        facility = facility_for(uow, principal, code)
        codes = {v: k for k, v in _codes(uow, facility.id).items()}
        return {"facility": code, **(setup_view(uow, facility.id, codes) or EMPTY)}


def put_setup(uow: Any, clock: Clock, principal: Principal, code: str,
              body: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    """Replace facility `code`'s BPJS setup with `body` as a whole (config_write.
    parse_setup's errors, 422; nothing is written then). Returns the new setup and
    whether it was created."""
    with uow:
        facility = facility_for(uow, principal, code)
        by_code = _codes(uow, facility.id)
        setup = parse_setup(body, by_code)
        by_id = {v: k for k, v in by_code.items()}
        before = setup_view(uow, facility.id, by_id)
        store_setup(uow, facility.id, setup)
        after = setup_view(uow, facility.id, by_id) or EMPTY
        _audit(uow, clock, principal, facility.id, "bpjs_facility", code, before, after)
        uow.commit()
    return {"facility": code, **after}, before is None


def _account_view(uow: Any, row: Any) -> dict[str, Any]:
    facility = uow.directory.facility_by_id(row.facility_id)
    return {"username": row.username, "facility": facility.code, "active": bool(row.active)}


def _password(body: dict[str, Any], username: str) -> str | None:
    """The new password of `body`, or None to keep it; WeakPassword as for staff users
    (domain.credentials), BadField when not text."""
    given = body.get("password")
    if given in (None, ""):
        return None
    if not isinstance(given, str):
        raise refused.BadField("password", "harus berupa teks", "must be text")
    weak = password_weakness(given, username)
    if weak is not None:
        raise WeakPassword(reason_words(weak), MIN_PASSWORD_LENGTH)
    return given


def put_account(uow: Any, clock: Clock, principal: Principal, username: str,
                body: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    """Create or change the hosted account `username`: `facility` (its code), `password`
    (kept as a hash; a change refuses the tokens signed before it), `active`. A facility
    admin may only touch its own facility's accounts (WrongFacility). Raises
    AccountIncomplete (a new account without facility or password), WeakPassword."""
    with uow:
        found = account_for(uow, username)
        row = uow.session.get(BpjsAccount, found.id) if found else None
        if row is not None:
            facility_for(uow, principal, uow.directory.facility_by_id(row.facility_id).code)
        target = body.get("facility")
        facility = facility_for(uow, principal, str(target)) if target else None
        password = _password(body, username)
        if row is None and (facility is None or password is None):
            raise refused.AccountIncomplete(username)
        before = None if row is None else _account_view(uow, row)
        row = row or _new_account(uow, username)
        _apply(row, facility.id if facility else None, password, body.get("active"))
        uow.session.flush()
        after = _account_view(uow, row)
        _audit(uow, clock, principal, row.facility_id, "bpjs_account", username,
               before, {**after, "password": "***"} if password else after)
        uow.commit()
    return after, before is None


def _new_account(uow: Any, username: str) -> BpjsAccount:
    if not 1 <= len(username) <= 60 or not username.isprintable() or " " in username:
        raise refused.BadField("username", "1–60 karakter tanpa spasi",
                               "1–60 characters without spaces")
    row = BpjsAccount(username=username, version=1, active=True)
    uow.session.add(row)
    return row


def _apply(row: BpjsAccount, facility_id: int | None, password: str | None,
           active: object) -> None:
    """Set the account's fields; a new password or facility bumps `version`."""
    if row.id is not None and (password is not None or
                               (facility_id is not None and facility_id != row.facility_id)):
        row.version = (row.version or 1) + 1
    if facility_id is not None:
        row.facility_id = facility_id
    if password is not None:
        row.password_hash = hash_password(password)
    if active is not None:
        if not isinstance(active, bool):
            raise refused.BadField("active", "harus true atau false", "must be true or false")
        row.active = active


__all__ = ["EMPTY", "get_setup", "put_account", "put_setup"]
