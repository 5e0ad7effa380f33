"""SSW's public routes (/api/v1/ssw/...): the permit catalogue, applying with the
documents (multipart: the form fields and one file per requirement code), and sending
again the documents the desk flagged (by the tracking code). Staff routes are in
api_staff.py, on the same blueprint."""

from __future__ import annotations

from typing import Any

from flask import Response, current_app, jsonify, request
from flask_smorest import Blueprint, abort
from marshmallow import Schema, ValidationError

from queue_server.edge.caller import client_address
from queue_server.edge.ratelimit import limited
from queue_server.edge.screening import takes_files
from queue_server.persistence.case_file_store import file_store
from queue_server.runtime import current
from queue_server.services import case_files
from queue_server.services.cases import public_ref

from . import catalogue
from .api_schemas import SswApplicationBody, SswFiledOut, SswPermitTypeOut
from .applications import Application, apply, resubmit

blp = Blueprint("ssw", __name__, url_prefix="/api/v1/ssw",
                description="Surabaya Single Window: permit applications, checks, reviews, "
                            "inspections and issued permits")
LIMIT = "SSW_LIMIT_PER_ADDRESS"
MAX_FILES = 10  # one file per requirement code; no permit asks for more
FILES = {"schema": {"type": "object", "additionalProperties": {
    "type": "string", "format": "binary"}}, "description": "one file per requirement code "
    "(the permit's `documents[].code`) as the field name, beside the form fields; PDF "
    "kept as sent, JPEG/PNG re-encoded without metadata; each at most "
    "CASE_FILE_MAX_BYTES (5 MiB)"}


def private(response: Response) -> Response:
    """Never stored by a browser or proxy: it carries the applicant's tracking code."""
    response.headers["Cache-Control"] = "private, no-store"
    return response


def form_and_files(schema: Schema | None) -> tuple[dict[str, Any], dict[str, tuple[bytes, str]]]:
    """The multipart body's fields as `schema` loads them (422 naming a refused field)
    and its files by field name: (bytes, file name)."""
    files = {name: (f.read(), f.filename or name) for name, f in request.files.items()
             if f.filename}
    if schema is None:
        return {}, files
    raw: Any = ({k: v for k, v in request.form.items() if v != ""}
                if request.mimetype == "multipart/form-data" else request.get_json(silent=True))
    if not isinstance(raw, dict):
        abort(422, messages={"form": {"_schema": ["send multipart/form-data fields"]}})
    try:
        return schema.load(raw), files
    except ValidationError as exc:
        abort(422, messages={"form": exc.normalized_messages()})
    raise AssertionError("unreachable")


@blp.get("/permit-types")
@blp.response(200, SswPermitTypeOut(many=True))
def permit_types() -> Response:
    """The permit catalogue (public): each active permit's documents required (code,
    name, required, types pdf/jpeg/png), fee in rupiah, deadline in working days,
    validity in months (null: does not expire), reviewing offices with their working
    days, whether a field inspection is needed and its checklist, the permit's text."""
    with current().uow(write=False) as uow:
        return jsonify([catalogue.describe(row) for row in catalogue.permit_types(uow)])


@blp.post("/applications")
@takes_files(MAX_FILES)
@limited(("ssw-address", LIMIT, client_address))
@blp.doc(requestBody={"required": True, "content": {"multipart/form-data": {
    "schema": SswApplicationBody}}, "description": FILES["description"]})
@blp.response(201, SswFiledOut)
@blp.alt_response(202, schema=SswFiledOut, description="with a messaging gateway: a code "
                  "was sent to the phone; the application counts once it is confirmed")
def file_application() -> Response:
    """Apply for a permit: the form fields and one file per requirement code. Errors:
    `ssw_permit_type_not_found` 404, `ssw_documents_missing` 422 (`missing` lists each
    required code not sent), `ssw_unknown_requirement`, `ssw_applicant_invalid`,
    `invalid_nik`, `invalid_phone`, `file_type_refused`, `file_too_large` 422, 429 over
    the address limit. Answers the tracking `code` (the applicant's secret: it opens
    `/c/{code}`), the public `ref`, `state`, `due` (working days)."""
    body, files = form_and_files(SswApplicationBody())
    rt = current()
    case = apply(rt.uow(), rt.clock, Application(**body), files,
                 file_store(current_app.instance_path), current_app.config)
    response = jsonify({"code": case.code, "ref": public_ref(case), "state": case.state,
                        "due": case.due.isoformat() if case.due else None,
                        "confirmed": case.confirmed, "case_url": f"/c/{case.code}"})
    response.status_code = 201 if case.confirmed else 202
    return private(response)


@blp.post("/applications/<string:code>/documents")
@takes_files(MAX_FILES)
@limited(("ssw-address", LIMIT, client_address))
@blp.doc(requestBody={"required": True, "content": {"multipart/form-data": FILES}})
@blp.response(200, SswFiledOut)
def send_again(code: str) -> Response:
    """The applicant (holder of the tracking `code`) sends again the documents the desk
    flagged for revision, one file per requirement code, each as a new version; any
    other is refused (`ssw_document_not_flagged` 422) and the accepted ones stay
    accepted. Once none is left flagged the application goes back to the desk.
    `case_not_found` 404, `ssw_wrong_step` 409."""
    _body, files = form_and_files(None)
    rt = current()
    case = resubmit(rt.uow(), rt.clock, code, files, file_store(current_app.instance_path),
                    case_files.max_bytes(current_app.config))
    return private(jsonify({"code": case.code, "ref": public_ref(case), "state": case.state,
                            "due": case.due.isoformat() if case.due else None,
                            "confirmed": case.confirmed, "case_url": f"/c/{case.code}"}))
