"""Demo and weak secrets: judged when a password is loaded, refused when a real server
starts (see domain/credentials.py for the rules)."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from concurrent.futures import Executor, ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache

from werkzeug.security import check_password_hash

from ..domain import config_errors as bad
from ..domain import credentials
from ..domain.errors import WeakSecretsInUse, Words
from ..domain.texts import text
from .auth import hash_password, hash_token
from .ports import UnitOfWork

USER, DEVICE = "user", "device"


@dataclass
class PasswordsAhead:
    """The slow part of password_fields (scrypt, ~0.15 s of CPU a password) done before a
    file's users are applied, for all of them at once (see passwords_ahead): whether a
    stored hash fits its clear password, `fits[(hash, password)]`, and a new hash where
    none does, `made[(username, password)]`."""

    # Never in a repr (a traceback's locals, a log line): the keys hold clear passwords.
    fits: dict[tuple[str, str], bool] = field(default_factory=dict, repr=False)
    made: dict[tuple[str, str], str] = field(default_factory=dict, repr=False)


# Threads for passwords_ahead: hashlib's scrypt lets the others run while it works.
AHEAD_THREADS = 8


def passwords_ahead(jobs: Sequence[tuple[str, str, str | None]]) -> PasswordsAhead:
    """Check and make the hashes of `jobs` ((username, strong clear password, stored hash
    or None) each) on threads, one a core (at most AHEAD_THREADS): a file of 24 staff
    loaded again costs 24 hash checks, 3.5 s on one core. In a process gevent patched
    (`serve`, gunicorn's gevent worker) they are real threads from gevent's pool: its
    own threads are greenlets that would take turns, and would hold up every other
    greenlet (the sockets) while they hash. Nothing is done ahead with one core or a
    single job: password_fields then does each as it comes. A stored hash werkzeug
    cannot read is left to password_fields too (which says so as it always has)."""
    ahead = PasswordsAhead()
    workers = min(len(jobs), os.cpu_count() or 1, AHEAD_THREADS)
    if workers < 2:
        return ahead

    def work(job: tuple[str, str, str | None]) -> None:
        username, password, stored = job
        try:
            fits = stored is not None and check_password_hash(stored, password)
        except ValueError:
            return
        if stored is not None:
            ahead.fits[(stored, password)] = fits
        if not fits:
            ahead.made[(username, password)] = hash_password(password)

    with _native_threads(workers) as pool:
        list(pool.map(work, jobs))
    return ahead


def _native_threads(workers: int) -> Executor:
    """A pool of `workers` operating-system threads, in a gevent-patched process too."""
    monkey = sys.modules.get("gevent.monkey")
    if monkey is not None and monkey.is_module_patched("threading"):
        from gevent.threadpool import ThreadPoolExecutor as GeventNativePool

        return GeventNativePool(workers)
    return ThreadPoolExecutor(workers, thread_name_prefix="antrian-passwords")


def password_fields(entry: Mapping[str, object], username: str,
                    existing_hash: str | None,
                    ahead: PasswordsAhead | None = None) -> dict[str, object]:
    """The user-row fields a configuration entry's `password` or `password_hash` gives:
    `weak_password` always, `password_hash` unless the stored one already fits (loading
    a file twice changes nothing); `ahead`: the slow checks and hashes already done for
    the file (passwords_ahead). Raises `invalid_config` naming the user
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
    elif existing_hash is None or not _fits(ahead, existing_hash, password):
        made = ahead.made.get((username, password)) if ahead else None
        fields["password_hash"] = made or hash_password(password)
    return fields


def _fits(ahead: PasswordsAhead | None, existing_hash: str, password: str) -> bool:
    known = ahead.fits.get((existing_hash, password)) if ahead else None
    return known if known is not None else check_password_hash(existing_hash, password)


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
    distinct hash (the demo's accounts share one, see _weak_hash): one slow hash a
    process, and none made when it fits (a demo server started again)."""
    return check_password_hash(existing_hash, password)


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
