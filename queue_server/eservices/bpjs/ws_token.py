"""Mobile JKN's sign-in to the hosted web service (`GET /bpjs/auth`) and the token its
later calls carry (`x-token` with `x-username`).

The token is signed with the app's SECRET_KEY (itsdangerous, a salt of its own) and
carries the account id, the account's version (a password change refuses older
tokens) and its expiry (epoch seconds, BPJS_TOKEN_MINUTES after sign-in, read against
the app's clock). Nothing is stored: a token is checked by its signature and the
account row. Failed sign-ins are recorded and throttled as staff logins are
(domain/throttle.py), under the name `bpjs:<username>`."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from itsdangerous import BadSignature, URLSafeSerializer
from werkzeug.security import check_password_hash

from queue_server.domain import throttle
from queue_server.domain.throttle import TooManyFailedLogins
from queue_server.services.auth import _DUMMY_HASH, Principal
from queue_server.services.ports import Clock

from .config import AccountRow, account_for
from .ws_errors import WsLoginFailed, WsTokenExpired, WsTokenInvalid

SALT = "antrian.bpjs.ws.token"
KIND = "bpjs"  # Principal.kind of a hosted-service account: scoped to its facility
log = logging.getLogger(__name__)


def _throttled(uow: Any, now: datetime, name: str, address: str) -> None:
    """TooManyFailedLogins (Retry-After) while this name, address or pair must wait."""
    since = now - throttle.WINDOW
    staff = uow.staff
    verdict = throttle.judge(
        throttle.Failures(*staff.recent_failures(since, name, address)),
        throttle.Failures(*staff.recent_failures(since, address=address)),
        throttle.Failures(*staff.recent_failures(since, username=name)), now)
    if verdict.retry_after:
        raise TooManyFailedLogins(verdict.retry_after)


def sign_in(uow: Any, clock: Clock, username: str, password: str, secret: str,
            minutes: int, address: str = "unknown") -> str:
    """A token for the account `username` if `password` is its own and it is active;
    else WsLoginFailed (code 201). The hash is checked even for an unknown name (a
    dummy one), so a wrong name costs as long as a wrong password. Raises
    TooManyFailedLogins after repeated failures (domain/throttle.py)."""
    name = f"bpjs:{username}"[:60]
    with uow:
        now = clock.now()
        _throttled(uow, now, name, address)
        account = account_for(uow, username) if username else None
        ok = check_password_hash(account.password_hash if account else _DUMMY_HASH, password)
        ok = bool(account and account.active and ok)
        uow.staff.record_attempt(name, address, now, ok)
        uow.commit()
    if not ok or account is None:
        log.warning("bpjs ws: failed sign-in from %s", address)
        raise WsLoginFailed()
    expires = int(now.timestamp()) + minutes * 60
    return str(URLSafeSerializer(secret, salt=SALT).dumps(
        {"a": account.id, "v": account.version, "e": expires}))


def _payload(token: str, secret: str) -> dict[str, int]:
    """The signed payload, or WsTokenInvalid (a bad signature, another shape)."""
    try:
        data = URLSafeSerializer(secret, salt=SALT).loads(token)
    except BadSignature as exc:
        raise WsTokenInvalid() from exc
    if not isinstance(data, dict) or not all(isinstance(data.get(k), int) for k in "ave"):
        raise WsTokenInvalid()
    return data


def principal_of(uow: Any, clock: Clock, token: str | None, username: str | None,
                 secret: str) -> Principal:
    """The caller of a later call: a Principal of kind "bpjs" bound to the account's
    facility. WsTokenInvalid (201 "Token tidak valid") for a missing token, a bad
    signature, a token of another account than `username`, an inactive account or one
    whose password changed since; WsTokenExpired (201 "Token Expired") once expired."""
    if not token or not username:
        raise WsTokenInvalid()
    data = _payload(token, secret)
    with uow:
        account: AccountRow | None = account_for(uow, username)
        if (account is None or not account.active or account.id != data["a"]
                or account.version != data["v"]):
            raise WsTokenInvalid()
        if clock.now().timestamp() >= data["e"]:
            raise WsTokenExpired()
    return Principal(KIND, account.id, account.username, KIND, account.facility_id)
