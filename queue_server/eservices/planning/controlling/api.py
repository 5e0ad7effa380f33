"""e-Controlling's API (`/api/v1/controlling/...`): the provider's monthly reports (JSON
or multipart with photos), the PPK's decisions, photos, the dashboard (JSON or CSV), a
package's progress for its readers and for anyone."""

from __future__ import annotations

from typing import Any

from flask import Response, current_app, jsonify, request
from flask_babel import gettext  # type: ignore[import-untyped]
from flask_smorest import Blueprint

from mobile_api.auth import principal
from queue_server.edge.uploads import takes_files
from queue_server.runtime import current
from queue_server.services import case_files
from queue_server.services.auth import Principal
from queue_server.services.cases import city_today

from ...wadul.api import read_body
from . import dashboard, progress, public
from .api_schemas import (
    ControllingDashboardOut,
    ControllingDashboardQuery,
    ControllingDecisionBody,
    ControllingPackageOut,
    ControllingReportBody,
    ControllingReportOut,
)
from .errors import READ_ANY, ControllingForbidden
from .rules import thresholds

blp = Blueprint("controlling", __name__, url_prefix="/api/v1/controlling",
                description="e-Controlling: monthly progress of contracts, the dashboard")
STAFF: list[dict[str, list[str]]] = [{"bearer": []}]
MULTIPART = {"schema": {"type": "object", "properties": {
    "photos": {"type": "array", "items": {"type": "string", "format": "binary"},
               "minItems": 1, "maxItems": progress.MAX_PHOTOS}},
    "description": "the JSON body's fields as form fields; 1-5 photos (JPEG, PNG), kept "
                   "without their metadata"}}
BINARY = {"schema": {"type": "string", "format": "binary"}}
CSV_WORDS = ("spent", "paid", "days_late", "late_penalty")  # columns named in words


def tz() -> str:
    """The city's time zone (app config CITY_TIMEZONE)."""
    return str(current_app.config.get("CITY_TIMEZONE", "Asia/Jakarta"))


def _staff() -> Principal:
    who = principal()
    if who.kind != "staff":
        raise ControllingForbidden(READ_ANY)
    return who


def _private(response: Response) -> Response:
    response.headers["Cache-Control"] = "private, no-store"
    return response


@blp.post("/contracts/<int:contract_id>/reports")
@takes_files(progress.MAX_PHOTOS)
@blp.doc(security=STAFF, requestBody={"required": True, "content": {
    "application/json": {"schema": ControllingReportBody},
    "multipart/form-data": MULTIPART}})
@blp.response(201, ControllingReportOut)
def report(contract_id: int) -> Response:
    """The provider reports a month of the contract: `month` (YYYY-MM), `physical` and
    `financial` (cumulative percent), `spent` (rupiah, cumulative), `note`, 1-5
    `photos` (multipart). A resend of a waiting (or returned) month replaces it.
    Errors: 404 `controlling_contract_not_found`; 403 `controlling_forbidden` (not the
    contract's provider); 409 `controlling_contract_not_running`,
    `controlling_report_final` (an approved month, or one before it); 422
    `controlling_invalid_month`, `controlling_month_in_future`,
    `controlling_month_before_start`, `controlling_percent_out_of_range`,
    `controlling_progress_decreased`, `controlling_spent_above_value`,
    `controlling_photo_count`, and the file errors."""
    who = _staff()
    body, photos = read_body(ControllingReportBody())
    rt = current()
    done = progress.submit(rt.uow(), rt.clock, progress.photo_store(current_app.instance_path),
                           tz(), who, contract_id, progress.ReportIn(**body, photos=photos),
                           case_files.max_bytes(current_app.config))
    response = jsonify(done)
    response.status_code = 201
    return _private(response)


@blp.post("/reports/<int:report_id>/decision")
@blp.doc(security=STAFF)
@blp.arguments(ControllingDecisionBody())
@blp.response(200, ControllingReportOut)
def decide(body: dict[str, Any], report_id: int) -> Response:
    """The package's office's PPK approves (`approve`: an OCDS implementation release)
    or returns (`return`, with a `reason`) a waiting report. Errors: 404
    `controlling_report_not_found`; 403 `controlling_forbidden`; 409
    `controlling_report_not_pending`; 422 `controlling_reason_required`."""
    who = _staff()
    rt = current()
    return _private(jsonify(progress.decide(rt.uow(), rt.clock, who, report_id,
                                            body["decision"] == "approve", body["reason"])))


@blp.get("/photos/<int:photo_id>")
@blp.doc(responses={"200": {"description": "the photo (JPEG or PNG), without metadata",
                            "content": {"image/jpeg": BINARY, "image/png": BINARY}}})
def photo(photo_id: int) -> Response:
    """A progress photo: anyone's once its report is approved; before, the package's
    office, the provider, the planning agency and the admin (bearer or session). 404
    `controlling_photo_not_found`; 403 `controlling_forbidden`."""
    who = principal() if _credentials() else None
    rt = current()
    content_type, data = progress.photo(rt.uow(write=False),
                                        progress.photo_store(current_app.instance_path),
                                        who, photo_id)
    return _private(Response(data, mimetype=content_type))


def _credentials() -> bool:
    from flask import session

    return bool(request.headers.get("Authorization") or session.get("token"))


@blp.get("/dashboard")
@blp.doc(security=STAFF)
@blp.arguments(ControllingDashboardQuery(), location="query")
@blp.response(200, ControllingDashboardOut)
@blp.alt_response(200, content_type="text/csv", description="format=csv: one row a package",
                  success=True, schema={"type": "string"})
def show_dashboard(args: dict[str, Any]) -> Response:
    """Contracted packages with planned vs actual physical progress, deviation, flags
    (`late`, `overspent`, `stalled`; thresholds from app config), totals per office and
    kecamatan (value-weighted) and the curve; `office`/`kecamatan` narrow it;
    `format=csv` for CSV (the money columns headed in words, `lang=en` in English:
    provider-reported spending is not money paid). Offices' people: their offices; the
    planning agency, admin and city: all."""
    rt = current()
    result = dashboard.dashboard(rt.uow(write=False), _staff(), city_today(rt.clock, tz()),
                                 thresholds(current_app.config), args["office"],
                                 args["kecamatan"])
    if args["format"] != "csv":
        return _private(jsonify(result))
    labels = {key: gettext(f"fix18k.csv_{key}") for key in CSV_WORDS}
    return _private(Response(dashboard.dashboard_csv(result, labels), mimetype="text/csv",
                             headers={
        "Content-Disposition": f'attachment; filename="controlling-{result["today"]}.csv"'}))


@blp.get("/packages/<string:code>")
@blp.doc(security=STAFF)
@blp.response(200, ControllingPackageOut)
def package(code: str) -> Response:
    """A package's progress for its readers: facts, contract, curve, every report with
    state and reason. 404 `controlling_package_not_found`; 403 `controlling_forbidden`."""
    rt = current()
    return _private(jsonify(public.staff_view(rt.uow(write=False), _staff(), code,
                                              city_today(rt.clock, tz()),
                                              thresholds(current_app.config))))


@blp.get("/public/packages/<string:code>")
@blp.response(200, ControllingPackageOut)
def public_package(code: str) -> Response:
    """A package's progress for anyone: facts, contract value, provider (a company),
    termins paid, curve, approved months with photos. 404
    `controlling_package_not_found`."""
    rt = current()
    return jsonify(public.public_view(rt.uow(write=False), code, city_today(rt.clock, tz()),
                                      thresholds(current_app.config)))
