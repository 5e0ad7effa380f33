"""The admin pages, `/admin`: sign in, the facilities (the deployment's admin), one
facility's page (its settings, services, counters, devices, users and audit log) and the
offices (OPD) with their staff (the deployment's admin). The
pages are shells; their scripts read and write through `/api/v1/admin/...`."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, redirect, render_template, url_for
from flask.typing import ResponseReturnValue

from ..domain.errors import Forbidden
from ..domain.lookups import FacilityNotFound
from ..i18n import page_language
from ..services.auth import FACILITY_ADMIN
from ..staff_session import sign_out, try_sign_in
from . import gate

bp = Blueprint("admin", __name__, url_prefix="/admin", template_folder="templates",
               static_folder="static")


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


@bp.get("/offices")
def offices() -> ResponseReturnValue:
    """The city's offices (OPD) and their staff: the deployment's admin only (the
    refusal page, 403, for anyone else)."""
    who = gate.signed_in()
    if who is None:
        return _login_page()
    opened = gate.open_list(who)
    return render_template("admin/offices.html", lang=page_language(), opened=opened)


def _lang_arg() -> dict[str, Any]:
    return {"lang": "en"} if page_language() == "en" else {}


@bp.post("/login")
def login() -> ResponseReturnValue:
    """The sign-in form: a session cookie, then back to `/admin` (in the same language)."""
    refused = try_sign_in()
    if refused is not None:
        page, status = _login_page(refused.message, refused.status, refused.username)
        return page, status, refused.headers
    return redirect(url_for("admin.index", **_lang_arg()), code=303)


@bp.post("/logout")
def logout() -> ResponseReturnValue:
    """End this login (and its open sockets) and forget the cookie."""
    sign_out()
    return redirect(url_for("admin.index", **_lang_arg()), code=303)
