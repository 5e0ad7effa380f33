"""Demo and weak secrets: judged when a password is loaded, refused when a real server
starts (see domain/credentials.py for the rules)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from werkzeug.security import check_password_hash

from ..domain import config_errors as bad
from ..domain import credentials
from ..domain.errors import WeakSecretsInUse, Words
from ..domain.texts import text
from .auth import hash_password, hash_token
from .ports import UnitOfWork

USER, DEVICE = "user", "device"


def password_fields(entry: Mapping[str, object], username: str,
                    existing_hash: str | None) -> dict[str, object]:
    """The user-row fields a configuration entry's `password` or `password_hash` gives:
    `weak_password` always, `password_hash` unless the stored one already fits (loading
    a file twice changes nothing). Raises `invalid_config` naming the user
    (PasswordAndHash, PasswordRequired, UnknownPasswordHash) when both or neither are
    given, or when `password_hash` is not a werkzeug hash."""
    where = f"user {username}"
    clear, given = entry.get("password"), entry.get("password_hash")
    if clear not in (None, "") and given not in (None, ""):
        raise bad.PasswordAndHash().at(where)
    if given not in (None, ""):
        if not isinstance(given, str) or not credentials.valid_password_hash(given.strip()):
            raise bad.UnknownPasswordHash().at(where)
        return {"password_hash": given.strip(), "weak_password": False}
    if clear in (None, ""):
        raise bad.PasswordRequired().at(where)
    password = str(clear)
    weak = credentials.password_weakness(password, username) is not None
    fields: dict[str, object] = {"weak_password": weak}
    if weak:  # the demo's: one hash for every account given it (see _weak_hash)
        if existing_hash is None or not _weak_fits(existing_hash, password):
            fields["password_hash"] = _weak_hash(password)
    elif existing_hash is None or not check_password_hash(existing_hash, password):
        fields["password_hash"] = hash_password(password)
    return fields


@lru_cache(maxsize=8)
def _weak_hash(password: str) -> str:
    """One salted hash of a weak password for every account a process loads with it.
    A weak password (the demo's `demo`) is refused when a real server starts, so sharing
    its hash between accounts gives nothing away; it spares a slow hash per account
    (scrypt, about 0.1 s of CPU each: most of a demo server's start)."""
    return hash_password(password)


@lru_cache(maxsize=64)
def _weak_fits(existing_hash: str, password: str) -> bool:
    """Whether the stored `existing_hash` is of the weak `password`, checked once per
    distinct hash (the demo's accounts share one, see _weak_hash)."""
    return existing_hash == _weak_hash(password) or check_password_hash(existing_hash, password)


def token_fields(token: str) -> dict[str, object]:
    """The device-row fields a configuration entry's clear `token` gives: `token_hash`,
    and `weak_token` when it is shorter than credentials.MIN_TOKEN_LENGTH, well-known or
    the demo's (the start-up check then refuses it outside a demo)."""
    return {"token_hash": hash_token(token),
            "weak_token": credentials.token_weakness(token) is not None}


@dataclass(frozen=True)
class WeakSecret:
    """An active user or device with a secret refused outside a demo: `kind` USER or
    DEVICE, `name` (username, or facility/device code) and `reason` (credentials.REASONS)."""

    kind: str
    name: str
    reason: str


def _is_demo_password(password_hash: str) -> bool:
    try:
        return check_password_hash(password_hash, credentials.DEMO_PASSWORD)
    except ValueError:  # a hash of a form this werkzeug does not know: not the demo's
        return False


def find_weak_secrets(uow: UnitOfWork) -> list[WeakSecret]:
    """Active users flagged weak when loaded; the demo's users still on the demo password
    though loaded before the flag existed (two hash checks at most); active devices whose
    token is a demo or well-known one (by its hash: rows loaded before `weak_token`
    existed too) or was flagged weak when loaded. Users first, by name; then devices."""
    tokens = {hash_token(token): reason for token, reason in credentials.weak_tokens().items()}
    with uow:
        found = [WeakSecret(USER, u.username, "weak") for u in uow.security.weak_users()]
        found += [WeakSecret(USER, u.username, "demo")
                  for u in uow.security.users_named(credentials.DEMO_USERNAMES)
                  if _is_demo_password(u.password_hash)]
        devices = {d.id: WeakSecret(DEVICE, f"{d.facility.code}/{d.code}", "weak_token")
                   for d in uow.security.weak_devices()}
        devices.update({d.id: WeakSecret(DEVICE, f"{d.facility.code}/{d.code}",
                                         tokens[d.token_hash])
                        for d in uow.security.devices_with_token_hashes(tokens)})
        found += devices.values()
    return sorted(found, key=lambda w: (w.kind != USER, w.name))


def reason_text(reason: str, english: bool) -> str:
    """A WeakSecret's `reason` (one of credentials.REASONS) in words, in English or
    Indonesian."""
    return credentials.reason_words(reason)[english]


def _listing(found: list[WeakSecret], english: bool) -> str:
    lang = "en" if english else "id"
    return "\n".join(f"  - {text(f'password.owner.{w.kind}', lang)} {w.name}: "
                     f"{reason_text(w.reason, english)}" for w in found)


def refuse_weak_secrets(uow: UnitOfWork) -> None:
    """Raise WeakSecretsInUse, with a message an operator can act on (who, why, how to
    change it, in Indonesian and English), while find_weak_secrets finds any."""
    found = find_weak_secrets(uow)
    if not found:
        return
    raise WeakSecretsInUse(Words(_listing(found, False), _listing(found, True)),
                           credentials.MIN_PASSWORD_LENGTH, credentials.MIN_TOKEN_LENGTH,
                           [(w.kind, w.name, w.reason) for w in found])


def demo_on_purpose(environ: Mapping[str, str]) -> bool:
    """Whether the environment says this production-shaped run is a demo on purpose
    (ANTRIAN_DEMO set to 1, true, yes or on)."""
    return environ.get("ANTRIAN_DEMO", "").strip().lower() in ("1", "true", "yes", "on")
