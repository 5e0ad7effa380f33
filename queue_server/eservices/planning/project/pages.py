"""e-Project's staff page `/paket`: an office's approved budget lines with the amount
left, a form to split a line into a package, and its packages (draft ones can be marked
ready for procurement; draft and planned ones changed: title, value, schedule, payment
plan). Sign-in and sign-out are the budgeting page's."""

from __future__ import annotations

import math
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
from . import changes, views
from . import packages as use
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


def _termins(text: str) -> list[dict[str, Any]] | None:
    """The payment plan's textarea, one termin a line `YYYY-MM percent` (e.g.
    `2027-04 40`); empty: None (the plan held is kept). PlanInvalid (422) otherwise."""
    rows = [line.split() for line in text.splitlines() if line.strip()][:48]
    if not rows:
        return None
    try:
        percents = [float(row[1].rstrip("%").replace(",", ".")) if len(row) == 2
                    else math.nan for row in rows]
        if not all(math.isfinite(p) for p in percents):
            raise ValueError("a termin line without a month and a percent")
        return [{"termin": n, "month": row[0], "percent": percent}
                for n, (row, percent) in enumerate(zip(rows, percents, strict=True), 1)]
    except ValueError as exc:
        raise PlanInvalid("tulis tiap termin satu baris: bulan TTTT-BB lalu persen",
                          "write one termin a line: the month YYYY-MM, then the percent"
                          ) from exc


def _change() -> changes.PackageChange:
    form = request.form
    try:
        return changes.PackageChange(
            title=form.get("title", "")[:300], value=int(form.get("value", "").replace(
                ".", "")), starts=date.fromisoformat(form.get("starts", "")),
            ends=date.fromisoformat(form.get("ends", "")),
            payment_plan=_termins(form.get("payment_plan", "")[:4000]))
    except ValueError as exc:
        raise PlanInvalid("isi judul, nilai (rupiah bulat) dan tanggal jadwal",
                          "fill in the title, the value (whole rupiah) and the schedule's "
                          "dates") from exc


@pages.post("/paket/<string:code>/ubah")
def change(code: str) -> ResponseReturnValue:
    """The change form of a draft or planned package (changes.change); a refusal shows
    the page again with the message."""
    who = signed_in()
    if who is None:
        return login_page("paket", status=401)
    csrf.protect()
    rt = current()
    try:
        changes.change(rt.uow(), rt.clock, who, code[:40], _change())
    except DomainError as exc:
        return _page(who, said(exc), status_of(exc))
    return redirect(url_for("project_pages.packages", done=code[:40], **lang_args()),
                    code=303)
