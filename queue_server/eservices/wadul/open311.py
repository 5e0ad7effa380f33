"""Open311 GeoReport v2 (JSON) under /open311/v2: civic applications list e-Wadul's
categories as services, file complaints with an admin-issued `api_key` and follow them.
The routes are in the one OpenAPI document; every error is answered in GeoReport's
shape, `[{"code": <HTTP status>, "description": "..."}]`, with 400, 403, 404 (and 413
for an oversized body, 429 when rate limited), never the API's `{"error": ...}`.

Texts are Indonesian; `?lang=en` (or Accept-Language preferring English) says them in
English. See open311_filing for how GeoReport's fields become a complaint.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Blueprint as FlaskBlueprint
from flask import Flask, Response, current_app, jsonify, request
from flask_smorest import Blueprint
from werkzeug.exceptions import HTTPException

from queue_server.domain.errors import DomainError
from queue_server.edge.answers import wants_english
from queue_server.edge.caller import client_address
from queue_server.edge.ratelimit import hashed, limited
from queue_server.runtime import current

from .filing import file_config
from .open311_errors import Open311FieldInvalid
from .open311_filing import file_request
from .open311_query import parse_query
from .open311_schemas import (
    Open311DefinitionOut,
    Open311ErrorOut,
    Open311FiledOut,
    Open311RequestIn,
    Open311RequestOut,
    Open311RequestsQueryIn,
    Open311ServiceOut,
)
from .open311_service import list_requests, list_services, one_request, service_definition
from .open311_views import error_rows, filed_row

blp = Blueprint("open311", __name__, url_prefix="/open311/v2",
                description="Open311 GeoReport v2 (JSON): e-Wadul's categories as services, "
                            "complaints as service requests")
GENERIC = {400: ("Permintaan tidak bisa dipahami.", "The request cannot be understood."),
           404: ("Alamat tidak ditemukan.", "Not found."),
           405: ("Metode ini tidak diizinkan di sini.", "Method not allowed here."),
           413: ("Isi permintaan terlalu besar.", "The request body is too large."),
           415: ("Kirim form-encoded atau JSON.", "Send form-encoded or JSON.")}


def lang() -> str:
    """The answer's language: "en" with `?lang=en` or an English Accept-Language."""
    return "en" if request.args.get("lang") == "en" or wants_english() else "id"


def _geo(status: int, description: str) -> Response:
    response = jsonify(error_rows(status, description))
    response.status_code = status
    return response


def _domain(exc: DomainError) -> Response:
    """A named error in GeoReport's shape: 404 and 403 as they are, 429 with its
    Retry-After, every refused input 400."""
    kind_status = {"not_found": 404, "forbidden": 403, "unauthorized": 403,
                   "rate_limited": 429}
    status = kind_status.get(exc.kind, 400)
    response = _geo(status, exc.message_en if lang() == "en" else exc.message)
    retry_after = getattr(exc, "retry_after", None)
    if retry_after is not None:
        response.headers["Retry-After"] = str(retry_after)
    return response


def _http(exc: HTTPException) -> Response:
    status = exc.code or 400
    if status == 422:  # a query the schema refused
        status = 400
    words = GENERIC.get(status, GENERIC[400])
    return _geo(status if status in GENERIC else 400, words[1] if lang() == "en" else words[0])


# Any other address under /open311 answers in the spec's shape too (not documented).
elsewhere = FlaskBlueprint("open311_elsewhere", __name__, url_prefix="/open311")
for _blueprint in (blp, elsewhere):
    _blueprint.register_error_handler(DomainError, _domain)
    _blueprint.register_error_handler(HTTPException, _http)


@elsewhere.route("/<path:anything>", methods=["GET", "POST", "PUT", "PATCH", "DELETE"])
def unknown(anything: str) -> Response:
    """No such GeoReport address: 404 in the spec's shape."""
    words = GENERIC[404]
    return _geo(404, words[1] if lang() == "en" else words[0])


def geo_errors(*statuses: int) -> Callable[[Any], Any]:
    """Document the GeoReport error answers a route gives."""
    def decorate(view: Any) -> Any:
        for status in statuses:
            view = blp.alt_response(status, schema=Open311ErrorOut(many=True),
                                    description="GeoReport error")(view)
        return view
    return decorate


def _json(body: Any, status: int = 200) -> Response:
    response = jsonify(body)
    response.status_code = status
    return response


def _tz() -> str:
    return str(current_app.config.get("CITY_TIMEZONE", "Asia/Jakarta"))


@blp.get("/services.json")
@blp.response(200, Open311ServiceOut(many=True))
@geo_errors(400)
def services() -> Response:
    """Every active complaint category as a service (`group`: its office)."""
    return _json(list_services(current().uow(write=False), lang()))


@blp.get("/services/<service_code>.json")
@blp.response(200, Open311DefinitionOut)
@geo_errors(400, 404)
def service(service_code: str) -> Response:
    """A service's definition: its optional attributes (kelurahan, anonymous,
    confidential); 404 for an unknown service."""
    return _json(service_definition(current().uow(write=False), service_code, lang()))


def _posted() -> dict[str, Any]:
    """POST fields: form-encoded (the spec's), or a JSON object whose `attribute` object
    becomes `attribute[<code>]` fields."""
    if not request.is_json:
        return request.form.to_dict()
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise Open311FieldInvalid("body", "objek JSON", "a JSON object")
    fields = dict(body)
    attributes = fields.pop("attribute", None)
    if isinstance(attributes, dict):
        fields.update({f"attribute[{code}]": value for code, value in attributes.items()})
    return fields


def _poster() -> str:
    """Whom a filing counts against: its API key (hashed), else the caller's address."""
    if request.is_json:
        body = request.get_json(silent=True)
        key = body.get("api_key") if isinstance(body, dict) else None
    else:
        key = request.form.get("api_key")
    return f"key:{hashed(str(key))}" if key else f"address:{client_address()}"


@blp.post("/requests.json")
@blp.response(201, Open311FiledOut(many=True))
@geo_errors(400, 403, 404, 413, 429)
@limited(("open311-key", "OPEN311_LIMIT_PER_KEY", _poster))
@blp.doc(requestBody={"required": True, "content": {
    "application/x-www-form-urlencoded": {"schema": Open311RequestIn},
    "application/json": {"schema": Open311RequestIn}}})
def create_request() -> Response:
    """File a complaint (channel open311) with the `api_key` the admin issued. Place:
    `lat`+`long`, `address_string` or `attribute[kelurahan]` (the kelurahan: the
    attribute, else the address_string, else left for the Media Center to read from the
    point). `media_url`: an http(s) address, given back while we hold no photo. The
    answer's `service_request_id` is the public reference (`WADUL-123`); its
    `service_notice` links the filer's own page (the tracking code: give it to the
    citizen only). 403 for a missing, unknown or deactivated key; 404 for an unknown
    service; 400 for anything else refused (an emergency service included: its
    description says where to go)."""
    rt = current()
    code, ref = file_request(rt.uow(), rt.clock, file_config(current_app), _posted())
    return _json([filed_row(ref, f"{request.url_root}c/{code}", lang())], 201)


@blp.get("/requests.json")
@blp.arguments(Open311RequestsQueryIn, location="query")
@blp.response(200, Open311RequestOut(many=True))
@geo_errors(400)
def requests_list(args: dict[str, Any]) -> Response:
    """Public complaints, newest first, at most 1000 (no ids and no dates: the last 90
    days), by public reference (`service_request_id=WADUL-1,WADUL-2`). Complaints not
    yet verified, rejected, confidential or unconfirmed are never listed."""
    rt = current()
    query = parse_query(request.args, _tz())
    return _json(list_requests(rt.uow(write=False), rt.clock, query, lang(), _tz(),
                               request.url_root))


@blp.get("/requests/<service_request_id>.json")
@blp.response(200, Open311RequestOut(many=True))
@geo_errors(400, 404)
def request_one(service_request_id: str) -> Response:
    """One complaint by its public reference (`WADUL-123`), as a one-item list; 404 for
    an unknown one and one not public (unverified, rejected, unconfirmed, confidential)."""
    rt = current()
    return _json(one_request(rt.uow(write=False), rt.clock, service_request_id, lang(),
                             _tz(), request.url_root))


def register_open311(app: Flask) -> None:
    """Open311's routes and the admin's key routes in the app's one API document, and
    the demo key's loader (the "demo" hook)."""
    from queue_server.eservices import register

    from .open311_keys_api import blp as keys_blp
    from .open311_keys_api import load_demo_key

    api = app.extensions["antrian.api"]
    api.register_blueprint(blp)
    api.register_blueprint(keys_blp)
    app.register_blueprint(elsewhere)
    register(app, "demo", load_demo_key)
