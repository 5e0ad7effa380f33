"""e-Wadul's staff routes (/api/v1/wadul/...): the Media Center's entry and queue, an
office's inbox, categories (admin), reply templates and the dashboard (JSON or CSV)."""

from __future__ import annotations

from typing import Any

from flask import Response, current_app, jsonify, request

from mobile_api.auth import principal
from queue_server.edge.screening import takes_files
from queue_server.runtime import current
from queue_server.services.cases import city_today

from . import categories, dashboard, lists, replies
from .api import MULTIPART, blp, filed_answer, read_body, tz
from .api_schemas import (
    WadulCategoryBody,
    WadulCategoryOut,
    WadulDashboardOut,
    WadulDashboardQuery,
    WadulDeskReportBody,
    WadulFiledOut,
    WadulListOut,
    WadulRepliesQuery,
    WadulReplyOut,
    WadulStaffListQuery,
)
from .domain import MAX_PHOTOS, WadulForbidden
from .filing import ReportIn, desk_entry, file_config

STAFF: list[dict[str, list[str]]] = [{"bearer": []}]


def _staff() -> Any:
    who = principal()
    if who.kind != "staff":
        raise WadulForbidden("memakai layanan staf", "use staff services")
    return who


@blp.post("/desk/reports")
@takes_files(MAX_PHOTOS)
@blp.doc(security=STAFF, requestBody={"required": True, "content": {
    "application/json": {"schema": WadulDeskReportBody},
    "multipart/form-data": MULTIPART}})
@blp.response(201, WadulFiledOut)
def desk_report() -> Response:
    """The Media Center enters a complaint received by WhatsApp, phone, e-mail, social
    media or at the desk (`channel`), on the citizen's behalf: identity optional,
    confirmed at once; up to 3 photos (multipart field `photos`, as on the citizens'
    route). Desk and admin only (403 `wadul_forbidden`)."""
    who = _staff()
    body, photos = read_body(WadulDeskReportBody())
    rt = current()
    return filed_answer(desk_entry(rt.uow(), rt.clock, file_config(current_app), who,
                                   ReportIn(**body, photos=photos)))


def _list_in(args: dict[str, Any]) -> lists.ListIn:
    return lists.ListIn(office=args.get("office"), state=args.get("state"),
                        overdue=args.get("overdue"), escalated=args.get("escalated"),
                        category=args.get("category"), page=args["page"],
                        per_page=args["per_page"])


@blp.get("/reports")
@blp.doc(security=STAFF)
@blp.arguments(WadulStaffListQuery(), location="query")
@blp.response(200, WadulListOut)
def staff_reports(args: dict[str, Any]) -> Response:
    """An office's inbox: its staff see their offices' complaints only (`office` another
    office: 403 `wrong_office`); admin, city and the Media Center see every office's.
    Filters: `office`, `state`, `overdue`, `escalated`, `category`; paginated; newest
    first. No reporter in the rows (read one complaint for that)."""
    rt = current()
    return jsonify(lists.staff_list(rt.uow(write=False), rt.clock, tz(), _staff(),
                                    _list_in(args)))


@blp.get("/desk/queue")
@blp.doc(security=STAFF)
@blp.arguments(WadulStaffListQuery(), location="query")
@blp.response(200, WadulListOut)
def desk_queue(args: dict[str, Any]) -> Response:
    """The Media Center's queue: received and verified complaints and those an office
    returned (`state=returned` for those alone). Desk and admin only."""
    rt = current()
    return jsonify(lists.desk_queue(rt.uow(write=False), rt.clock, tz(), _staff(),
                                    _list_in(args)))


@blp.put("/categories/<string:code>")
@blp.doc(security=STAFF)
@blp.arguments(WadulCategoryBody())
@blp.response(200, WadulCategoryOut)
def put_category(body: dict[str, Any], code: str) -> Response:
    """Create or change a category (admin only): name, office code, days to answer
    (working days, 1-60), redirect (an emergency: no form), active, position."""
    return jsonify(categories.put_category(current().uow(), _staff(), code, body))


@blp.get("/replies")
@blp.doc(security=STAFF)
@blp.arguments(WadulRepliesQuery(), location="query")
@blp.response(200, WadulReplyOut(many=True))
def list_replies(args: dict[str, Any]) -> Response:
    """Reply templates for staff, `{state, action, title, text}` (those for `state`)."""
    _staff()
    return jsonify(replies.replies(args["state"]))


@blp.get("/dashboard")
@blp.doc(security=STAFF)
@blp.arguments(WadulDashboardQuery(), location="query")
@blp.response(200, WadulDashboardOut)
def show_dashboard(args: dict[str, Any]) -> Response:
    """Complaints per category, office and month, median working days to answer, the
    share answered within the category's days, ratings (mean, count); `format=csv` (or
    `Accept: text/csv`) for CSV. Admin, city and Media Center: every office (or
    `office`); an office head: their own; others 403."""
    rt = current()
    today = city_today(rt.clock, tz())
    result = dashboard.dashboard(rt.uow(write=False), tz(), today, _staff(),
                                 dashboard.period(args["since"], args["until"], today),
                                 args["office"])
    wants_csv = args["format"] == "csv" or (
        args["format"] is None and request.accept_mimetypes.best == "text/csv")
    if not wants_csv:
        return jsonify(result)
    name = f"wadul-dashboard-{result['since']}-{result['until']}.csv"
    return Response(dashboard.dashboard_csv(result), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})
