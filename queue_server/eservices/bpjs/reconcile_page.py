"""The reconciliation page (`/bpjs/rekonsiliasi`): a facility and a day chosen with a
form, per poli our task times against BPJS's, and per visit what is still queued or was
refused; signed in with the session cookie, like the reports page. The CSV is the API's
own route (`GET /api/v1/bpjs/reconciliation?format=csv`, read with the cookie)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from queue_server.domain.errors import DomainError
from queue_server.domain.report_range import read_day
from queue_server.i18n import page_language
from queue_server.runtime import current
from queue_server.services import reports
from queue_server.staff_session import sign_out, signed_in, try_sign_in

from .client import client_from_config
from .reconcile import STAGES
from .reconcile_read import reconciliation

bp = Blueprint("bpjs_reconcile_page", __name__, url_prefix="/bpjs/rekonsiliasi",
               template_folder="templates", static_folder="static",
               static_url_path="/static")
STATUS = {"forbidden": 403, "not_found": 404, "unauthorized": 401, "invalid": 422}


def _said(exc: DomainError) -> str:
    return exc.message_en if page_language() == "en" else exc.message


def _login(error: str | None = None, status: int = 200,
           username: str = "") -> tuple[str, int]:
    return render_template("bpjs/reconcile_login.html", lang=page_language(), error=error,
                           username=username), status


def _keep() -> dict[str, Any]:
    return {"lang": "en"} if page_language() == "en" else {}


@bp.get("")
def page() -> ResponseReturnValue:
    """The page (sign-in form when signed out; a refusal, 403, for a role without
    reports; the form with the message for a bad date or facility)."""
    who = signed_in()
    if who is None:
        return _login()
    rt, lang = current(), page_language()
    try:
        facilities = reports.choices(rt.uow(write=False), who)
    except DomainError as exc:
        return render_template("bpjs/reconcile_refused.html", lang=lang, user=who.name,
                               message=_said(exc)), STATUS.get(exc.kind, 403)
    facility = request.args.get("facility", "").strip() or (
        facilities[0].code if facilities else "")
    error, status, data = None, 200, None
    try:
        day_text = request.args.get("date", "").strip()
        day = read_day("date", day_text) if day_text else None
        data = reconciliation(rt.uow, rt.clock, who, facility, day,
                              client_from_config(current_app.config))
    except DomainError as exc:
        error, status = _said(exc), STATUS.get(exc.kind, 422)
    csv = (url_for("bpjs_outbox.reconcile", facility=data["facility"], date=data["date"],
                   format="csv") if data else None)
    return render_template("bpjs/reconcile.html", lang=lang, user=who.name,
                           facilities=facilities, facility=facility, data=data,
                           error=error, csv=csv, stages=STAGES), status


@bp.post("/masuk")
def login() -> ResponseReturnValue:
    refused = try_sign_in()
    if refused is not None:
        shown, status = _login(refused.message, refused.status, refused.username)
        return shown, status, refused.headers
    return redirect(url_for("bpjs_reconcile_page.page", **_keep()), code=303)


@bp.post("/keluar")
def logout() -> ResponseReturnValue:
    sign_out()
    return redirect(url_for("bpjs_reconcile_page.page", **_keep()), code=303)
