"""e-Surat's incoming letters API (/api/v1/surat/...): classification codes, the
incoming register (registration with a scan, list and search), the general letter view,
its scan and bundle, the retention schedule. Dispositions: api_dispositions.py. Every
answer about a letter asks access.may_read first."""

from __future__ import annotations

from typing import Any

from flask import Response, abort, current_app, jsonify, request
from flask_smorest import Blueprint
from marshmallow import ValidationError

from mobile_api.auth import principal
from queue_server.domain.admin_errors import AdminRoleOnly
from queue_server.edge.screening import takes_files
from queue_server.persistence.case_file_store import file_store
from queue_server.persistence.document_store import document_store
from queue_server.runtime import current
from queue_server.services.auth import ADMIN, Principal
from queue_server.services.cases import public_ref

from . import bundle, classification, incoming_register, retention
from .api_schemas_in import (
    SuratClassificationsOut,
    SuratIncomingBody,
    SuratListOut,
    SuratLoadedOut,
    SuratRegisteredOut,
    SuratRetentionOut,
    SuratRetentionQuery,
    SuratSearchQuery,
)
from .letters import general_view, locate

blp = Blueprint("surat_incoming", __name__, url_prefix="/api/v1/surat",
                description="e-Surat: incoming letters, dispositions, retention")
STAFF: list[dict[str, list[str]]] = [{"bearer": []}]
MULTIPART = {"schema": {"type": "object", "properties": {
    "scan": {"type": "string", "format": "binary"}},
    "description": "the JSON body's fields as form fields; `scan`: the letter as PDF or "
    "image (JPEG, PNG, WebP), typed by its bytes, at most 10 MiB"}}


def tz() -> str:
    """The city's time zone (app config CITY_TIMEZONE)."""
    return str(current_app.config.get("CITY_TIMEZONE", "Asia/Jakarta"))


def private(response: Response) -> Response:
    """Never stored by a browser or proxy: it holds a letter as a reader sees it."""
    response.headers["Cache-Control"] = "private, no-store"
    return response


def _body() -> tuple[dict[str, Any], tuple[bytes, str] | None]:
    scan = None
    if request.mimetype == "multipart/form-data":
        raw: Any = {k: v for k, v in request.form.items() if v != ""}
        upload = request.files.get("scan")
        if upload is not None and upload.filename:
            scan = (upload.read(), upload.filename)
        extra = {name: ["Unknown field."] for name in request.files if name != "scan"}
        if extra:
            abort(422, messages={"json": extra})
    else:
        raw = request.get_json(silent=True)
        if not isinstance(raw, dict):
            abort(422, messages={"json": {"_schema": ["send a JSON object"]}})
    try:
        return SuratIncomingBody().load(raw), scan
    except ValidationError as exc:
        abort(422, messages={"json": exc.normalized_messages()})


@blp.get("/classifications")
@blp.doc(security=STAFF)
@blp.response(200, SuratClassificationsOut)
def classifications() -> Response:
    """Every classification code with its retention (JRA): `code`, `title`,
    `active_years`, `inactive_years`, `disposition` (musnah / permanen / dinilai)."""
    principal()
    with current().uow(write=False) as uow:
        return jsonify({"items": [
            {"code": row.code, "title": row.title, "active_years": row.active_years,
             "inactive_years": row.inactive_years, "disposition": row.disposition}
            for row in classification.all_codes(uow)]})


@blp.put("/classifications")
@blp.doc(security=STAFF, requestBody={"required": True, "content": {"text/csv": {
    "schema": {"type": "string"}, "example": "code,title,active_years,inactive_years,"
    "disposition\n500.1,Ketahanan Pangan,2,3,musnah\n"}}})
@blp.response(200, SuratLoadedOut)
def load_classifications() -> Response:
    """Load classification codes from a CSV body (header
    `code,title,active_years,inactive_years,disposition`): added or updated by code,
    nothing written when a line is wrong (422 `invalid_config` naming the line). Admin
    only (403 `admin_only`)."""
    if principal().role != ADMIN:
        raise AdminRoleOnly("memuat kode klasifikasi", "load classification codes")
    text = request.get_data(as_text=True)
    return jsonify({"loaded": classification.load_csv(current().uow(), text)})


@blp.post("/incoming")
@takes_files(1, 10 * 1024 * 1024)
@blp.doc(security=STAFF, requestBody={"required": True, "content": {
    "application/json": {"schema": SuratIncomingBody}, "multipart/form-data": MULTIPART}})
@blp.response(201, SuratRegisteredOut)
def register() -> Response:
    """Register an incoming letter in the office's register: a clerk (TU) or the head of
    the office (403 `not_office_clerk`); the agenda number is the office's next of the
    year. Errors 422: `unknown_classification`, `invalid_letter`, `not_in_office`,
    `file_type_refused`, `file_too_large`, `file_empty`."""
    who = principal()
    fields, scan = _body()
    office = fields.pop("office")
    rt = current()
    row = incoming_register.register_as_clerk(
        rt.uow(), rt.clock, who, office, fields, scan, file_store(current_app.instance_path),
        tz())
    ref = f"SURAT-{row.case_id}"
    response = jsonify({"ref": ref, "agenda_number": row.agenda_number,
                        "agenda_year": row.agenda_year,
                        "links": {"self": f"/api/v1/surat/letters/{ref}",
                                  "page": f"/surat/{ref}"}})
    response.status_code = 201
    return private(response)


@blp.get("/incoming")
@blp.doc(security=STAFF)
@blp.arguments(SuratSearchQuery(), location="query")
@blp.response(200, SuratListOut)
def register_list(args: dict[str, Any]) -> Response:
    """The incoming register of the caller's offices with its search (`q` in the subject,
    sender or number; `year` of the agenda; `office`): only letters the caller may read
    (access classes), 50 a page, newest first."""
    who: Principal = principal()
    with current().uow(write=False) as uow:
        return private(jsonify(incoming_register.register_list(
            uow, who, incoming_register.Search(**args))))


@blp.get("/letters/<ref>")
@blp.doc(security=STAFF)
def letter(ref: str) -> Response:
    """A letter (incoming or outgoing) with its timeline, for those who may read it
    (403 `letter_forbidden`, 404 `case_not_found`)."""
    who = principal()
    with current().uow(write=False) as uow:
        return private(jsonify(general_view(uow, who, ref, tz())))


@blp.get("/letters/<ref>/scan")
@blp.doc(security=STAFF)
def scan(ref: str) -> Response:
    """The letter's scan (PDF or image), or the signed PDF it carries (an internal
    delivery, an outgoing letter), for those who may read it (404 `letter_has_no_pdf`
    without either)."""
    who = principal()
    with current().uow(write=False) as uow:
        case, row = locate(uow, who, ref)
        content_type, data = bundle.letter_pdf(
            uow, file_store(current_app.instance_path),
            document_store(current_app.instance_path), who, case, row)
    return private(Response(data, mimetype=content_type, headers={
        "Content-Disposition": f'inline; filename="{public_ref(case)}-scan"'}))


@blp.get("/letters/<ref>/bundle")
@blp.doc(security=STAFF)
def letter_bundle(ref: str) -> Response:
    """The letter's SRIKANDI bundle: a ZIP with `metadata.json` and its PDF (the scan,
    or the signed document of an outgoing letter), for those who may read it."""
    who = principal()
    with current().uow(write=False) as uow:
        data = bundle.bundle(uow, file_store(current_app.instance_path),
                             document_store(current_app.instance_path), who, ref, tz())
    return private(Response(data, mimetype="application/zip", headers={
        "Content-Disposition": f'attachment; filename="{ref.upper()}.zip"'}))


@blp.get("/retention")
@blp.doc(security=STAFF)
@blp.arguments(SuratRetentionQuery(), location="query")
@blp.response(200, SuratRetentionOut)
def retention_list(args: dict[str, Any]) -> Response:
    """The year's retention lists (JRA): `transfer` (active period ends) and `final`
    (inactive period ends, with the disposition), of the caller's offices as clerk or
    head (the admin: all; else 403 `retention_forbidden`); `?format=csv` for CSV."""
    who = principal()
    with current().uow(write=False) as uow:
        result = retention.schedule(uow, who, args["year"])
    if args.get("format") == "csv":
        return private(Response(retention.schedule_csv(result), mimetype="text/csv",
                                headers={"Content-Disposition": 'attachment; filename='
                                         f'"retensi-{args["year"]}.csv"'}))
    return private(jsonify(result))
