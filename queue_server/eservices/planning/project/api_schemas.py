"""Schemas of e-Project's API: the shape of input (the rules' checks are in the use
cases) and the OpenAPI document."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from .methods import CATEGORIES


class TerminSchema(Schema):
    termin = fields.Integer(required=True, validate=validate.Range(min=1, max=48))
    percent = fields.Float(required=True, validate=validate.Range(min=0, max=100))
    month = fields.String(required=True, validate=validate.Regexp(r"^\d{4}-\d{2}$"),
                          metadata={"example": "2027-06"})


class PlanStepSchema(Schema):
    month = fields.String(required=True, validate=validate.Regexp(r"^\d{4}-\d{2}$"))
    percent = fields.Float(required=True, validate=validate.Range(min=0, max=100))


class PackageBody(Schema):
    line = fields.Integer(required=True, validate=validate.Range(min=1, max=2**31 - 1),
                          metadata={"description": "the budget line's id"})
    title = fields.String(required=True, validate=validate.Length(min=1, max=300))
    value = fields.Integer(required=True, validate=validate.Range(min=1, max=10**14),
                           metadata={"description": "rupiah (HPS)"})
    category = fields.String(required=True, validate=validate.OneOf(CATEGORIES))
    starts = fields.Date(required=True)
    ends = fields.Date(required=True)
    method = fields.String(load_default="", validate=validate.OneOf(
        ["", "direct", "tender", "e_purchasing"]), metadata={
        "description": "empty: the method the thresholds suggest"})
    payment_plan = fields.List(fields.Nested(TerminSchema), load_default=None,
                               validate=validate.Length(max=48),
                               metadata={"description": "termins summing to 100 %; "
                                         "none: one termin in the last month"})
    plan = fields.List(fields.Nested(PlanStepSchema), load_default=None,
                       validate=validate.Length(max=120),
                       metadata={"description": "planned cumulative physical progress "
                                 "per month; none: an S-curve over the schedule"})
    kecamatan = fields.String(load_default="", validate=validate.Length(max=40))
    multi_year = fields.Boolean(load_default=False, metadata={
        "description": "a multi-year contract (kontrak tahun jamak): the schedule may end "
                       "after 31 December of the line's year; needs multi_year_reason"})
    multi_year_reason = fields.String(load_default="", validate=validate.Length(max=500),
                                      metadata={"description": "the multi-year approval"})


class PackageChangeBody(Schema):
    """Only the fields sent change; the rest are kept."""

    title = fields.String(validate=validate.Length(min=1, max=300))
    value = fields.Integer(validate=validate.Range(min=1, max=10**14),
                           metadata={"description": "rupiah (HPS), within what the line "
                                     "has left besides this package"})
    method = fields.String(validate=validate.OneOf(["", "direct", "tender", "e_purchasing"]),
                           metadata={"description": "empty: the method the thresholds "
                                     "suggest; not sent: kept (a suggested one follows "
                                     "the new value)"})
    starts = fields.Date()
    ends = fields.Date()
    payment_plan = fields.List(fields.Nested(TerminSchema), validate=validate.Length(
        max=48), metadata={"description": "not sent: the one held, which must fit the "
                           "schedule"})
    plan = fields.List(fields.Nested(PlanStepSchema), validate=validate.Length(max=120),
                       metadata={"description": "not sent: the one held if it fits the "
                                 "schedule, else an S-curve"})
    multi_year = fields.Boolean(metadata={"description": "a multi-year contract; not "
                                          "sent: kept"})
    multi_year_reason = fields.String(validate=validate.Length(max=500))


class PackageOut(Schema):
    code = fields.String(metadata={"example": "PKT-2027-0001"})
    ocid = fields.String(metadata={"example": "ocds-sby000-PKT-2027-0001"})
    line = fields.Integer()
    office = fields.String()
    kecamatan = fields.String(allow_none=True)
    title = fields.String()
    value = fields.Integer()
    category = fields.String()
    method = fields.String()
    method_suggested = fields.String()
    starts = fields.String()
    ends = fields.String()
    payment_plan = fields.List(fields.Nested(TerminSchema))
    plan = fields.List(fields.Nested(PlanStepSchema))
    state = fields.String()
    multi_year = fields.Boolean(metadata={"description": "may end after its line's year"})
    multi_year_reason = fields.String()


class PackagesOut(Schema):
    items = fields.List(fields.Nested(PackageOut))


class PackageQuery(Schema):
    office = fields.String(load_default="", validate=validate.Length(max=40))
    line = fields.Integer(load_default=None, validate=validate.Range(min=1, max=2**31 - 1))
    state = fields.String(load_default="", validate=validate.OneOf(
        ["", "draft", "planned", "procuring", "contracted", "completed", "cancelled"]))


class ActionBody(Schema):
    action = fields.String(required=True, validate=validate.OneOf(["plan", "cancel"]))


class MethodQuery(Schema):
    value = fields.Integer(required=True, validate=validate.Range(min=1, max=10**14))
    category = fields.String(required=True, validate=validate.OneOf(CATEGORIES))


class MethodOut(Schema):
    method = fields.String()
    needs_tender = fields.Boolean()
    direct_limit = fields.Integer()
