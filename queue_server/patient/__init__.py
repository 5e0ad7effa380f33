"""Pages for patients: follow a ticket live at /t/{code} (the QR on every ticket)."""

from __future__ import annotations

from flask import Blueprint, render_template, request
from flask.typing import ResponseReturnValue

from ..domain.codes import normalise_code
from ..runtime import current

bp = Blueprint("patient", __name__, template_folder="templates", static_folder="static",
               static_url_path="/patient/static")


@bp.get("/t/<code>")
def follow(code: str) -> ResponseReturnValue:
    rt = current()
    code = normalise_code(code)
    with rt.uow(write=False) as uow:
        visit = uow.tickets.visit_by_code(code)
        found = visit is not None and bool(visit.tickets)
    lang = "en" if request.args.get("lang") == "en" else "id"
    if not found:
        return render_template("patient/unknown.html", lang=lang), 404
    return render_template("patient/ticket.html", code=code, lang=lang)
