"""Demo and weak secrets: judged when a password is loaded, refused when a real server
starts (see domain/credentials.py for the rules)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from werkzeug.security import check_password_hash

from ..domain import credentials
from ..domain.errors import InvalidInput, WeakSecretsInUse
from .auth import hash_password, hash_token
from .ports import UnitOfWork

USER, DEVICE = "user", "device"


def password_fields(entry: Mapping[str, Any], username: str,
                    existing_hash: str | None) -> dict[str, Any]:
    """The user-row fields a configuration entry's `password` or `password_hash` gives:
    `weak_password` always, `password_hash` unless the stored one already fits (loading
    a file twice changes nothing). Raises InvalidInput `invalid_config` naming the user
    when both or neither are given, or when `password_hash` is not a werkzeug hash."""
    where = f"user {username}"
    clear, given = entry.get("password"), entry.get("password_hash")
    if clear not in (None, "") and given not in (None, ""):
        raise InvalidInput(f"{where}: isi 'password' atau 'password_hash', jangan keduanya.",
                           f"{where}: give 'password' or 'password_hash', not both.",
                           code="invalid_config")
    if given not in (None, ""):
        if not isinstance(given, str) or not credentials.valid_password_hash(given.strip()):
            raise InvalidInput(
                f"{where}: 'password_hash' bukan hash yang dikenal; buat dengan "
                "`python -m queue_server hash-password`.",
                f"{where}: 'password_hash' is not a hash this server knows; make one with "
                "`python -m queue_server hash-password`.", code="invalid_config")
        return {"password_hash": given.strip(), "weak_password": False}
    if clear in (None, ""):
        raise InvalidInput(f"{where}: 'password' atau 'password_hash' wajib diisi.",
                           f"{where}: 'password' or 'password_hash' is required.",
                           code="invalid_config")
    password = str(clear)
    fields: dict[str, Any] = {
        "weak_password": credentials.password_weakness(password, username) is not None}
    if existing_hash is None or not check_password_hash(existing_hash, password):
        fields["password_hash"] = hash_password(password)
    return fields


def token_fields(token: str) -> dict[str, Any]:
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
    """A WeakSecret's `reason` in words, in English or Indonesian."""
    said = {**credentials.REASONS, "weak": ("kata sandi lemah atau demo",
                                            "a weak or demo password")}
    return said[reason][english]


def _listing(found: list[WeakSecret], english: bool) -> str:
    kinds = {USER: ("pengguna", "user"), DEVICE: ("perangkat", "device")}
    return "\n".join(f"  - {kinds[w.kind][english]} {w.name}: {reason_text(w.reason, english)}"
                     for w in found)


def refuse_weak_secrets(uow: UnitOfWork) -> None:
    """Raise WeakSecretsInUse, with a message an operator can act on (who, why, how to
    change it, in Indonesian and English), while find_weak_secrets finds any."""
    found = find_weak_secrets(uow)
    if not found:
        return
    n, t = credentials.MIN_PASSWORD_LENGTH, credentials.MIN_TOKEN_LENGTH
    token = '`python -c "import secrets; print(secrets.token_urlsafe(24))"`'
    raise WeakSecretsInUse(
        "Server tidak dijalankan: kata sandi atau token demo/lemah masih aktif:\n"
        f"{_listing(found, False)}\n"
        "Cara memperbaiki, di berkas konfigurasi:\n"
        f"  1. setiap pengguna: kata sandi kuat (minimal {n} karakter, bukan kata umum, "
        "bukan nama pengguna), sebaiknya `password_hash:` buatan "
        "`python -m queue_server hash-password --username NAMA`;\n"
        f"  2. setiap perangkat: token acak yang panjang (minimal {t} karakter), misalnya "
        f"dari {token};\n"
        "  3. atau `active: false` untuk akun/perangkat yang tidak dipakai;\n"
        "  4. lalu `python -m queue_server load-config BERKAS` dan jalankan lagi.\n"
        "Demo yang disengaja: `serve --demo`, atau ANTRIAN_DEMO=1 untuk gunicorn.",
        "Not starting: demo or weak passwords or tokens are still active:\n"
        f"{_listing(found, True)}\n"
        "To fix it, in the configuration file:\n"
        f"  1. every user: a strong password (at least {n} characters, not a common word, "
        "not the username), best as a `password_hash:` made by "
        "`python -m queue_server hash-password --username NAME`;\n"
        f"  2. every device: a long random token (at least {t} characters), e.g. from "
        f"{token};\n"
        "  3. or `active: false` for accounts and devices not in use;\n"
        "  4. then `python -m queue_server load-config FILE` and start again.\n"
        "A demonstration on purpose: `serve --demo`, or ANTRIAN_DEMO=1 for gunicorn.",
        [(w.kind, w.name, w.reason) for w in found])


def demo_on_purpose(environ: Mapping[str, str]) -> bool:
    """Whether the environment says this production-shaped run is a demo on purpose
    (ANTRIAN_DEMO set to 1, true, yes or on)."""
    return environ.get("ANTRIAN_DEMO", "").strip().lower() in ("1", "true", "yes", "on")
