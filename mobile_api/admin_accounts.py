"""/api/v1/admin: kiosks and boards (their tokens), staff users, the audit log, and a
facility's whole configuration exported and imported as a YAML file."""

from __future__ import annotations

import os
from typing import Any

from flask import Response, current_app, request
from werkzeug.exceptions import UnprocessableEntity

from queue_server.realtime import sessions as live_sessions
from queue_server.runtime import current
from queue_server.services import admin_accounts as accounts
from queue_server.services import admin_audit, admin_transfer
from queue_server.services.secret_check import demo_on_purpose

from .admin import BEARER, PUT_DOC, _written, code_of, unreadable
from .admin_schemas import (
    AdminAuditOut,
    AdminAuditQuery,
    AdminDeviceEntry,
    AdminDeviceOutEntry,
    AdminDevicesOut,
    AdminImportOut,
    AdminUserEntry,
    AdminUserOutEntry,
    AdminUsersOut,
    AdminUsersQuery,
)
from .auth import principal
from .blueprint import Blueprint
from .responses import ready

blp = Blueprint("admin_api_accounts", __name__, url_prefix="/api/v1/admin",
                description="Configuration: devices, users, audit log, export and import")
blp.register_error_handler(UnprocessableEntity, unreadable)
YAML = "application/yaml"


def in_demo() -> bool:
    """Whether this server runs as a demo (`serve --demo`, or ANTRIAN_DEMO=1): weak
    passwords and tokens are then refused for new users and devices only."""
    return bool(current_app.config.get("DEMO")) or demo_on_purpose(os.environ)


@blp.get("/facilities/<facility>/devices")
@blp.response(200, AdminDevicesOut)
@blp.doc(security=BEARER)
def list_devices(facility: str) -> Response:
    """The facility's kiosks and boards, inactive too: online, last seen, printer."""
    rt = current()
    return ready(accounts.list_devices(rt.uow(write=False), rt.clock, principal(), facility),
                 200)


@blp.get("/facilities/<facility>/devices/<item>")
@blp.response(200, AdminDeviceOutEntry)
@blp.doc(security=BEARER)
def get_device(facility: str, item: str) -> Response:
    """One device (never its token); 404 `device_not_found`."""
    rt = current()
    return ready(accounts.get_device(rt.uow(write=False), rt.clock, principal(), facility,
                                     code_of(item)), 200)


@blp.put("/facilities/<facility>/devices/<item>")
@blp.arguments(AdminDeviceEntry())
@blp.response(200, AdminDeviceOutEntry)
@blp.alt_response(201, schema=AdminDeviceOutEntry,
                  description="created; without a `token` in the body, the one issued is "
                              "answered here once as `token`")
@blp.doc(security=BEARER, description=PUT_DOC)
def put_device(body: dict[str, Any], facility: str, item: str) -> Response:
    """Create or update a kiosk or board; `active: false` refuses its token at once."""
    rt = current()
    return _written(accounts.put_device(rt.uow(), rt.clock, principal(), facility,
                                        code_of(item), body, demo=in_demo()))


@blp.post("/facilities/<facility>/devices/<item>/token")
@blp.response(200, AdminDeviceOutEntry)
@blp.doc(security=BEARER)
def new_token(facility: str, item: str) -> Response:
    """Issue a new token for the device, answered once as `token`; the old one is refused
    from now on."""
    rt = current()
    return ready(accounts.new_device_token(rt.uow(), rt.clock, principal(), facility,
                                           code_of(item)), 200)


@blp.get("/users")
@blp.arguments(AdminUsersQuery(), location="query")
@blp.response(200, AdminUsersOut)
@blp.doc(security=BEARER)
def list_users(query: dict[str, Any]) -> Response:
    """Staff users (never a password): an admin's all or `?facility=`'s; a facility
    admin's its facility's operators and facility admins."""
    rt = current()
    return ready(accounts.list_users(rt.uow(write=False), principal(), query["facility"]),
                 200)


@blp.get("/users/<username>")
@blp.response(200, AdminUserOutEntry)
@blp.doc(security=BEARER)
def get_user(username: str) -> Response:
    """One user; 404 `user_not_found`, 403 `wrong_facility`."""
    rt = current()
    return ready(accounts.get_user(rt.uow(write=False), principal(), username), 200)


@blp.put("/users/<username>")
@blp.arguments(AdminUserEntry())
@blp.response(200, AdminUserOutEntry)
@blp.alt_response(201, schema=AdminUserOutEntry, description="created")
@blp.doc(security=BEARER, description=PUT_DOC)
def put_user(body: dict[str, Any], username: str) -> Response:
    """Create or update a user; `active: false` ends its logins and consoles at once."""
    rt = current()
    return _written(accounts.put_user(rt.uow(), rt.clock, principal(), username, body,
                                      live_sessions.end_token, demo=in_demo()))


@blp.get("/audit")
@blp.arguments(AdminAuditQuery(), location="query")
@blp.response(200, AdminAuditOut)
@blp.doc(security=BEARER)
def audit(query: dict[str, Any]) -> Response:
    """Configuration changes, newest first (at most 500): `from`/`to` are YYYY-MM-DD in
    the facility's time zone, both included. Admin: all or `?facility=`; facility admin:
    its own. 422 `invalid_date`."""
    rt = current()
    return ready(admin_audit.audit_events(rt.uow(write=False), principal(),
                                          query["facility"], query["from_"], query["to"]),
                 200)


@blp.get("/facilities/<facility>/export")
@blp.doc(security=BEARER, responses={"200": {
    "description": "the facility as a file `load-config` reads",
    "content": {YAML: {"schema": {"type": "string"}}}}})
def export(facility: str) -> Response:
    """The facility's configuration (services, counters, devices with token hashes, its
    users with password hashes) as YAML; POST it to `/import` to apply it back."""
    rt = current()
    text = admin_transfer.export_facility(rt.uow(write=False), principal(), facility)
    return Response(text, mimetype=YAML, headers={
        "Content-Disposition": f'attachment; filename="{facility}.yaml"'})


@blp.post("/facilities/<facility>/import")
@blp.response(200, AdminImportOut)
@blp.doc(security=BEARER, requestBody={
    "required": True, "content": {YAML: {"schema": {"type": "string"}},
                                  "text/plain": {"schema": {"type": "string"}}}})
def import_(facility: str) -> Response:
    """Apply an exported file (exactly this facility, only its users) through the same
    checks as `load-config`; nothing is applied on an error (422 `invalid_config`)."""
    rt = current()
    text = request.get_data(as_text=True)
    return ready(admin_transfer.import_facility(rt.uow(), rt.clock, principal(), facility,
                                                text, demo=in_demo()), 200)
