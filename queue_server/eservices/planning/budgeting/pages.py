"""e-Budgeting's staff page `/anggaran`: an office's budget lines with their flags (the
agency sees every office's) and the agency's approve or reject with a reason (the forms
that make lines, load standard costs and set ceilings: pages_forms.py); the sign-in
and sign-out of the planning staff pages (`/paket` uses them too)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from queue_server.domain.errors import DomainError
from queue_server.i18n import page_language
from queue_server.runtime import csrf, current
from queue_server.staff_session import sign_out, signed_in, try_sign_in

from . import decisions, pages_view
from .pages_common import PAGES, lang_args, login_page, said, status_of

pages = Blueprint("budgeting_pages", __name__, template_folder="templates",
                  static_folder="static", static_url_path="/anggaran/static")


@pages.get("/anggaran")
def lines() -> ResponseReturnValue:
    """The lines the signed-in member reads (views.lines), the office's forms to make a
    line, and the agency's forms (decisions, standard costs, ceilings)."""
    who = signed_in()
    if who is None:
        return login_page("anggaran")
    return pages_view.render(who, notice=request.args.get("done", ""))


@pages.post("/anggaran/<int:line_id>/putusan")
def decide(line_id: int) -> ResponseReturnValue:
    """The agency's decision form: approve or reject with the reason (decisions.decide);
    a refusal shows the page again with the message."""
    who = signed_in()
    if who is None:
        return login_page("anggaran", status=401)
    csrf.protect()
    rt = current()
    try:
        decisions.decide(rt.uow(), rt.clock, who, line_id,
                         request.form.get("decision") == "approve",
                         request.form.get("reason", "")[:2000])
    except DomainError as exc:
        return render_template("budgeting/refused.html", lang=page_language(),
                               message=said(exc), user=who.name,
                               back=url_for("budgeting_pages.lines", **lang_args())
                               ), status_of(exc)
    return redirect(url_for("budgeting_pages.lines", done=str(line_id), **lang_args()),
                    code=303)


@pages.post("/anggaran/masuk")
def login() -> ResponseReturnValue:
    """The sign-in form: a session cookie, then the page it was shown on."""
    back = request.args.get("back", "")
    back = back if back in PAGES else "anggaran"
    refusal = try_sign_in()
    if refusal is not None:
        page: Any = login_page(back, refusal.message, refusal.status, refusal.username)
        return page[0], page[1], refusal.headers
    return redirect(url_for(PAGES[back], **lang_args()), code=303)


@pages.post("/anggaran/keluar")
def logout() -> ResponseReturnValue:
    """End this login and forget the cookie; back to the sign-in form."""
    sign_out()
    return redirect(url_for("budgeting_pages.lines", **lang_args()), code=303)
