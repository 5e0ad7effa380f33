"""The shared public page of a case of any e-service module, `/c/{code}` (the tracking
code a citizen gets), and the photos it shows (services/case_page.py)."""

from __future__ import annotations

from typing import Any

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    url_for,
)
from flask.typing import ResponseReturnValue

from ..domain import survey
from ..domain.codes import normalise_code
from ..edge import code_guard
from ..edge.code_guard import CodeProbing
from ..edge.screening import RefusedInput, refused_page
from ..eservices import hooks
from ..persistence.case_file_store import file_store
from ..runtime import current
from ..services import case_page
from ..services.cases import CaseNotFound

bp = Blueprint("casepage", __name__, template_folder="templates", static_folder="static",
               static_url_path="/casepage/static")
# The owner's page and photos: never indexed, never stored by a browser or proxy cache
# (RFC 9111 `no-store`: a shared computer's history or a proxy keeps no copy of them).
NOINDEX = {"X-Robots-Tag": "noindex", "Cache-Control": "private, no-store"}


def _lang() -> str:
    return "en" if request.args.get("lang") == "en" else "id"


def _unknown() -> ResponseReturnValue:
    code_guard.count_miss()  # CodeProbing (the busy page) once a caller has too many
    return render_template("casepage/unknown.html", lang=_lang()), 404, NOINDEX


@bp.get("/c/<path:code>", merge_slashes=False)
def case(code: str) -> ResponseReturnValue:
    """A case's page for the holder of its tracking code (its owner: never indexed); a
    code typed in another form is sent on to its own address."""
    given, code = code, normalise_code(code)
    if code and given != code:
        values: dict[str, Any] = {**request.args.to_dict(), "code": code}
        return redirect(url_for("casepage.case", **values), code=308)
    rt, lang = current(), _lang()
    try:
        shown = case_page.public_case(rt.uow(write=False), hooks(current_app, "case_kinds"),
                                      code, current_app.config.get("CITY_TIMEZONE",
                                                                   "Asia/Jakarta"), lang)
    except CaseNotFound:
        return _unknown()
    page = render_template("casepage/case.html", case=shown, lang=lang,
                           survey_subject="case", survey_code=shown["code"],
                           survey_elements=survey.ELEMENTS, survey_hidden=False)
    return page, 200, NOINDEX


@bp.get("/c/<path:code>/files/<int:file_id>", merge_slashes=False)
def case_file(code: str, file_id: int) -> ResponseReturnValue:
    """A photo the case's public page lists; 404 for any other file of the case."""
    rt = current()
    try:
        found = case_page.public_file(rt.uow(write=False), hooks(current_app, "case_kinds"),
                                      normalise_code(code), file_id,
                                      file_store(current_app.instance_path))
    except CaseNotFound:
        return _unknown()
    if found is None:
        abort(404)
    content_type, data = found
    return Response(data, mimetype=content_type, headers={
        **NOINDEX, "X-Content-Type-Options": "nosniff", "Content-Disposition": "inline"})


@bp.errorhandler(CodeProbing)
def probing(exc: CodeProbing) -> ResponseReturnValue:
    """Too many unknown codes from this caller: a readable page, 429 with Retry-After."""
    page = render_template("patient/busy.html", lang=_lang(), retry_after=exc.retry_after)
    return page, 429, {"Retry-After": str(exc.retry_after)}


@bp.errorhandler(RefusedInput)
def refused(exc: RefusedInput) -> ResponseReturnValue:
    """Unreadable input in the page's address (queue_server/edge/screening.py)."""
    return refused_page(exc, "patient/bad_input.html")
