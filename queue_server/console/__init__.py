"""The staff console pages: log in with a form, then one live page per counter."""

from __future__ import annotations

from datetime import timedelta

from flask import Blueprint, current_app, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue

from ..domain.errors import DomainError
from ..domain.throttle import TooManyFailedLogins
from ..edge.screening import RefusedInput
from ..i18n import page_language
from ..realtime import sessions as live_sessions
from ..runtime import csrf, current
from ..services import auth as auth_service

bp = Blueprint("console", __name__, url_prefix="/console", template_folder="templates",
               static_folder="static")

def _lang() -> str:
    return page_language()


def _signed_in() -> auth_service.Principal | None:
    token = session.get("token")
    if not token:
        return None
    rt = current()
    try:
        return auth_service.authenticate(rt.uow(write=False), rt.clock, token).require_staff()
    except DomainError:
        session.pop("token", None)
        return None


def _login_page(error: str | None = None, status: int = 200,
                username: str = "") -> ResponseReturnValue:
    lang = _lang()
    return render_template("console/login.html", lang=lang, error=error,
                           username=username, keep=_kept()), status


def _kept() -> dict[str, str]:
    """Query arguments that survive the login round trip (language, chosen counter)."""
    return {k: v for k, v in request.args.items() if k in ("lang", "counter")}


@bp.errorhandler(RefusedInput)
def refused(exc: RefusedInput) -> ResponseReturnValue:
    """Unreadable input (a NUL, bytes that are not UTF-8: edge/screening.py): the
    sign-in form again with the message, nothing of the refused input echoed."""
    lang = _lang()
    message = exc.message_en if lang == "en" else exc.message
    return render_template("console/login.html", lang=lang, error=message,
                           username="", keep={}), exc.status


@bp.get("")
def page() -> ResponseReturnValue:
    who = _signed_in()
    if who is None:
        return _login_page()
    return render_template("console/console.html", lang=_lang(), user=who.name)


@bp.post("/login")
def login() -> ResponseReturnValue:
    csrf.protect()
    rt = current()
    username = request.form.get("username", "").strip()
    ttl = timedelta(hours=current_app.config["TOKEN_TTL_HOURS"])
    try:
        token, _, _ = auth_service.login(rt.uow(), rt.clock, username,
                                         request.form.get("password", ""), ttl,
                                         request.remote_addr or "?")
    except TooManyFailedLogins as exc:
        message = exc.message_en if _lang() == "en" else exc.message
        response = _login_page(message, 429, username)
        return (*response, {"Retry-After": str(exc.retry_after)})  # type: ignore[misc]
    except DomainError as exc:
        return _login_page(exc.message_en if _lang() == "en" else exc.message, 401, username)
    session.clear()
    session["token"] = token
    return redirect(url_for("console.page", **_kept()), code=303)


@bp.post("/logout")
def logout() -> ResponseReturnValue:
    csrf.protect()
    who = _signed_in()
    if who is not None:
        auth_service.logout(current().uow(), who, live_sessions.end_token)
    session.clear()
    return redirect(url_for("console.page"), code=303)
