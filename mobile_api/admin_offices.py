"""/api/v1/admin/offices: the city's offices (OPD) read or put as their configuration
entries (the same checks and audit as `load-config`), and every office with its staff
exported and imported as a YAML file. The deployment's admin only."""

from __future__ import annotations

from typing import Any

from flask import Response, request
from werkzeug.exceptions import UnprocessableEntity

from queue_server.runtime import current
from queue_server.services import admin_offices as offices

from .admin import BEARER, _written, code_of, unreadable
from .admin_accounts import YAML, in_demo
from .auth import principal
from .blueprint import Blueprint
from .office_schemas import (
    AdminOfficeEntry,
    AdminOfficeOutEntry,
    AdminOfficesImportOut,
    AdminOfficesOut,
)
from .responses import ready

blp = Blueprint("admin_api_offices", __name__, url_prefix="/api/v1/admin",
                description="Configuration: offices (OPD) and their staff (admin only)")
blp.register_error_handler(UnprocessableEntity, unreadable)
PUT_DOC = ("Creates (201) or updates (200) from the office's configuration entry, shaped "
           "as in the file `load-config` reads; keys left out take the loader's defaults. "
           "Members are given on each user (`PUT /api/v1/admin/users/{username}` with "
           "`offices`). Errors: 422 `invalid_config`, 403 `admin_only`.")


@blp.get("/offices")
@blp.response(200, AdminOfficesOut)
@blp.doc(security=BEARER)
def list_offices() -> Response:
    """Every office by name, inactive ones too, with how many active users hold a role
    there."""
    rt = current()
    return ready(offices.list_offices(rt.uow(write=False), principal()), 200)


@blp.get("/offices/<office>")
@blp.response(200, AdminOfficeOutEntry)
@blp.doc(security=BEARER)
def get_office(office: str) -> Response:
    """One office and its members (username, role); 404 `office_not_found`."""
    rt = current()
    return ready(offices.get_office(rt.uow(write=False), principal(), code_of(office)),
                 200)


@blp.put("/offices/<office>")
@blp.arguments(AdminOfficeEntry())
@blp.response(200, AdminOfficeOutEntry)
@blp.alt_response(201, schema=AdminOfficeOutEntry, description="created")
@blp.doc(security=BEARER, description=PUT_DOC)
def put_office(body: dict[str, Any], office: str) -> Response:
    """Create or update an office."""
    rt = current()
    return _written(offices.put_office(rt.uow(), rt.clock, principal(), code_of(office),
                                        body))


@blp.get("/export/offices")
@blp.doc(security=BEARER, responses={"200": {
    "description": "every office and the office staff as a file `load-config` reads",
    "content": {YAML: {"schema": {"type": "string"}}}}})
def export() -> Response:
    """Every office and every user of role `office` (password hash, office roles) as
    YAML; POST it to `/api/v1/admin/import/offices` to apply it back."""
    rt = current()
    text = offices.export_offices(rt.uow(write=False), principal())
    return Response(text, mimetype=YAML, headers={
        "Content-Disposition": 'attachment; filename="offices.yaml"'})


@blp.post("/import/offices")
@blp.response(200, AdminOfficesImportOut)
@blp.doc(security=BEARER, requestBody={
    "required": True, "content": {YAML: {"schema": {"type": "string"}},
                                  "text/plain": {"schema": {"type": "string"}}}})
def import_() -> Response:
    """Apply an offices file (offices, and users of role `office` only) through the same
    checks as `load-config`; nothing is applied on an error (422 `invalid_config`)."""
    rt = current()
    text = request.get_data(as_text=True)
    return ready(offices.import_offices(rt.uow(), rt.clock, principal(), text,
                                        demo=in_demo()), 200)
