"""e-Project's staff page `/paket`: an office's approved budget lines with the amount
left, a form to split a line into a package, and its packages (draft ones can be marked
ready for procurement). Sign-in and sign-out are the budgeting page's."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import Blueprint, current_app, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from queue_server.domain.errors import DomainError
from queue_server.i18n import page_language
from queue_server.runtime import csrf, current
from queue_server.staff_session import signed_in

from ..budgeting import views as budget_views
from ..budgeting.pages_common import lang_args, login_page, rupiah, said, status_of
from . import packages as use
from . import views
from .errors import PlanInvalid
from .methods import CATEGORIES

pages = Blueprint("project_pages", __name__, template_folder="templates")


def _page(who: Any, error: str = "", status: int = 200) -> ResponseReturnValue:
    rt = current()
    lines = [line for line in budget_views.lines(rt.uow(write=False), who, state="approved")]
    return render_template("project/packages.html", lang=page_language(), user=who.name,
                           lines=lines, items=views.listed(rt.uow(write=False), who),
                           categories=CATEGORIES, rupiah=rupiah, error=error,
                           notice=request.args.get("done", "")), status


@pages.get("/paket")
def packages() -> ResponseReturnValue:
    """The caller's offices' lines and packages (the agency and admin: all)."""
    who = signed_in()
    if who is None:
        return login_page("paket")
    try:
        return _page(who)
    except DomainError as exc:
        return render_template("budgeting/refused.html", lang=page_language(),
                               message=said(exc), user=who.name), status_of(exc)


def _asked() -> use.NewPackage:
    form = request.form
    try:
        return use.NewPackage(
            line=int(form.get("line", "")), title=form.get("title", "")[:300],
            value=int(form.get("value", "").replace(".", "")),
            category=form.get("category", ""), method=form.get("method", ""),
            starts=date.fromisoformat(form.get("starts", "")),
            ends=date.fromisoformat(form.get("ends", "")))
    except ValueError as exc:
        raise PlanInvalid("isi baris, nilai (rupiah bulat) dan tanggal jadwal",
                          "fill in the line, the value (whole rupiah) and the schedule's "
                          "dates") from exc


@pages.post("/paket")
def add() -> ResponseReturnValue:
    """The split form: a draft package (packages.add); a refusal shows the page again
    with the message (the amount left among it)."""
    who = signed_in()
    if who is None:
        return login_page("paket", status=401)
    csrf.protect()
    rt = current()
    try:
        code = use.add(rt.uow(), rt.clock, current_app.config, who, _asked())
    except DomainError as exc:
        return _page(who, said(exc), status_of(exc))
    return redirect(url_for("project_pages.packages", done=code, **lang_args()), code=303)


@pages.post("/paket/<string:code>/<any(plan, cancel):action>")
def act(code: str, action: str) -> ResponseReturnValue:
    """Mark a draft package ready for procurement, or cancel one (packages.act)."""
    who = signed_in()
    if who is None:
        return login_page("paket", status=401)
    csrf.protect()
    rt = current()
    try:
        use.act(rt.uow(), rt.clock, who, code, action)
    except DomainError as exc:
        return _page(who, said(exc), status_of(exc))
    return redirect(url_for("project_pages.packages", done=code, **lang_args()), code=303)
