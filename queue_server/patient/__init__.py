"""Pages for patients: follow a ticket live at /t/{code} (the QR on every ticket)."""

from __future__ import annotations

from flask import (
    Blueprint,
    jsonify,
    redirect,
    render_template,
    request,
    send_from_directory,
    url_for,
)
from flask.typing import ResponseReturnValue

from ..domain import survey
from ..domain.codes import normalise_code
from ..edge import code_guard
from ..edge.code_guard import CodeProbing
from ..edge.screening import RefusedInput, refused_page
from ..runtime import current
from ..services import surveys

bp = Blueprint("patient", __name__, template_folder="templates", static_folder="static",
               static_url_path="/patient/static")


@bp.get("/t/<path:code>", merge_slashes=False)
def follow(code: str) -> ResponseReturnValue:
    """A ticket's live page; a code typed in another form is sent on to its own address."""
    rt = current()
    given, code = code, normalise_code(code)
    if code and given != code:
        return redirect(url_for("patient.follow", code=code, **request.args), code=308)
    with rt.uow(write=False) as uow:
        visit = uow.tickets.visit_by_code(code)
        found = visit is not None and bool(visit.tickets)
        # The satisfaction survey: "open" once the visit is over, "later" while it goes
        # on (the page shows it when the live view says so), "given" once sent.
        offer = surveys.offer(uow, "visit", code) if found else "given"
    lang = "en" if request.args.get("lang") == "en" else "id"
    if not found:
        code_guard.count_miss()  # CodeProbing (the page below) once a caller has too many
        return render_template("patient/unknown.html", lang=lang), 404
    return render_template("patient/ticket.html", code=code, lang=lang, survey_offer=offer,
                           survey_subject="visit", survey_code=code,
                           survey_elements=survey.ELEMENTS, survey_hidden=offer != "open")


@bp.errorhandler(CodeProbing)
def probing(exc: CodeProbing) -> ResponseReturnValue:
    """Too many unknown codes from this caller: a readable page, 429 with Retry-After."""
    lang = "en" if request.args.get("lang") == "en" else "id"
    page = render_template("patient/busy.html", lang=lang, retry_after=exc.retry_after)
    return page, 429, {"Retry-After": str(exc.retry_after)}


@bp.errorhandler(RefusedInput)
def refused(exc: RefusedInput) -> ResponseReturnValue:
    """Unreadable input in a patient page's address (queue_server/edge/screening.py): a readable
    page in the patient pages' look."""
    return refused_page(exc, "patient/bad_input.html")


@bp.get("/book")
def book() -> ResponseReturnValue:
    lang = "en" if request.args.get("lang") == "en" else "id"
    return render_template("patient/book.html", lang=lang)


@bp.get("/manifest.webmanifest")
def manifest() -> ResponseReturnValue:
    """Lets a phone install the booking page like an app."""
    response = jsonify(
        name="Antrian Puskesmas", short_name="Antrian", lang="id", start_url="/book",
        scope="/", display="standalone", background_color="#eef3f1", theme_color="#0b6e4f",
        icons=[{"src": url_for("patient.static", filename=f"icon-{n}.png"),
                "sizes": f"{n}x{n}", "type": "image/png"} for n in (192, 512)],
    )
    response.mimetype = "application/manifest+json"
    return response


@bp.get("/sw.js")
def service_worker() -> ResponseReturnValue:
    """Served from the root so its scope covers /book and /t/."""
    response = send_from_directory(bp.static_folder, "sw.js", max_age=0)
    response.headers["Service-Worker-Allowed"] = "/"
    return response
