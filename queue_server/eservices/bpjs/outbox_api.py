"""/api/v1/bpjs: the outbox's staff routes: one round now (admin), and the
reconciliation of a facility's day with BPJS (JSON, or CSV with `?format=csv`)."""

from __future__ import annotations

from typing import Any

from flask import Response, current_app, request
from flask_smorest import Blueprint

from mobile_api.auth import principal
from mobile_api.report_schemas import as_csv
from mobile_api.responses import ready
from queue_server.runtime import current

from .client import client_from_config
from .outbox_loop import run_round
from .reconcile import csv_rows
from .reconcile_read import reconciliation
from .reconcile_schemas import BpjsReconcileOut, BpjsReconcileQuery, BpjsRoundOut

blp = Blueprint("bpjs_outbox", __name__, url_prefix="/api/v1/bpjs",
                description="BPJS Antrean Online: the outbox of calls to BPJS and the "
                            "reconciliation with what BPJS accepted")
BEARER: list[dict[str, list[str]]] = [{"bearer": []}]


@blp.post("/outbox/run")
@blp.response(200, BpjsRoundOut)
@blp.doc(security=BEARER, description="Admin only (403 `admin_only`).")
def run_outbox() -> Response:
    """Run one outbox round now: the ticket history read into calls, then the due calls
    sent to BPJS (none without a configured client: `configured` false)."""
    principal().require_admin()
    report = run_round(current(), client_from_config(current_app.config), current_app.config)
    return ready(report.view(), 200)


@blp.get("/reconciliation")
@blp.arguments(BpjsReconcileQuery(), location="query")
@blp.response(200, BpjsReconcileOut)
@blp.doc(security=BEARER, description=(
    "Admin and city: any facility; a facility admin: its own (403 `wrong_facility`); "
    "others 403 `reports_forbidden`; 404 `facility_not_found`. Visits are named by "
    "number and kodebooking only."))
def reconcile(args: dict[str, Any]) -> Any:
    """Per poli and day: our task times (count, average minutes per stage) against
    those BPJS accepted and BPJS's own dashboard when a client is configured; per visit
    what is still queued or was refused, with BPJS's message."""
    rt = current()
    result = reconciliation(rt.uow, rt.clock, principal(), args["facility"], args["day"],
                            client_from_config(current_app.config))
    wants_csv = args["format"] == "csv" or (
        args["format"] is None and request.accept_mimetypes.best == "text/csv")
    if not wants_csv:
        return ready(result, 200)
    name = f"bpjs-rekonsiliasi-{result['facility']}-{result['date']}.csv"
    return Response(as_csv(csv_rows(result["polis"])), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})
