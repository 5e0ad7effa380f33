"""SSW's staff routes (/api/v1/ssw/...): the work lists, one application, the desk's
document checks, the reviewing offices' reviews, the inspection, the decisions, the
report (JSON or CSV), and the catalogue (admin)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import Response, current_app, jsonify, request

from mobile_api.auth import principal
from mobile_api.report_schemas import as_csv
from queue_server.persistence.document_store import document_store
from queue_server.runtime import current
from queue_server.services.auth import ADMIN, Principal
from queue_server.signing import signer_of

from . import catalogue, checks, decisions, inspections, reports, reviews, views
from .api import blp
from .api_schemas import (
    SswActionBody,
    SswActionOut,
    SswCaseOut,
    SswCatalogueBody,
    SswCheckBody,
    SswInspectionBody,
    SswListOut,
    SswListQuery,
    SswLoadedOut,
    SswReportOut,
    SswReportQuery,
    SswReviewBody,
)
from .errors import SswForbidden
from .flow import city_tz

STAFF: list[dict[str, list[str]]] = [{"bearer": []}]


def _staff() -> Principal:
    who = principal()
    if who.kind != "staff":
        raise SswForbidden("membaca", "read")
    return who


def _case(ref: str) -> Response:
    rt = current()
    lang = "en" if request.args.get("lang") == "en" else "id"
    return jsonify(views.staff_view(rt.uow(write=False), _staff(), ref, city_tz(), lang))


@blp.put("/permit-types")
@blp.doc(security=STAFF)
@blp.arguments(SswCatalogueBody())
@blp.response(200, SswLoadedOut)
def load_permit_types(body: dict[str, Any]) -> Response:
    """Load the catalogue (admin only, 403 `ssw_forbidden`): `permits`, entries shaped
    as catalogue.yaml's; each created or updated by code, all checked before any is
    written (`ssw_catalogue_invalid` 422)."""
    if _staff().role != ADMIN:
        raise SswForbidden("mengubah katalog", "change the catalogue of")
    return jsonify({"loaded": catalogue.load_catalogue(current().uow(), body["permits"])})


@blp.get("/applications")
@blp.doc(security=STAFF)
@blp.arguments(SswListQuery(), location="query")
@blp.response(200, SswListOut)
def staff_list(args: dict[str, Any]) -> Response:
    """A work list: `desk` (document check, corrections, objections), `review`,
    `inspection`, `approval`, `monitor` (every open application with its deadline
    state: the desk watches those with the offices and the inspector), `all`. The
    intake office (dpmptsp) and the admin see every application; a reviewing office's
    staff those it reviews; unconfirmed applications are in none. Rows carry no
    personal data: ref, permit, applicant kind, business name, state, due, progress
    (working days; `warning` ≥ 80 %, `overdue` after the due day)."""
    rt = current()
    return jsonify({"items": views.lists(rt.uow(write=False), _staff(), args["list"])})


@blp.get("/cases/<string:ref>")
@blp.doc(security=STAFF)
@blp.response(200, SswCaseOut)
def staff_case(ref: str) -> Response:
    """One application as staff read it (views.staff_view): documents with their states,
    reviews with their own deadlines, inspection, progress, timeline, permit, and the
    caller's possible actions. `?lang=en` for English labels."""
    return _case(ref)


@blp.post("/cases/<string:ref>/documents/<string:requirement>")
@blp.doc(security=STAFF)
@blp.arguments(SswCheckBody())
@blp.response(200, SswCaseOut)
def check(body: dict[str, Any], ref: str, requirement: str) -> Response:
    """The desk checks a document: `accepted`, or not with a `reason`
    (`ssw_reason_required` 422). Desk (dpmptsp members) and admin only."""
    rt = current()
    checks.check_document(rt.uow(), rt.clock, _staff(), ref, requirement, body["accepted"],
                          body["reason"])
    return _case(ref)


@blp.post("/cases/<string:ref>/reviews/<string:office>")
@blp.doc(security=STAFF)
@blp.arguments(SswReviewBody())
@blp.response(200, SswCaseOut)
def review(body: dict[str, Any], ref: str, office: str) -> Response:
    """A reviewing office's member approves or objects (`comment` required). Another
    office's staff: 403 `ssw_forbidden`; not a reviewer: 422 `ssw_not_a_reviewer`."""
    rt = current()
    reviews.decide_review(rt.uow(), rt.clock, _staff(), ref, office, body["approve"],
                          body["comment"])
    return _case(ref)


@blp.post("/cases/<string:ref>/inspection")
@blp.doc(security=STAFF)
@blp.arguments(SswInspectionBody())
@blp.response(200, SswCaseOut)
def inspect(body: dict[str, Any], ref: str) -> Response:
    """The inspector records the checklist `answers`, `result` pass or fail (`notes`
    required on fail)."""
    rt = current()
    inspections.record_inspection(rt.uow(), rt.clock, _staff(), ref, body["answers"],
                                  body["result"], body["notes"])
    return _case(ref)


@blp.post("/cases/<string:ref>/actions")
@blp.doc(security=STAFF)
@blp.arguments(SswActionBody())
@blp.response(200, SswActionOut)
def action(body: dict[str, Any], ref: str) -> Response:
    """`issue` (head of dpmptsp: numbered, signed PDF, `document_code` to verify at
    `/v/{code}`), `reject` (with `comment`: the reasons), `revoke` (head, `comment`),
    `revise` (desk, after an objection or a failed inspection: `documents` names each
    document the applicant must correct with its reason; the case waits in
    `revision`)."""
    rt, who, uow = current(), _staff(), current().uow()
    what, comment = body["action"], body["comment"]
    if what == "issue":
        base = (current_app.config.get("PUBLIC_URL") or request.host_url).rstrip("/")
        decisions.issue_permit(uow, rt.clock, who, ref, signer_of(current_app),
                               document_store(current_app.instance_path), base)
    elif what == "reject":
        decisions.reject(uow, rt.clock, who, ref, comment)
    elif what == "revoke":
        decisions.revoke_permit(uow, rt.clock, who, ref, comment)
    else:
        decisions.send_back(uow, rt.clock, who, ref, comment, body["documents"])
    seen = views.staff_view(rt.uow(write=False), who, ref, city_tz(), "id")
    return jsonify({"ref": seen["ref"], "state": seen["state"],
                    "document_code": seen["document_code"],
                    "permit_number": seen["permit_number"]})


def _report_readers_first(view: Callable[..., Any]) -> Callable[..., Any]:
    """Who may read the reports is asked before the query is read: anyone else gets 403
    `ssw_forbidden` whatever the query (not a 422 telling them about it)."""
    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        views.require_whole(current().uow(write=False), _staff())
        return view(*args, **kwargs)
    return wrapped


@blp.get("/reports")
@blp.doc(security=STAFF)
@_report_readers_first
@blp.arguments(SswReportQuery(), location="query")
@blp.response(200, SswReportOut)
def report(args: dict[str, Any]) -> Response:
    """Per permit type (applications, decided, issued, rejected, median working days
    with one decimal, share on time) and per reviewing office (reviews, median days,
    share on time), for `from`..`to` (`from` after `to`: 422 `invalid_range`);
    `format=csv` for CSV: one table, every column named, `kind` permit or office. The
    admin and the intake office's staff (403 `ssw_forbidden` for anyone else)."""
    rt = current()
    rows = reports.report(rt.uow(write=False), args["from_"], args["to"])
    if args["format"] == "csv":
        name = f"ssw-{args['from_']}-{args['to']}.csv"
        return Response(as_csv(reports.table(rows)), mimetype="text/csv",
                        headers={"Content-Disposition": f'attachment; filename="{name}"'})
    return jsonify({"rows": rows})
