"""Staff login and logout, and reading the caller's bearer token on every other route."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from flask import current_app, g, request, session

from queue_server.edge.caller import bearer_token
from queue_server.persistence.uow import SqlUnitOfWork
from queue_server.realtime import sessions as live_sessions
from queue_server.runtime import csrf, current
from queue_server.services import auth as auth_service
from queue_server.services.auth import Principal

from .blueprint import Blueprint
from .schemas import LoginIn, LoginOut

blp = Blueprint("auth", __name__, url_prefix="/api/v1/auth", description="Staff login")


def principal(uow: SqlUnitOfWork | None = None) -> Principal:
    """The authenticated caller of this request (401 if there is none).

    A bearer token is used as is. A page of ours may instead rely on the session cookie;
    the browser sends that by itself, so then a state change must carry the CSRF token.

    `uow`: the unit of work the route hands its use case. A device token this process has
    already vouched for is then confirmed inside that unit's own transaction, before its
    first statement (services/auth.confirm_device), instead of in a read of its own: the
    kiosk's walk-in saves a connection and a transaction (issue 20).
    """
    if "principal" in g:
        return g.principal
    rt = current()
    if uow is not None:
        claim = auth_service.claimed_device(rt.cache, bearer_token())
        if claim is not None:
            digest, claimed = claim
            uow.require(lambda tx: auth_service.confirm_device(tx, digest, claimed))
            return claimed
    token = bearer_token()
    if token is None and session.get("token"):
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            csrf.protect()
        token = session["token"]
    g.principal = auth_service.authenticate(rt.uow(write=False), rt.clock, token,
                                            cached=True)
    return g.principal


@blp.post("/login")
@blp.arguments(LoginIn())
@blp.response(200, LoginOut)
def login(body: dict[str, Any]) -> dict[str, Any]:
    """Log in with username and password: a bearer token, and a session cookie for pages."""
    rt = current()
    ttl = timedelta(hours=current_app.config["TOKEN_TTL_HOURS"])
    token, who, expires = auth_service.login(
        rt.uow(), rt.clock, body["username"], body["password"], ttl, request.remote_addr or "?"
    )
    session.clear()
    session["token"] = token
    return {
        "token": token,
        "expires_at": expires,
        "user": {"username": who.name, "role": who.role, "facility_id": who.facility_id},
    }


@blp.post("/logout")
@blp.response(204)
@blp.doc(security=[{"bearer": []}])
def logout() -> None:
    """End this session: the token stops working at once, and the consoles opened with
    it are told (`session_ended`) and disconnected, in every server process."""
    rt = current()
    auth_service.logout(rt.uow(), principal(), live_sessions.end_token)
    session.clear()
