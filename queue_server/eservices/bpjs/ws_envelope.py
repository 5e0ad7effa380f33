"""The hosted web service's blueprint (`/bpjs`, in the one OpenAPI document) and its
envelope: every answer is BPJS's `{"response": …, "metadata": {"code", "message"}}`,
every refusal `{"metadata": {"code": 201, "message": "…"}}` — never the API's
`{"error": …}`. As the public WS templates do, the HTTP status is the metadata code
(200, 201 refused, 202 a new patient where the facility registers them, see
ws_patients); 404 and 405
stay what they are. Messages are Indonesian only: Mobile JKN shows them to the patient
as they come (no `?lang=en` on this machine-to-machine channel)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Response, current_app, jsonify, request
from flask_smorest import Blueprint
from werkzeug.exceptions import HTTPException

from queue_server.domain.errors import DomainError
from queue_server.runtime import current
from queue_server.services.auth import Principal

from .ws_errors import WsRefused
from .ws_schemas import WsMetadataOnlyOut
from .ws_take import TakeRules
from .ws_token import principal_of

blp = Blueprint("bpjs_ws", __name__, url_prefix="/bpjs",
                description="BPJS Antrean Online: the web service Mobile JKN calls "
                            "(FKRTL shapes; FKTP shapes under /bpjs/fktp)")
MALFORMED = "Format permintaan tidak sesuai."
_KEPT = {404: "Alamat tidak ditemukan.", 405: "Metode ini tidak diizinkan di sini."}


def answer(response: Any = None, code: int = 200, message: str = "Ok") -> Response:
    """BPJS's envelope with HTTP status `code`; `response` left out when None."""
    body: dict[str, Any] = {} if response is None else {"response": response}
    body["metadata"] = {"code": code, "message": message}
    reply = jsonify(body)
    reply.status_code = code
    return reply


def _domain(exc: DomainError) -> Response:
    """A named error as BPJS's refusal: code 201 and the Indonesian message; a
    throttled sign-in keeps its Retry-After."""
    reply = answer(code=exc.bpjs_code if isinstance(exc, WsRefused) else 201,
                   message=exc.message)
    retry_after = getattr(exc, "retry_after", None)
    if retry_after is not None:
        reply.headers["Retry-After"] = str(retry_after)
    return reply


def _http(exc: HTTPException) -> Response:
    """404 and 405 in the envelope; anything else (a body the parser refused) 201."""
    status = exc.code or 400
    if status in _KEPT:
        return answer(code=status, message=_KEPT[status])
    return answer(code=201, message=MALFORMED)


blp.register_error_handler(DomainError, _domain)
blp.register_error_handler(HTTPException, _http)


def refusals(view: Any) -> Any:
    """Document the envelope of a refusal (HTTP 201, metadata code 201)."""
    return blp.alt_response(201, schema=WsMetadataOnlyOut,
                            description="refused: metadata.message says why")(view)


def caller() -> Principal:
    """The account calling (headers `x-token`, `x-username`), see ws_token."""
    rt = current()
    return principal_of(rt.uow(write=False), rt.clock, request.headers.get("x-token"),
                        request.headers.get("x-username"), current_app.config["SECRET_KEY"])


def posted() -> Any:
    """The JSON body whatever its Content-Type (None when it is not JSON)."""
    return request.get_json(force=True, silent=True)


def rules() -> TakeRules:
    """The deployment's booking rules (app config)."""
    config = current_app.config
    return TakeRules(int(config["BOOKING_WINDOW_DAYS"]),
                     int(config.get("BOOKINGS_PER_NIK_PER_DAY", 1)))


def token_minutes() -> int:
    """BPJS_TOKEN_MINUTES (D's config default; 60 when not set)."""
    return int(current_app.config.get("BPJS_TOKEN_MINUTES", 60) or 60)


def _header(name: str, text: str) -> dict[str, Any]:
    return {"in": "header", "name": name, "required": True, "schema": {"type": "string"},
            "description": text}


def signed(view: Any) -> Any:
    """Document the headers a later call carries and its refusal envelope."""
    return refusals(blp.doc(parameters=[
        _header("x-token", "the token of GET /bpjs/auth"),
        _header("x-username", "the account the token was given to")])(view))


def body(schema: Any) -> Callable[[Any], Any]:
    """Document a JSON request body (read by the route itself, so that a refusal is
    BPJS's message rather than the schema's)."""
    return blp.doc(requestBody={"required": True,
                                "content": {"application/json": {"schema": schema}}})
