"""/api/v1/bpjs: a facility's BPJS setup (level, kode PPK, poli codes) and the hosted web
service's accounts; for an admin, or a facility admin of that facility."""

from __future__ import annotations

from typing import Any

from flask import Response
from flask_smorest import Blueprint
from werkzeug.exceptions import UnprocessableEntity

from mobile_api.admin import unreadable
from mobile_api.auth import principal
from mobile_api.responses import ready
from queue_server.runtime import current

from . import config_cases as cases
from .config_schemas import BpjsAccountBody, BpjsAccountOut, BpjsSetupBody, BpjsSetupOut

blp = Blueprint("bpjs_config", __name__, url_prefix="/api/v1/bpjs",
                description="BPJS Antrean Online: a facility's setup, the hosted accounts")
BEARER: list[dict[str, list[str]]] = [{"bearer": []}]
ERRORS = ("Errors: 422 `invalid_bpjs_config` naming the entry (nothing is written), "
          "403 `admin_only` / `wrong_facility`, 404 `facility_not_found`.")
blp.register_error_handler(UnprocessableEntity, unreadable)


@blp.get("/facilities/<facility>")
@blp.response(200, BpjsSetupOut)
@blp.doc(security=BEARER)
def get_setup(facility: str) -> Response:
    """The facility's BPJS setup (level fktp and no services when it has none)."""
    rt = current()
    return ready(cases.get_setup(rt.uow(write=False), principal(), facility), 200)


@blp.put("/facilities/<facility>")
@blp.arguments(BpjsSetupBody())
@blp.response(200, BpjsSetupOut)
@blp.alt_response(201, schema=BpjsSetupOut, description="set up for the first time")
@blp.doc(security=BEARER, description="Replaces the whole setup. " + ERRORS)
def put_setup(body: dict[str, Any], facility: str) -> Response:
    """Set the facility's level, kode PPK, reporting and each service's part."""
    rt = current()
    view, created = cases.put_setup(rt.uow(), rt.clock, principal(), facility, body)
    return ready(view, 201 if created else 200)


@blp.put("/accounts/<username>")
@blp.arguments(BpjsAccountBody())
@blp.response(200, BpjsAccountOut)
@blp.alt_response(201, schema=BpjsAccountOut, description="created")
@blp.doc(security=BEARER, description="Errors: 422 `invalid_bpjs_config`, "
         "`weak_password`; 403 `admin_only` / `wrong_facility`; 404 `facility_not_found`.")
def put_account(body: dict[str, Any], username: str) -> Response:
    """Create or change an account Mobile JKN signs in with (`GET /bpjs/auth`)."""
    rt = current()
    view, created = cases.put_account(rt.uow(), rt.clock, principal(), username, body)
    return ready(view, 201 if created else 200)
