"""e-Project's API (/api/v1/projects/...): the work packages of approved budget lines
and the method the value thresholds suggest. Staff only."""

from __future__ import annotations

from typing import Any

from flask import Response, current_app, jsonify
from flask_smorest import Blueprint

from mobile_api.auth import principal
from queue_server.runtime import current

from ..budgeting.access import who_is
from . import changes, methods, packages, views
from .api_schemas import (
    ActionBody,
    MethodOut,
    MethodQuery,
    PackageBody,
    PackageChangeBody,
    PackageOut,
    PackageQuery,
    PackagesOut,
)

blp = Blueprint("projects", __name__, url_prefix="/api/v1/projects",
                description="e-Project: work packages of budget lines")
STAFF: list[dict[str, list[str]]] = [{"bearer": []}]


@blp.get("/method")
@blp.doc(security=STAFF)
@blp.arguments(MethodQuery(), location="query")
@blp.response(200, MethodOut)
def suggest(args: dict[str, Any]) -> Response:
    """The method the thresholds (Perpres 12/2021, methods.yaml) suggest for a value."""
    with current().uow(write=False) as uow:
        who_is(uow, principal())
    method = methods.suggest(args["value"], args["category"])
    return jsonify({"method": method, "needs_tender": methods.needs_tender(method),
                    "direct_limit": methods.direct_limit(args["category"])})


@blp.get("/packages")
@blp.doc(security=STAFF)
@blp.arguments(PackageQuery(), location="query")
@blp.response(200, PackagesOut)
def list_packages(args: dict[str, Any]) -> Response:
    """The packages the caller reads, by office, line and state (another office's 403)."""
    return jsonify({"items": views.listed(current().uow(write=False), principal(), **args)})


@blp.post("/packages")
@blp.doc(security=STAFF)
@blp.arguments(PackageBody())
@blp.response(201, PackageOut)
def add_package(body: dict[str, Any]) -> tuple[Response, int]:
    """A draft package of an approved line (its office's staff, head or PPK; 403
    others). Never above what the line has left (409 `project_line_exceeded` with
    `details.left`); direct procurement above its limit is 422."""
    rt, who = current(), principal()
    code = packages.add(rt.uow(), rt.clock, current_app.config, who,
                        packages.NewPackage(**body))
    return jsonify(views.one(rt.uow(write=False), who, code)), 201


@blp.get("/packages/<string:code>")
@blp.doc(security=STAFF)
@blp.response(200, PackageOut)
def get_package(code: str) -> Response:
    """One package (404; another office's 403)."""
    return jsonify(views.one(current().uow(write=False), principal(), code))


@blp.patch("/packages/<string:code>")
@blp.doc(security=STAFF)
@blp.arguments(PackageChangeBody())
@blp.response(200, PackageOut)
def change_package(body: dict[str, Any], code: str) -> Response:
    """Change a draft or planned package (its office's staff, head or PPK; 403 others):
    title, value within what the line has left (409 `project_line_exceeded`), method,
    schedule, payment plan, planned progress; 409 `project_wrong_state` once procurement
    has started (procuring, contracted …). Published as OCDS `planningUpdate`."""
    rt, who = current(), principal()
    changes.change(rt.uow(), rt.clock, who, code, changes.PackageChange(**body))
    return jsonify(views.one(rt.uow(write=False), who, code))


@blp.post("/packages/<string:code>/actions")
@blp.doc(security=STAFF)
@blp.arguments(ActionBody())
@blp.response(200, PackageOut)
def act(body: dict[str, Any], code: str) -> Response:
    """`plan` (draft → planned, ready for procurement) or `cancel` (not once
    contracted): 409 at a wrong state."""
    rt, who = current(), principal()
    packages.act(rt.uow(), rt.clock, who, code, body["action"])
    return jsonify(views.one(rt.uow(write=False), who, code))
