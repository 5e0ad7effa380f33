"""Open311 API keys: the admin issues one per civic application (the key is shown once;
only its SHA-256 is kept), lists and deactivates them; a GeoReport POST is accepted only
with an active key, which is recorded on the complaint. Issuing and deactivating write
an audit row (object kind `open311_key`), as every change of the configuration does."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Sequence
from typing import Any, Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from queue_server.services.auth import Principal
from queue_server.services.ports import Clock, UnitOfWork
from queue_server.services.views import iso

from .models import Open311Key
from .open311_errors import (
    Open311KeyMissing,
    Open311KeyNameRequired,
    Open311KeyNotFound,
    Open311KeyRefused,
)

KIND = "open311_key"
NAME_MAX = 80
NOTE_MAX = 500
# A raw key longer than this is no key of ours (ours are 32 characters): refused unhashed.
RAW_MAX = 200


class KeyWork(UnitOfWork, Protocol):
    """A unit of work whose ORM session reaches the module's tables."""

    @property
    def session(self) -> Session: ...


def digest(raw: str) -> str:
    """The SHA-256 (hex) a key is kept and looked up by."""
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def _view(key: Open311Key, tz: str) -> dict[str, Any]:
    return {"id": key.id, "name": key.name, "note": key.note, "active": key.active,
            "created_at": iso(key.created_at, tz)}


def _entry(key: Open311Key) -> dict[str, Any]:
    """The key as an audit row holds it: never the key, nor its hash."""
    return {"name": key.name, "note": key.note, "active": key.active}


def _audit(uow: KeyWork, clock: Clock, actor: str, key: Open311Key, action: str,
           before: dict[str, Any] | None) -> None:
    uow.admin.record(at=clock.now(), actor=actor, facility_id=None, object_kind=KIND,
                     object_code=key.name[:80], action=action, before=before,
                     after=_entry(key))


def _name(name: str | None) -> str:
    tidy = " ".join((name or "").split())
    if not tidy or len(tidy) > NAME_MAX:
        raise Open311KeyNameRequired()
    return tidy


def issue_key(uow: KeyWork, clock: Clock, principal: Principal, name: str | None,
              note: str | None, tz: str) -> dict[str, Any]:
    """A new key for the application `name` (admin only: AdminOnly 403; a name of 1-80
    characters, else Open311KeyNameRequired 422). Returns its view with `key`: the only
    time the key is ever shown; the database keeps its SHA-256."""
    principal.require_admin()
    raw = secrets.token_urlsafe(24)
    with uow:
        key = Open311Key(name=_name(name), key_hash=digest(raw), active=True,
                         created_at=clock.now(), note=(note or "").strip()[:NOTE_MAX])
        uow.session.add(key)
        uow.session.flush()
        _audit(uow, clock, principal.actor, key, "create", None)
        view = _view(key, tz)
        uow.commit()
    return {**view, "key": raw}


def list_keys(uow: KeyWork, principal: Principal, tz: str) -> dict[str, Any]:
    """`{"keys": [...]}`, oldest first, active or not, without the keys (admin only)."""
    principal.require_admin()
    with uow:
        rows: Sequence[Open311Key] = uow.session.scalars(
            select(Open311Key).order_by(Open311Key.id)).all()
        return {"keys": [_view(key, tz) for key in rows]}


def deactivate_key(uow: KeyWork, clock: Clock, principal: Principal, key_id: int,
                   tz: str) -> dict[str, Any]:
    """Key `key_id` no longer files requests (admin only; Open311KeyNotFound 404).
    Deactivating an inactive key changes nothing and writes no audit row."""
    principal.require_admin()
    with uow:
        key = uow.session.get(Open311Key, key_id) if 0 < key_id < 2**31 else None
        if key is None:
            raise Open311KeyNotFound(key_id)
        if key.active:
            before = _entry(key)
            key.active = False
            _audit(uow, clock, principal.actor, key, "deactivate", before)
        view = _view(key, tz)
        uow.commit()
    return view


def holder(uow: KeyWork, raw: str | None) -> Open311Key:
    """The active key `raw` is, inside the caller's unit of work. Raises
    Open311KeyMissing (403) for none, Open311KeyRefused (403) for an unknown or
    deactivated one."""
    if raw is None or not raw.strip():
        raise Open311KeyMissing()
    if len(raw) > RAW_MAX:
        raise Open311KeyRefused()
    key = uow.session.scalars(select(Open311Key).where(
        Open311Key.key_hash == digest(raw.strip()))).first()
    if key is None or not key.active:
        raise Open311KeyRefused()
    return key


def ensure_key(uow: KeyWork, clock: Clock, name: str, raw: str) -> bool:
    """Key `raw` exists (the demo's, from `$ANTRIAN_DEMO_OPEN311_KEY`): added, active,
    when missing; a key the admin deactivated stays deactivated. True when added."""
    with uow:
        if uow.session.scalars(select(Open311Key.id).where(
                Open311Key.key_hash == digest(raw))).first() is not None:
            return False
        uow.session.add(Open311Key(name=name, key_hash=digest(raw), active=True,
                                   created_at=clock.now(), note="demo"))
        uow.commit()
    return True
