"""The admin pages, `/admin`: sign in, the facilities (the deployment's admin) and one
facility's page (its settings, services, counters, devices, users and audit log). The
pages are shells; their scripts read and write through `/api/v1/admin/...`."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from flask import Blueprint, current_app, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue

from ..domain.errors import DomainError, Forbidden
from ..domain.lookups import FacilityNotFound
from ..domain.throttle import TooManyFailedLogins
from ..i18n import page_language
from ..realtime import sessions as live_sessions
from ..runtime import csrf, current
from ..services import auth as auth_service
from ..services.auth import FACILITY_ADMIN
from . import gate

bp = Blueprint("admin", __name__, url_prefix="/admin", template_folder="templates",
               static_folder="static")


def _said(exc: DomainError) -> str:
    return exc.message_en if page_language() == "en" else exc.message


def _login_page(error: str | None = None, status: int = 200,
                username: str = "") -> tuple[str, int]:
    return render_template("admin/login.html", lang=page_language(), error=error,
                           username=username), status


@bp.errorhandler(Forbidden)
def refused(exc: Forbidden) -> ResponseReturnValue:
    """A signed-in member of staff whose role may not administer this: a page that says
    so (403), with the way out, never an empty shell."""
    return render_template("admin/refused.html", lang=page_language(), error=exc), 403


@bp.errorhandler(FacilityNotFound)
def unknown(exc: FacilityNotFound) -> ResponseReturnValue:
    """A facility that does not exist (only the admin learns this): 404 with a way back."""
    return render_template("admin/refused.html", lang=page_language(), error=exc), 404


@bp.get("")
def index() -> ResponseReturnValue:
    """Not signed in: the sign-in form. The admin: every facility and "new facility".
    A facility admin: straight to its facility. Anyone else: the refusal page (403)."""
    who = gate.signed_in()
    if who is None:
        return _login_page()
    own = gate.own_facility_code(who) if who.role == FACILITY_ADMIN else None
    if own is not None:
        return redirect(url_for("admin.facility", code=own, **_lang_arg()), code=303)
    opened = gate.open_list(who)
    return render_template("admin/facilities.html", lang=page_language(), opened=opened)


@bp.get("/f/<code>")
def facility(code: str) -> ResponseReturnValue:
    """One facility's page, for the admin or that facility's admin (403 for others)."""
    who = gate.signed_in()
    if who is None:
        return _login_page()
    opened = gate.open_facility(who, code)
    return render_template("admin/facility.html", lang=page_language(), opened=opened)


def _lang_arg() -> dict[str, Any]:
    return {"lang": "en"} if page_language() == "en" else {}


@bp.post("/login")
def login() -> ResponseReturnValue:
    """The sign-in form: a session cookie, then back to `/admin` (in the same language)."""
    csrf.protect()
    rt = current()
    username = request.form.get("username", "").strip()
    ttl = timedelta(hours=current_app.config["TOKEN_TTL_HOURS"])
    try:
        token, _, _ = auth_service.login(rt.uow(), rt.clock, username,
                                         request.form.get("password", ""), ttl,
                                         request.remote_addr or "?")
    except TooManyFailedLogins as exc:
        page, status = _login_page(_said(exc), 429, username)
        return page, status, {"Retry-After": str(exc.retry_after)}
    except DomainError as exc:
        return _login_page(_said(exc), 401, username)
    session.clear()
    session["token"] = token
    return redirect(url_for("admin.index", **_lang_arg()), code=303)


@bp.post("/logout")
def logout() -> ResponseReturnValue:
    """End this login (and its open sockets) and forget the cookie."""
    csrf.protect()
    who = gate.signed_in()
    if who is not None:
        auth_service.logout(current().uow(), who, live_sessions.end_token)
    session.clear()
    return redirect(url_for("admin.index", **_lang_arg()), code=303)
