"""Staff pages signed in with a form and a session cookie (the console, the admin pages,
the reports): one way to read who is signed in, to sign in and to sign out."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from flask import current_app, request, session

from .domain.errors import DomainError
from .domain.throttle import TooManyFailedLogins
from .i18n import page_language
from .realtime import sessions as live_sessions
from .runtime import csrf, current
from .services import auth as auth_service


def signed_in() -> auth_service.Principal | None:
    """The staff member of the session cookie, or None (no login, or one that ended: it
    is then forgotten)."""
    token = session.get("token")
    if not token:
        return None
    rt = current()
    try:
        return auth_service.authenticate(rt.uow(write=False), rt.clock, token).require_staff()
    except DomainError:
        session.pop("token", None)
        return None


def sign_in() -> str:
    """Sign in with the posted form (`username`, `password`; its CSRF token checked): a
    new session cookie holding the login's token. Returns the username as typed (for the
    form again on a refusal). Raises the login's errors: TooManyFailedLogins (429, with
    `retry_after` seconds), InvalidCredentials (401), and the CSRF refusal (400)."""
    csrf.protect()
    rt = current()
    username = request.form.get("username", "").strip()
    ttl = timedelta(hours=current_app.config["TOKEN_TTL_HOURS"])
    token, _, _ = auth_service.login(rt.uow(), rt.clock, username,
                                     request.form.get("password", ""), ttl,
                                     request.remote_addr or "?")
    session.clear()
    session["token"] = token
    return username


@dataclass(frozen=True)
class Refusal:
    """Why a sign-in was refused, for the form shown again: the message in the page's
    language, the status (401, or 429 with `Retry-After` in `headers`), what was typed."""

    message: str
    status: int
    username: str
    headers: dict[str, str] = field(default_factory=dict)


def try_sign_in() -> Refusal | None:
    """`sign_in()`, its refusals as a Refusal (None: signed in)."""
    username = request.form.get("username", "").strip()
    try:
        sign_in()
    except TooManyFailedLogins as exc:
        return Refusal(_said(exc), 429, username, {"Retry-After": str(exc.retry_after)})
    except DomainError as exc:
        return Refusal(_said(exc), 401, username)
    return None


def _said(exc: DomainError) -> str:
    return exc.message_en if page_language() == "en" else exc.message


def sign_out() -> None:
    """End this login (its token, and the sockets opened with it, in every process) and
    forget the cookie; the form's CSRF token is checked."""
    csrf.protect()
    who = signed_in()
    if who is not None:
        auth_service.logout(current().uow(), who, live_sessions.end_token)
    session.clear()
