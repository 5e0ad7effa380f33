"""The staff console pages: log in with a form, then one live page per counter."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from ..edge.screening import RefusedInput
from ..i18n import page_language
from ..staff_session import sign_out, signed_in, try_sign_in

bp = Blueprint("console", __name__, url_prefix="/console", template_folder="templates",
               static_folder="static")

def _lang() -> str:
    return page_language()


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
    who = signed_in()
    if who is None:
        return _login_page()
    return render_template("console/console.html", lang=_lang(), user=who.name)


@bp.post("/login")
def login() -> ResponseReturnValue:
    refused = try_sign_in()
    if refused is not None:
        page, status = _login_page(refused.message, refused.status, refused.username)
        return page, status, refused.headers
    return redirect(url_for("console.page", **_kept()), code=303)


@bp.post("/logout")
def logout() -> ResponseReturnValue:
    sign_out()
    return redirect(url_for("console.page"), code=303)
