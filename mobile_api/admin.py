"""/api/v1/admin: facilities, services and counters, each read or put as its entry in
the configuration file (the same checks and audit as `load-config`)."""

from __future__ import annotations

from typing import Any

from flask import Response, current_app
from werkzeug.exceptions import UnprocessableEntity

from queue_server.domain import admin_errors as refused
from queue_server.domain.errors import DomainError
from queue_server.edge.answers import error_response
from queue_server.runtime import current
from queue_server.services import admin_objects as objects
from queue_server.services.config_parse import plain_code

from .admin_schemas import (
    AdminCounterEntry,
    AdminCounterOutEntry,
    AdminCountersOut,
    AdminFacilitiesOut,
    AdminFacilityEntry,
    AdminFacilityOutEntry,
    AdminServiceEntry,
    AdminServiceOutEntry,
    AdminServicesOut,
)
from .auth import principal
from .blueprint import Blueprint
from .responses import ready

blp = Blueprint("admin_api", __name__, url_prefix="/api/v1/admin",
                description="Configuration: facilities, services, counters (admins)")
BEARER = [{"bearer": []}]
PUT_DOC = ("Creates (201) or updates (200) from the object's configuration entry, shaped "
           "as in the file `load-config` reads; keys left out take the loader's defaults. "
           "Errors: 422 `invalid_config` (the loader's message), 403 `admin_only` / "
           "`wrong_facility`, 404 `facility_not_found`.")


def unreadable(exc: UnprocessableEntity) -> Response:
    """A body or query the schema refused, said as the loader says it, in the caller's
    language and naming the key: not an object (EntryNotMapping), an unknown query key
    (UnknownKey), else FieldNotValid. Marshmallow's English never reaches a clerk."""
    data = getattr(exc, "data", None) or {}
    every = {k: v for place in (data.get("messages") or {}).values() for k, v in place.items()}
    key, said = next(iter(sorted(every.items())), ("_schema", []))
    error: DomainError = (refused.EntryNotMapping() if key == "_schema"
                          else refused.UnknownKey(key) if "Unknown field." in said
                          else refused.FieldNotValid(key))
    return error_response(422, error.code, error.message, error.message_en)


blp.register_error_handler(UnprocessableEntity, unreadable)


def code_of(item: str) -> str:
    """A service, counter or device code from the address, in the one form codes are
    stored in (`Umum` is `umum`); 422 `invalid_config` when it is not a plain code."""
    return plain_code(item, "code")


def in_order(body: dict[str, Any], status: int) -> Response:
    """A JSON answer with its keys in the order the entry has them (hours mon..sun, then
    special dates), not sorted as the app's other answers are."""
    return current_app.response_class(current_app.json.dumps(body, sort_keys=False),
                                      status=status, mimetype="application/json")


def _written(written: tuple[dict[str, Any], bool]) -> Response:
    view, created = written
    return in_order(view, 201 if created else 200)


@blp.get("/facilities")
@blp.response(200, AdminFacilitiesOut)
@blp.doc(security=BEARER)
def list_facilities() -> Response:
    """Every facility (admin, city) or the caller's own (facility admin)."""
    rt = current()
    return ready(objects.list_facilities(rt.uow(write=False), principal()), 200)


@blp.get("/facilities/<facility>")
@blp.response(200, AdminFacilityOutEntry)
@blp.doc(security=BEARER)
def get_facility(facility: str) -> Response:
    """One facility's own keys (admin, city, its facility admin)."""
    rt = current()
    return ready(objects.get_facility(rt.uow(write=False), principal(), facility), 200)


@blp.put("/facilities/<facility>")
@blp.arguments(AdminFacilityEntry())
@blp.response(200, AdminFacilityOutEntry)
@blp.alt_response(201, schema=AdminFacilityOutEntry, description="created (admin only)")
@blp.doc(security=BEARER, description=PUT_DOC)
def put_facility(body: dict[str, Any], facility: str) -> Response:
    """Create (admin) or update (admin, its facility admin) a facility."""
    rt = current()
    return _written(objects.put_facility(rt.uow(), rt.clock, principal(), facility, body))


@blp.get("/facilities/<facility>/services")
@blp.response(200, AdminServicesOut)
@blp.doc(security=BEARER)
def list_services(facility: str) -> Response:
    """The facility's services in display order, inactive ones too."""
    rt = current()
    return in_order(objects.list_services(rt.uow(write=False), principal(), facility), 200)


@blp.get("/facilities/<facility>/services/<item>")
@blp.response(200, AdminServiceOutEntry)
@blp.doc(security=BEARER)
def get_service(facility: str, item: str) -> Response:
    """One service's entry (404 `service_not_found`)."""
    rt = current()
    return in_order(objects.get_service(rt.uow(write=False), principal(), facility,
                                        code_of(item)), 200)


@blp.put("/facilities/<facility>/services/<item>")
@blp.arguments(AdminServiceEntry())
@blp.response(200, AdminServiceOutEntry)
@blp.alt_response(201, schema=AdminServiceOutEntry, description="created")
@blp.doc(security=BEARER, description=PUT_DOC)
def put_service(body: dict[str, Any], facility: str, item: str) -> Response:
    """Create or update a service (a new one is listed last)."""
    rt = current()
    return _written(objects.put_service(rt.uow(), rt.clock, principal(), facility,
                                        code_of(item), body))


@blp.get("/facilities/<facility>/counters")
@blp.response(200, AdminCountersOut)
@blp.doc(security=BEARER)
def list_counters(facility: str) -> Response:
    """The facility's counters in display order, inactive ones too."""
    rt = current()
    return ready(objects.list_counters(rt.uow(write=False), principal(), facility), 200)


@blp.get("/facilities/<facility>/counters/<item>")
@blp.response(200, AdminCounterOutEntry)
@blp.doc(security=BEARER)
def get_counter(facility: str, item: str) -> Response:
    """One counter's entry: its services in the order it calls them."""
    rt = current()
    return ready(objects.get_counter(rt.uow(write=False), principal(), facility,
                                     code_of(item)), 200)


@blp.put("/facilities/<facility>/counters/<item>")
@blp.arguments(AdminCounterEntry())
@blp.response(200, AdminCounterOutEntry)
@blp.alt_response(201, schema=AdminCounterOutEntry, description="created")
@blp.doc(security=BEARER, description=PUT_DOC)
def put_counter(body: dict[str, Any], facility: str, item: str) -> Response:
    """Create or update a counter; `services` in the order it calls them."""
    rt = current()
    return _written(objects.put_counter(rt.uow(), rt.clock, principal(), facility,
                                        code_of(item), body))
