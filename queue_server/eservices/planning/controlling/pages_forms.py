"""e-Controlling's staff forms on a package's page (`/controlling/paket/{code}`): the
provider's monthly report (month, physical and financial percent, spent, note, 1–5
photos; multipart, no script needed) and the PPK's approval or return (with a reason)
of a waiting report. Routes parse, call one use case of progress.py and map its named
errors: a refusal is said next to the field it concerns, the page answered with the
error's status (422, 409, 403, 404)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, redirect, request, url_for
from flask.typing import ResponseReturnValue

from queue_server.domain.errors import DomainError, InvalidInput
from queue_server.edge.uploads import takes_files
from queue_server.runtime import csrf, current
from queue_server.services import case_files
from queue_server.services.auth import Principal
from queue_server.services.cases import city_today
from queue_server.staff_session import signed_in

from ..budgeting.pages_common import status_of
from . import progress, public, store
from .api import tz
from .errors import PackageNotFound
from .rules import FINANCIAL, thresholds

forms = Blueprint("controlling_forms", __name__, template_folder="templates")

# Which field of the report form a refusal concerns (by the error's code); any other
# refusal is said above the form.
FIELD_OF = {"controlling_invalid_month": "month", "controlling_month_in_future": "month",
            "controlling_month_before_start": "month", "controlling_report_final": "month",
            "controlling_spent_above_value": "spent", "pages18g_spent_invalid": "spent",
            "controlling_photo_count": "photos", "file_empty": "photos",
            "file_too_large": "photos", "file_type_refused": "photos",
            "too_many_files": "photos", "controlling_reason_required": "reason"}
REPORT_FIELDS = ("month", "physical", "financial", "spent", "note")


class SpentInvalid(InvalidInput):
    """The amount spent is not a whole number of rupiah (dots between thousands
    allowed)."""

    code = "pages18g_spent_invalid"
    text_id = "Tuliskan realisasi biaya dalam rupiah, angka saja (titik ribuan boleh)."
    text_en = "Write the amount spent in rupiah, digits only (dots between thousands allowed)."


def field_of(exc: DomainError) -> str:
    """The form field a refusal is said next to (`form`: above the form)."""
    if exc.code in ("controlling_percent_out_of_range", "controlling_progress_decreased"):
        return "financial" if exc.values.get("what") == FINANCIAL else "physical"
    return FIELD_OF.get(exc.code, "form")


def said(exc: DomainError) -> str:
    """A named error's message in the page's language."""
    from queue_server.i18n import page_language

    return exc.message_en if page_language() == "en" else exc.message


def package_page(who: Principal, code: str, status: int = 200,
                 **extra: Any) -> ResponseReturnValue:
    """The package's staff page (public.staff_view) with the forms' state `extra`
    (`errors` {field: message}, `sent` form values, `decided` {report id: message})."""
    from .pages import keep, page

    rt = current()
    try:
        seen = public.staff_view(rt.uow(write=False), who, code, city_today(rt.clock, tz()),
                                 thresholds(current_app.config))
    except DomainError as exc:
        return page("controlling/refused.html", who, status_of(exc), message=said(exc))
    extra.setdefault("errors", {})
    extra.setdefault("sent", {})
    extra.setdefault("decided", {})
    return page("controlling/package.html", who, status, p=seen, curve=seen["curve"],
                curve_chart=url_for("controlling_pages.public_chart", code=code, **keep()),
                **extra)


def _contract_id(code: str) -> int:
    """The id of package `code`'s contract (PackageNotFound 404 without one)."""
    with current().uow(write=False) as uow:
        package = store.package_by_code(uow, code[:40])
        contract = store.contract_of(uow, package.id) if package is not None else None
        if contract is None:
            raise PackageNotFound(code[:40])
        return int(contract.id)


def _spent(text: str) -> int:
    digits = text.replace(".", "").replace(" ", "").strip()
    if not digits:
        return 0
    if not digits.isdigit() or len(digits) > 15:
        raise SpentInvalid()
    return int(digits)


def _sent() -> progress.ReportIn:
    """The report form's fields as progress.ReportIn (decimal commas read as points;
    empty file inputs left out)."""
    form = request.form
    photos = [f.read() for f in request.files.getlist("photos") if f.filename]
    return progress.ReportIn(month=form.get("month", "")[:7],
                             physical=form.get("physical", "").replace(",", ".")[:12],
                             financial=form.get("financial", "").replace(",", ".")[:12],
                             spent=_spent(form.get("spent", "")[:30]),
                             note=form.get("note", "")[:2000], photos=photos)


@forms.post("/controlling/paket/<code>/laporan")
@takes_files(progress.MAX_PHOTOS)
def report(code: str) -> ResponseReturnValue:
    """The provider's monthly report (progress.submit); back to the page on success."""
    who = signed_in()
    if who is None:
        return redirect(url_for("controlling_pages.dashboard"), code=303)
    csrf.protect()
    rt = current()
    try:
        progress.submit(rt.uow(), rt.clock, progress.photo_store(current_app.instance_path),
                        tz(), who, _contract_id(code), _sent(),
                        case_files.max_bytes(current_app.config))
    except DomainError as exc:
        sent = {k: request.form.get(k, "")[:200] for k in REPORT_FIELDS}
        return package_page(who, code, status_of(exc), errors={field_of(exc): said(exc)},
                            sent=sent)
    from .pages import keep

    return redirect(url_for("controlling_pages.package", code=code[:40], done="report",
                            **keep()) + "#h-reports", code=303)


@forms.post("/controlling/paket/<code>/laporan/<int:report_id>/putusan")
def decide(code: str, report_id: int) -> ResponseReturnValue:
    """The PPK approves or returns (with a reason) a waiting report (progress.decide)."""
    who = signed_in()
    if who is None:
        return redirect(url_for("controlling_pages.dashboard"), code=303)
    csrf.protect()
    rt = current()
    approve = request.form.get("decision") == "approve"
    try:
        progress.decide(rt.uow(), rt.clock, who, report_id if store.fits(report_id) else 0,
                        approve, request.form.get("reason", "")[:500])
    except DomainError as exc:
        return package_page(who, code, status_of(exc), decided={report_id: said(exc)})
    from .pages import keep

    return redirect(url_for("controlling_pages.package", code=code[:40],
                            done="approved" if approve else "returned", **keep())
                    + "#h-waiting", code=303)
