"""e-Wadul's citizen and public routes (/api/v1/wadul/...): file a complaint (JSON or
multipart with photos), read it and act on it by its tracking code (staff: by its public
reference too, refs.py), the public list and the categories. Staff routes are in
api_staff.py, on the same blueprint."""

from __future__ import annotations

from typing import Any

from flask import Response, current_app, jsonify, request
from flask_smorest import Blueprint, abort
from marshmallow import Schema, ValidationError

from mobile_api.auth import principal
from queue_server.edge.caller import client_address
from queue_server.edge.ratelimit import limited
from queue_server.edge.screening import takes_files
from queue_server.runtime import current
from queue_server.services.auth import Principal
from queue_server.services.case_messages import messages_on
from queue_server.services.cases import city_today

from . import actions, categories, lists, public, reading
from .api_schemas import (
    WadulActionBody,
    WadulCategoryOut,
    WadulCitizenReportBody,
    WadulFiledOut,
    WadulListOut,
    WadulPublicListQuery,
    WadulPublicReportOut,
    WadulReportOut,
)
from .domain import MAX_PHOTOS
from .filing import Filed, ReportIn, file_config, file_report

blp = Blueprint("wadul", __name__, url_prefix="/api/v1/wadul",
                description="e-Wadul: citizens' complaints, the Media Center, the offices")
LIMIT = "WADUL_LIMIT_PER_ADDRESS"
MULTIPART = {"schema": {"type": "object", "properties": {
    "photos": {"type": "array", "items": {"type": "string", "format": "binary"},
               "maxItems": 3}}, "description": "the JSON body's fields as form fields; "
    "photos (JPEG, PNG, WebP, each at most CASE_FILE_MAX_BYTES, 5 MiB) are kept without "
    "their metadata (EXIF, GPS, XMP, ICC), turned upright"}}


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
    bytes of its `photos` files. A refused field is 422 `invalid_body`, naming it; a
    file under another name than `photos` (`photo`) is refused like an unknown JSON
    field, never dropped unread."""
    photos: list[bytes] = []
    unknown: dict[str, Any] = {}
    if request.mimetype == "multipart/form-data":
        raw: Any = {k: v for k, v in request.form.items() if v != ""}
        photos = [f.read() for f in request.files.getlist("photos") if f.filename]
        unknown = {name: ["Unknown field."] for name in request.files if name != "photos"}
    else:
        raw = request.get_json(silent=True)
        if not isinstance(raw, dict):
            abort(422, messages={"json": {"_schema": ["send a JSON object"]}})
    try:
        body = schema.load(raw)
    except ValidationError as exc:
        abort(422, messages={"json": {**unknown, **exc.normalized_messages()}})
    if unknown:
        abort(422, messages={"json": unknown})
    return body, photos


def private(response: Response) -> Response:
    """`response` marked never to be stored by a browser or a proxy (RFC 9111 `no-store`,
    `private`): it holds a complaint as its filer or staff read it."""
    response.headers["Cache-Control"] = "private, no-store"
    return response


def filed_answer(filed: Filed) -> Response:
    """201 with the tracking code (the filer's secret: the only answer a member of staff
    sees it in is the desk's own entry, to tell the caller), the public reference and
    links; 202 while a phone code is outstanding."""
    path = f"/api/v1/wadul/reports/{filed.code}"
    body = {"code": filed.code, "ref": filed.ref,
            "status": "received" if filed.confirmed else "unconfirmed",
            "confirmed": filed.confirmed,
            "code_expires": filed.code_expires.isoformat() if filed.code_expires else None,
            "links": {"self": path, "actions": f"{path}/actions", "page": f"/c/{filed.code}"}}
    response = jsonify(body)
    response.status_code = 201 if filed.confirmed else 202
    response.headers["Location"] = path
    return private(response)


@blp.post("/reports")
@takes_files(MAX_PHOTOS)
@limited(("wadul-address", LIMIT, client_address))
@blp.doc(requestBody={"required": True, "content": {
    "application/json": {"schema": WadulCitizenReportBody},
    "multipart/form-data": MULTIPART}})
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
    `file_type_refused` (also a photo that does not decode), `image_too_large` (over
    Pillow's pixel limit) 422, 413 for a body over 3 × CASE_FILE_MAX_BYTES plus 64 KiB,
    429 over the address limit. Photos are kept without their metadata."""
    body, photos = read_body(WadulCitizenReportBody())
    rt = current()
    filed = file_report(rt.uow(), rt.clock, file_config(current_app),
                        ReportIn(**body, photos=photos))
    return filed_answer(filed)


@blp.get("/reports/<string:code>")
@blp.response(200, WadulReportOut)
def read(code: str) -> Response:
    """A complaint by its tracking code (the filer's secret) or, for staff, by its public
    reference (`WADUL-123`). Without credentials: the filer's view by the code only (all
    of their own with `code`, their NIK, phone and name masked, staff names hidden; a
    reference: 403 `ref_needs_staff`). With a bearer token or a staff session: judged by
    the staff member's roles only (403 stays 403, never the filer's view), by reference
    or code, never given the code back; the reporter only for the desk, the admin, and
    the office when it is neither anonymous nor confidential. `merged_into` (and
    `duplicate_of`): the public reference of the complaint it joined. Never stored by a
    cache (`Cache-Control: private, no-store`). 404 `case_not_found`; 403
    `wrong_office`, `wadul_forbidden`."""
    rt = current()
    return private(jsonify(reading.read_report(
        rt.uow(write=False), tz(), city_today(rt.clock, tz()), code, caller())))


@blp.post("/reports/<string:code>/actions")
@limited(("wadul-action", LIMIT, lambda: None if caller() else client_address()))
@blp.arguments(WadulActionBody())
@blp.response(200, WadulReportOut)
def take_action(body: dict[str, Any], code: str) -> Response:
    """An action on a complaint: `{action, comment?, opd?, rating?, duplicate_of?}`. Staff
    by their roles (verify, reject, merge, forward, accept, return, answer, close; the
    desk and the admin also `edit`: `anonymous`, `confidential`, a redacted
    `description`, the case not moving; 422 `nothing_to_edit`), naming the complaint by
    public reference (`WADUL-123`) or tracking code, `duplicate_of` likewise; without
    credentials, the filer by the tracking code only (a reference: 403
    `ref_needs_staff`): `close`, `rate` (rating 1-5, once), `reopen` (with a comment), the
    last two within 10 working days of the answer. Errors:
    `action_not_allowed` 409 (with `allowed`), `action_forbidden` 403, `wrong_office`
    403, `unknown_action`/`comment_required`/`office_required`/`invalid_rating`/
    `duplicate_required`/`invalid_duplicate` 422, `rated_already`/`action_too_late` 409."""
    rt = current()
    asked = actions.ActionIn(**body)
    who = caller()
    if who is None:
        return private(jsonify(actions.act_as_citizen(rt.uow(), rt.clock, tz(), code, asked)))
    return private(jsonify(actions.act_as_staff(rt.uow(), rt.clock, tz(), who, code, asked,
                                                tell=messages_on(current_app.config))))


@blp.get("/public/reports")
@blp.arguments(WadulPublicListQuery(), location="query")
@blp.response(200, WadulListOut)
def public_reports(args: dict[str, Any]) -> Response:
    """The public list: complaints verified by the Media Center, confirmed and not
    confidential, newest first, each by its public reference `ref` (`WADUL-123`; never
    the tracking code), with category, kelurahan, state, dates, office and `merged_into`;
    never the reporter nor the description. Filters: `category`, `state` (422
    `invalid_state` for received/rejected: never public); paginated."""
    rt = current()
    return jsonify(lists.public_list(rt.uow(write=False), rt.clock, tz(), lists.ListIn(
        state=args["state"], category=args["category"], page=args["page"],
        per_page=args["per_page"])))


@blp.get("/public/reports/<string:ref>")
@blp.response(200, WadulPublicReportOut)
def public_report(ref: str) -> Response:
    """A public complaint by its public reference (`WADUL-123`, any case): category,
    kelurahan, office, state, dates, description, photo addresses, `merged_into` and the
    public timeline with the staff's comments; never the reporter, anonymous or not, and
    never the tracking code. Read only: no action takes a reference. 404
    `case_not_found` for an unknown reference and for a complaint that is not public
    (unverified, rejected or confidential)."""
    body = public.public_report(current().uow(write=False), tz(), ref)
    body["links"] = {"page": f"/wadul/laporan/{body['ref']}", "photos": [
        f"/wadul/laporan/{body['ref']}/foto/{photo}" for photo in body["photos"]]}
    return jsonify(body)


@blp.get("/categories")
@blp.response(200, WadulCategoryOut(many=True))
def list_categories() -> Response:
    """The active categories in order: their office, days to answer (working days) and,
    for an emergency, the `redirect` words (such a category takes no complaint)."""
    return jsonify(categories.categories(current().uow(write=False)))
