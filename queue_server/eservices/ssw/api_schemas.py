"""Schemas of SSW's API: they check the shape of input (the rules' own checks, with
their messages, are in the use cases) and write the OpenAPI document."""

from __future__ import annotations

from marshmallow import INCLUDE, Schema, fields, validate

from mobile_api.report_schemas import ReportDay

_REF = {"description": "the public reference", "example": "SSW-12"}


class SswApplicationBody(Schema):
    """An application's form fields (multipart, beside one file per requirement code)."""

    permit_type = fields.String(required=True, validate=validate.Length(min=1, max=40),
                                metadata={"example": "reklame"})
    applicant_kind = fields.String(required=True,
                                   validate=validate.OneOf(["person", "business"]))
    nik = fields.String(required=True, validate=validate.Length(max=40))
    phone = fields.String(required=True, validate=validate.Length(max=40))
    name = fields.String(required=True, validate=validate.Length(max=200))
    address = fields.String(required=True, validate=validate.Length(max=300))
    kelurahan = fields.String(load_default=None, allow_none=True,
                              validate=validate.Length(max=80))
    business_name = fields.String(load_default=None, allow_none=True,
                                  validate=validate.Length(max=200))
    nib = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=20))
    renewal_of = fields.String(load_default=None, allow_none=True,
                               validate=validate.Length(max=40),
                               metadata={"description": "the reference of the application "
                                                        "whose permit this renews"})


class SswFiledOut(Schema):
    code = fields.String(metadata={"description": "the tracking code (the applicant's "
                                                  "secret)", "example": "K7M2QX9PTA"})
    ref = fields.String(metadata=_REF)
    state = fields.String(metadata={"example": "submitted"})
    due = fields.String(allow_none=True, metadata={"description": "ISO date, working days"})
    confirmed = fields.Boolean()
    case_url = fields.String(metadata={"example": "/c/K7M2QX9PTA"})


class SswPermitTypeOut(Schema):
    class Meta:
        unknown = INCLUDE

    code = fields.String()
    name = fields.String()
    name_en = fields.String()
    documents = fields.List(fields.Dict())
    fee = fields.Integer(metadata={"description": "rupiah"})
    days = fields.Integer(metadata={"description": "deadline in working days"})
    validity_months = fields.Integer(allow_none=True)
    reviewers = fields.List(fields.Dict())
    inspection = fields.Boolean()
    checklist = fields.List(fields.Dict())
    template = fields.Dict()
    active = fields.Boolean()


class SswCatalogueBody(Schema):
    permits = fields.List(fields.Dict(), required=True,
                          metadata={"description": "catalogue.yaml's entries"})


class SswLoadedOut(Schema):
    loaded = fields.Integer()


class SswListQuery(Schema):
    list = fields.String(load_default="all", validate=validate.OneOf(
        ["desk", "review", "inspection", "approval", "monitor", "all"]))


class SswListOut(Schema):
    items = fields.List(fields.Dict())


class SswCaseOut(Schema):
    class Meta:
        unknown = INCLUDE

    ref = fields.String(metadata=_REF)
    state = fields.String()
    documents = fields.List(fields.Dict())
    reviews = fields.List(fields.Dict())
    progress = fields.Dict()
    timeline = fields.List(fields.Dict())


class SswCheckBody(Schema):
    accepted = fields.Boolean(required=True)
    reason = fields.String(load_default="", validate=validate.Length(max=500),
                           metadata={"description": "required when not accepted"})


class SswReviewBody(Schema):
    approve = fields.Boolean(required=True)
    comment = fields.String(load_default="", validate=validate.Length(max=4000),
                            metadata={"description": "required for an objection"})


class SswInspectionBody(Schema):
    answers = fields.Dict(keys=fields.String(), values=fields.Dict(), required=True,
                          metadata={"description": "checklist item code → {ok, note}"})
    result = fields.String(required=True, validate=validate.OneOf(["pass", "fail"]))
    notes = fields.String(load_default="", validate=validate.Length(max=2000))


class SswActionBody(Schema):
    action = fields.String(required=True, validate=validate.OneOf(
        ["issue", "reject", "revoke", "revise"]))
    comment = fields.String(load_default="", validate=validate.Length(max=4000))
    documents = fields.Dict(keys=fields.String(), values=fields.String(
        validate=validate.Length(max=500)), load_default=dict, metadata={
            "description": "`revise` only: requirement code → the reason the applicant "
                           "reads (at least one)", "example": {"desain": "Geser lokasi"}})


class SswActionOut(Schema):
    ref = fields.String(metadata=_REF)
    state = fields.String()
    document_code = fields.String(allow_none=True)
    permit_number = fields.String(allow_none=True)


class SswReportQuery(Schema):
    from_ = ReportDay(data_key="from", required=True, metadata={"example": "2026-11-01"})
    to = ReportDay(required=True, metadata={"example": "2026-11-30"})
    format = fields.String(load_default="json", validate=validate.OneOf(["json", "csv"]))


class SswReportOut(Schema):
    rows = fields.List(fields.Dict())
