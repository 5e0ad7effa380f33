"""SSW's pages for applicants: the permit catalogue (`/ssw`: documents required, fee in
rupiah, working days, validity, whether inspected) and the application form
(`/ssw/ajukan/{type}`, a plain form posted with its CSRF token to applications.apply;
wrong fields marked where they are; the answer gives the tracking code and `/c/{code}`,
the applicant's secret). The owner's re-upload page is in pages_owner.py, the staff's
pages in pages_staff.py and pages_case.py."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Flask, current_app, render_template
from flask.typing import ResponseReturnValue

from queue_server.domain.errors import DomainError
from queue_server.i18n import page_language
from queue_server.persistence.case_file_store import file_store
from queue_server.runtime import csrf, current
from queue_server.services.case_files import max_bytes

from .applications import apply
from .catalogue import permit_type, permit_types
from .models import SswPermitType
from .pages_form import read_form
from .pages_words import rupiah

bp = Blueprint("ssw_pages", __name__, url_prefix="/ssw", template_folder="templates",
               static_folder="static")
STATUS = {"forbidden": 403, "not_found": 404, "unauthorized": 401, "rate_limited": 429,
          "conflict": 409, "invalid": 422}


def said(exc: DomainError) -> str:
    """A named error's message in the page's language."""
    return exc.message_en if page_language() == "en" else exc.message


def status_of(exc: DomainError) -> int:
    """The HTTP status of a named error's kind (422 when unknown)."""
    return STATUS.get(exc.kind, 422)


def city_zone() -> str:
    """The city's time zone (app config `CITY_TIMEZONE`), for dates and working days."""
    return str(current_app.config.get("CITY_TIMEZONE", "Asia/Jakarta"))


def lang_args() -> dict[str, Any]:
    """`{"lang": "en"}` on an English page (kept on its links), else nothing."""
    return {"lang": "en"} if page_language() == "en" else {}


def limit_mb() -> str:
    """The largest document a case takes, in MB as the page's language writes it."""
    text = f"{max_bytes(current_app.config) / (1024 * 1024):g}"
    return text if page_language() == "en" else text.replace(".", ",")


def permit_facts(permit: SswPermitType) -> dict[str, Any]:
    """A permit of the catalogue as its pages show it (names in the page's language)."""
    lang = page_language()
    en = lang == "en"
    return {"code": permit.code, "name": permit.name_en if en and permit.name_en else permit.name,
            "fee": rupiah(permit.fee, lang), "days": permit.days,
            "validity_months": permit.validity_months, "inspection": permit.inspection,
            "documents": [{"code": d["code"], "required": d.get("required", True),
                           "types": list(d.get("types") or []),
                           "name": d.get("name_en") if en and d.get("name_en") else d.get("name")}
                          for d in permit.documents or []]}


@bp.get("")
def catalogue() -> ResponseReturnValue:
    """The permit catalogue: every active permit with what it asks and takes."""
    with current().uow(write=False) as uow:
        listed = [permit_facts(p) for p in permit_types(uow, active_only=True)]
    return render_template("ssw/catalogue.html", lang=page_language(), permits=listed,
                           max_mb=limit_mb())


def _permit(code: str) -> dict[str, Any] | None:
    try:
        with current().uow(write=False) as uow:
            return permit_facts(permit_type(uow, code))
    except DomainError:
        return None


def _form(permit: dict[str, Any], values: dict[str, str] | None = None,
          errors: dict[str, str] | None = None, error: str | None = None,
          status: int = 200) -> ResponseReturnValue:
    return render_template("ssw/apply.html", lang=page_language(), permit=permit,
                           values=values or {"applicant_kind": "person"},
                           errors=errors or {}, error=error, max_mb=limit_mb()), status


@bp.get("/ajukan/<code>")
def apply_form(code: str) -> ResponseReturnValue:
    """The application form of permit `code` (404 page for an unknown one)."""
    permit = _permit(code)
    if permit is None:
        return render_template("ssw/missing.html", lang=page_language()), 404
    return _form(permit)


@bp.post("/ajukan/<code>")
def apply_post(code: str) -> ResponseReturnValue:
    """The application posted: checked here field by field (422 with each wrong field
    marked), then applications.apply (its refusal said above the form); the answer page
    with the tracking code (201)."""
    csrf.protect()
    permit = _permit(code)
    if permit is None:
        return render_template("ssw/missing.html", lang=page_language()), 404
    form = read_form(permit, max_bytes(current_app.config))
    if form.errors or form.application is None:
        return _form(permit, form.values, form.errors, None, 422)
    rt = current()
    try:
        case = apply(rt.uow(), rt.clock, form.application, form.files,
                     file_store(current_app.instance_path), current_app.config)
    except DomainError as exc:
        return _form(permit, form.values, form.field_errors(exc), said(exc), status_of(exc))
    return render_template("ssw/applied.html", lang=page_language(), permit=permit,
                           code=case.code, confirmed=bool(case.confirmed)), 201


def register_pages(app: Flask) -> None:
    """Add SSW's pages (applicants', owner's and staff's) to `app`."""
    from . import pages_case, pages_owner, pages_staff  # noqa: F401  (their routes on `bp`)

    app.register_blueprint(bp)
