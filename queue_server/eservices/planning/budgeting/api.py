"""e-Budgeting's API (/api/v1/budgeting/...): standard costs, office ceilings, budget
lines and the agency's decisions, the proposals ready to budget. Staff only."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from flask import Response, jsonify
from flask_smorest import Blueprint

from mobile_api.auth import principal
from queue_server.runtime import current

from . import ceilings, decisions, lines, standard_costs, views
from .api_schemas import (
    CeilingBody,
    CeilingsOut,
    DecisionBody,
    LineBody,
    LineOut,
    LineQuery,
    LinesOut,
    LoadedOut,
    OfficeQuery,
    ReadyListOut,
    StandardCostsBody,
    StandardCostsOut,
    YearQuery,
)

blp = Blueprint("budgeting", __name__, url_prefix="/api/v1/budgeting",
                description="e-Budgeting: standard costs, office ceilings, budget lines")
STAFF: list[dict[str, list[str]]] = [{"bearer": []}]


@blp.put("/standard-costs")
@blp.doc(security=STAFF)
@blp.arguments(StandardCostsBody())
@blp.response(200, LoadedOut)
def load_standard_costs(body: dict[str, Any]) -> Response:
    """Load a year's standard costs from CSV (agency or admin, 403 otherwise), all or
    nothing: refused rows (422 `budgeting_standard_costs_invalid`, `details.rows`)."""
    rt = current()
    return jsonify({"loaded": standard_costs.load(rt.uow(), principal(), body["year"],
                                                  body["csv"])})


@blp.get("/standard-costs")
@blp.doc(security=STAFF)
@blp.arguments(YearQuery(), location="query")
@blp.response(200, StandardCostsOut)
def list_standard_costs(args: dict[str, Any]) -> Response:
    """The year's standard costs by code."""
    rt = current()
    rows = standard_costs.listed(rt.uow(write=False), principal(), args["year"])
    return jsonify({"items": [{"code": r.code, "name": r.name, "unit": r.unit,
                               "price": r.price} for r in rows]})


@blp.put("/ceilings")
@blp.doc(security=STAFF)
@blp.arguments(CeilingBody())
@blp.response(200, CeilingsOut)
def set_ceiling(body: dict[str, Any]) -> Response:
    """Set an office's ceiling for a year (agency or admin; 403 otherwise); answers the
    year's ceilings."""
    rt, who = current(), principal()
    ceilings.set_ceiling(rt.uow(), who, body["year"], body["office"], body["amount"])
    return jsonify({"items": ceilings.listed(rt.uow(write=False), who, body["year"])})


@blp.get("/ceilings")
@blp.doc(security=STAFF)
@blp.arguments(YearQuery(), location="query")
@blp.response(200, CeilingsOut)
def list_ceilings(args: dict[str, Any]) -> Response:
    """The year's ceilings the caller reads (its offices'; agency and admin: all)."""
    return jsonify({"items": ceilings.listed(current().uow(write=False), principal(),
                                             args["year"])})


@blp.get("/proposals")
@blp.doc(security=STAFF)
@blp.arguments(OfficeQuery(), location="query")
@blp.response(200, ReadyListOut)
def ready(args: dict[str, Any]) -> Response:
    """The office's accepted, within-ceiling musrenbang proposals not yet budgeted."""
    return jsonify({"items": views.ready_proposals(current().uow(write=False), principal(),
                                                   args["office"])})


@blp.get("/lines")
@blp.doc(security=STAFF)
@blp.arguments(LineQuery(), location="query")
@blp.response(200, LinesOut)
def list_lines(args: dict[str, Any]) -> Response:
    """The lines the caller reads, by year, office and state (another office's: 403)."""
    return jsonify({"items": views.lines(current().uow(write=False), principal(), **args)})


@blp.post("/lines")
@blp.doc(security=STAFF)
@blp.arguments(LineBody())
@blp.response(201, LineOut)
def create_line(body: dict[str, Any]) -> tuple[Response, int]:
    """A draft line for the caller's office (its staff or head; 403 otherwise) from a
    ready proposal (at most one line each: 409) or a programme; flagged over the
    standard price or the office's ceiling."""
    rt, who = current(), principal()
    if body["quantity"] is not None:
        body["quantity"] = Decimal(str(body["quantity"])).quantize(Decimal("0.01"))
    line_id = lines.create(rt.uow(), rt.clock, who, lines.NewLine(**body))
    return jsonify(views.one(rt.uow(write=False), who, line_id)), 201


@blp.get("/lines/<int:line_id>")
@blp.doc(security=STAFF)
@blp.response(200, LineOut)
def get_line(line_id: int) -> Response:
    """One line (404; another office's 403)."""
    return jsonify(views.one(current().uow(write=False), principal(), line_id))


@blp.post("/lines/<int:line_id>/decision")
@blp.doc(security=STAFF)
@blp.arguments(DecisionBody())
@blp.response(200, LineOut)
def decide(body: dict[str, Any], line_id: int) -> Response:
    """The agency approves or rejects a draft line (403 others; 409 decided); a flagged
    line's approval or any rejection needs `reason` (422 `budgeting_reason_required`)."""
    rt, who = current(), principal()
    decisions.decide(rt.uow(), rt.clock, who, line_id, body["approve"], body["reason"])
    return jsonify(views.one(rt.uow(write=False), who, line_id))
