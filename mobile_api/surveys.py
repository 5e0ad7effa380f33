"""Satisfaction survey routes (/api/v1/surveys): a citizen sends the SKM of a finished
visit or a closed case; staff who read reports read the index (IKM), JSON or CSV."""

from __future__ import annotations

from typing import Any

from flask import Response, current_app, request
from marshmallow import fields, validate

from queue_server.domain import survey
from queue_server.edge import code_guard
from queue_server.runtime import current
from queue_server.services import surveys
from queue_server.services.surveys import Answer, IndexQuery

from .auth import principal
from .blueprint import Blueprint
from .fields import FacilityCode, VisitCode
from .report_schemas import ReportDay, as_csv
from .schemas import Strict

blp = Blueprint("surveys", __name__, url_prefix="/api/v1/surveys",
                description="Survei Kepuasan Masyarakat (Permenpan-RB 14/2017)")


class SurveyIn(Strict):
    subject = fields.String(required=True, validate=validate.OneOf(surveys.SUBJECTS),
                            metadata={"description": "`visit`: a queue visit (its ticket "
                                                     "code); `case`: an e-service case "
                                                     "(its tracking code)"})
    code = VisitCode(required=True, metadata={"example": "ABCD-EFGH-JK"})
    answers = fields.Raw(required=True, metadata={
        "description": "the nine answers 1–4 in the elements' order ("
                       + ", ".join(survey.ELEMENTS) + "), or an object by element code",
        "example": [4, 3, 4, 4, 3, 4, 4, 3, 4]})
    comment = fields.String(load_default="", validate=validate.Length(
        max=survey.COMMENT_MAX), metadata={"description": "a suggestion (saran), optional"})


class SurveyOut(Strict):
    subject = fields.String()
    code = fields.String()
    submitted_at = fields.String()


class SurveyIndexQueryIn(Strict):
    since = ReportDay(load_default=None, metadata={
        "description": "first local day (inclusive; default: 1 January of this year)",
        "example": "2026-01-01"})
    until = ReportDay(load_default=None, metadata={
        "description": "last local day (inclusive; default: today); at most 366 days",
        "example": "2026-11-30"})
    facility = FacilityCode(load_default=None, validate=validate.Length(min=1, max=40))
    office = fields.String(load_default=None, validate=validate.Length(min=1, max=40),
                           metadata={"description": "an office (OPD) code"})
    module = fields.String(load_default=None, validate=validate.Length(min=1, max=20),
                           metadata={"description": "`queue` or an e-service module"})
    format = fields.String(load_default=None, validate=validate.OneOf(["json", "csv"]))


class SurveyElementOut(Strict):
    element = fields.String()
    label = fields.String()
    label_en = fields.String()
    mean = fields.Float(allow_none=True)


class SurveyIndexOut(Strict):
    since = fields.String(data_key="from", attribute="from")
    until = fields.String(data_key="to", attribute="to")
    facility = fields.String(allow_none=True)
    office = fields.String(allow_none=True)
    module = fields.String(allow_none=True)
    count = fields.Integer()
    ikm = fields.Float(allow_none=True, metadata={"description": "25–100"})
    grade = fields.String(allow_none=True, metadata={"description": "A, B, C or D"})
    grade_label = fields.String(allow_none=True)
    grade_label_en = fields.String(allow_none=True)
    elements = fields.List(fields.Nested(SurveyElementOut))


@blp.post("")
@blp.arguments(SurveyIn)
@blp.response(201, SurveyOut)
def send(args: dict[str, Any]) -> Any:
    """Send the survey of a finished visit (every ticket done) or a closed case.

    Anyone holding the code may send it, once (409 `survey_already_given`); before the
    service is over 409 `survey_too_early`; an unknown code 404 `visit_not_found` or
    `case_not_found`, counted against the caller like every code guess."""
    code_guard.refuse_if_blocked()
    answer = Answer(args["subject"], args["code"], survey.parse_answers(args["answers"]),
                    args["comment"])
    rt = current()
    return surveys.send(rt.uow(), rt.clock, answer)


@blp.get("/index")
@blp.arguments(SurveyIndexQueryIn, location="query")
@blp.response(200, SurveyIndexOut)
@blp.doc(security=[{"bearer": []}])
def index(args: dict[str, Any]) -> Any:
    """The satisfaction index (IKM 25–100, grade A–D) and each element's mean.

    Admin and city: everything, or one facility, office or module; a facility admin:
    their facility's visits. `?format=csv` (or `Accept: text/csv`): one row per element
    and a last `ikm` row."""
    rt = current()
    query = IndexQuery(args["since"], args["until"], args["facility"], args["office"],
                       args["module"])
    result = surveys.index(rt.uow(write=False), rt.clock, principal(), query,
                           current_app.config.get("CITY_TIMEZONE", "Asia/Jakarta"))
    wants_csv = args["format"] == "csv" or (
        args["format"] is None and request.accept_mimetypes.best == "text/csv")
    if not wants_csv:
        return result
    name = f"antrian-ikm-{result['from']}-{result['to']}.csv"
    return Response(as_csv(surveys.index_rows(result)), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})
