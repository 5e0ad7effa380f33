"""e-Wadul's citizen and public routes (/api/v1/wadul/...): file a complaint (JSON or
multipart with photos), read it and act on it by its tracking code, the public list and
the categories. Staff routes are in api_staff.py, on the same blueprint."""

from __future__ import annotations

from typing import Any

from flask import Response, current_app, jsonify, request
from flask_smorest import Blueprint, abort
from marshmallow import Schema, ValidationError

from mobile_api.auth import principal
from queue_server.edge.caller import client_address
from queue_server.edge.ratelimit import limited
from queue_server.runtime import current
from queue_server.services.auth import Principal
from queue_server.services.cases import city_today

from . import actions, categories, lists, reading
from .api_schemas import (
    WadulActionBody,
    WadulCategoryOut,
    WadulCitizenReportBody,
    WadulFiledOut,
    WadulListOut,
    WadulPublicListQuery,
    WadulReportOut,
)
from .filing import Filed, ReportIn, file_config, file_report

blp = Blueprint("wadul", __name__, url_prefix="/api/v1/wadul",
                description="e-Wadul: citizens' complaints, the Media Center, the offices")
LIMIT = "WADUL_LIMIT_PER_ADDRESS"
_MULTIPART = {"schema": {"type": "object", "properties": {
    "photos": {"type": "array", "items": {"type": "string", "format": "binary"},
               "maxItems": 3}}, "description": "the JSON body's fields as form fields"}}


def tz() -> str:
    """The city's time zone (app config CITY_TIMEZONE)."""
    return str(current_app.config.get("CITY_TIMEZONE", "Asia/Jakarta"))


def caller() -> Principal | None:
    """The staff caller when the request carries a token or a staff session; None for a
    citizen (no credential)."""
    if request.headers.get("Authorization") or _has_session():
        return principal()
    return None


def _has_session() -> bool:
    from flask import session

    return bool(session.get("token"))


def read_body(schema: Schema) -> tuple[dict[str, Any], list[bytes]]:
    """The body as `schema` loads it, from JSON or from multipart form fields, and the
    bytes of its `photos` files. A refused field is 422 `invalid_body`, naming it."""
    photos: list[bytes] = []
    if request.mimetype == "multipart/form-data":
        raw: Any = {k: v for k, v in request.form.items() if v != ""}
        photos = [f.read() for f in request.files.getlist("photos") if f.filename]
    else:
        raw = request.get_json(silent=True)
        if not isinstance(raw, dict):
            abort(422, messages={"json": {"_schema": ["send a JSON object"]}})
    try:
        return schema.load(raw), photos
    except ValidationError as exc:
        abort(422, messages={"json": exc.messages})
    raise AssertionError("unreachable")


def filed_answer(filed: Filed) -> Response:
    """201 with the tracking code and links; 202 while a phone code is outstanding."""
    path = f"/api/v1/wadul/reports/{filed.code}"
    body = {"code": filed.code, "status": "received" if filed.confirmed else "unconfirmed",
            "confirmed": filed.confirmed,
            "code_expires": filed.code_expires.isoformat() if filed.code_expires else None,
            "links": {"self": path, "actions": f"{path}/actions", "page": f"/c/{filed.code}"}}
    response = jsonify(body)
    response.status_code = 201 if filed.confirmed else 202
    response.headers["Location"] = path
    return response


@blp.post("/reports")
@limited(("wadul-address", LIMIT, client_address))
@blp.doc(requestBody={"required": True, "content": {
    "application/json": {"schema": WadulCitizenReportBody},
    "multipart/form-data": _MULTIPART}})
@blp.response(201, WadulFiledOut)
@blp.alt_response(202, schema=WadulFiledOut, description="with a messaging gateway: a code was "
                  "sent to the phone; the complaint counts once it is confirmed")
def file() -> Response:
    """File a complaint: category, description (10-4000 characters), kelurahan, an
    optional map point in Indonesia, up to 3 photos (JPEG, PNG, WebP; multipart field
    `photos`), `anonymous` and `confidential` (two separate flags), NIK, phone and name.
    Errors: `category_not_found` 404, `category_redirect` 409 (an emergency: `redirect`
    says where to go), `invalid_description`, `kelurahan_required`, `invalid_point`,
    `invalid_nik`, `invalid_phone`, `too_many_files`, `file_too_large`,
    `file_type_refused` 422, 429 over the address limit."""
    body, photos = read_body(WadulCitizenReportBody())
    rt = current()
    filed = file_report(rt.uow(), rt.clock, file_config(current_app),
                        ReportIn(**body, photos=photos))
    return filed_answer(filed)


@blp.get("/reports/<string:code>")
@blp.response(200, WadulReportOut)
def read(code: str) -> Response:
    """A complaint by its tracking code. Without credentials: the filer's view (all of
    their own, staff names hidden). Staff (bearer token or staff session): by their
    roles on it; the reporter only for the desk, the admin, and the office when it is
    neither anonymous nor confidential. 404 `case_not_found`; 403 `wrong_office`."""
    rt = current()
    return jsonify(reading.read_report(rt.uow(write=False), tz(), city_today(rt.clock, tz()),
                                       code, caller()))


@blp.post("/reports/<string:code>/actions")
@limited(("wadul-action", LIMIT, lambda: None if caller() else client_address()))
@blp.arguments(WadulActionBody())
@blp.response(200, WadulReportOut)
def take_action(body: dict[str, Any], code: str) -> Response:
    """An action on a complaint: `{action, comment?, opd?, rating?, duplicate_of?}`. Staff
    by their roles (verify, reject, merge, forward, accept, return, answer, close);
    without credentials, the filer: `close`, `rate` (rating 1-5, once), `reopen` (with a
    comment), the last two within 10 working days of the answer. Errors:
    `action_not_allowed` 409 (with `allowed`), `action_forbidden` 403, `wrong_office`
    403, `unknown_action`/`comment_required`/`office_required`/`invalid_rating`/
    `duplicate_required`/`invalid_duplicate` 422, `rated_already`/`action_too_late` 409."""
    rt = current()
    asked = actions.ActionIn(**body)
    who = caller()
    if who is None:
        return jsonify(actions.act_as_citizen(rt.uow(), rt.clock, tz(), code, asked))
    return jsonify(actions.act_as_staff(rt.uow(), rt.clock, tz(), who, code, asked))


@blp.get("/public/reports")
@blp.arguments(WadulPublicListQuery(), location="query")
@blp.response(200, WadulListOut)
def public_reports(args: dict[str, Any]) -> Response:
    """The public list: confirmed complaints that are not confidential, newest first,
    with code, category, kelurahan, state, dates and office; never the reporter nor the
    description. Filters: `category`, `state`; paginated."""
    rt = current()
    return jsonify(lists.public_list(rt.uow(write=False), rt.clock, tz(), lists.ListIn(
        state=args["state"], category=args["category"], page=args["page"],
        per_page=args["per_page"])))


@blp.get("/categories")
@blp.response(200, WadulCategoryOut(many=True))
def list_categories() -> Response:
    """The active categories in order: their office, days to answer (working days) and,
    for an emergency, the `redirect` words (such a category takes no complaint)."""
    return jsonify(categories.categories(current().uow(write=False)))
