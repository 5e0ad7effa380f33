"""e-Controlling's API bodies and answers (marshmallow, in the OpenAPI document)."""

from __future__ import annotations

from marshmallow import Schema, fields, validate


class ControllingReportBody(Schema):
    month = fields.String(required=True, validate=validate.Length(min=1, max=7),
                          metadata={"description": "YYYY-MM, not in the future, not before "
                                                   "the contract's start"})
    physical = fields.Decimal(required=True, as_string=True,
                              metadata={"description": "cumulative percent, 0-100"})
    financial = fields.Decimal(required=True, as_string=True,
                               metadata={"description": "cumulative percent, 0-100"})
    spent = fields.Integer(load_default=0, validate=validate.Range(min=0, max=10**15),
                           metadata={"description": "rupiah, cumulative: what the provider "
                                    "reports it has spent on the works (realisasi keuangan "
                                    "menurut penyedia), not money paid to it"})
    note = fields.String(load_default="", validate=validate.Length(max=2000))


class ControllingDecisionBody(Schema):
    decision = fields.String(required=True, validate=validate.OneOf(["approve", "return"]))
    reason = fields.String(load_default="", validate=validate.Length(max=500),
                           metadata={"description": "required to return"})


class ControllingPhotoOut(Schema):
    id = fields.Integer()
    content_type = fields.String()
    size = fields.Integer()
    url = fields.String()


class ControllingReportOut(Schema):
    id = fields.Integer()
    contract_id = fields.Integer()
    package_id = fields.Integer()
    month = fields.String()
    physical = fields.Float()
    financial = fields.Float()
    spent = fields.Integer(metadata={"description": "rupiah, cumulative, as the provider "
                                     "reports it (realisasi keuangan menurut penyedia); "
                                     "not money paid"})
    note = fields.String()
    state = fields.String(metadata={"description": "submitted, approved, returned"})
    reason = fields.String()
    reported_at = fields.String()
    decided_at = fields.String(allow_none=True)
    photos = fields.List(fields.Nested(ControllingPhotoOut))


class ControllingDashboardQuery(Schema):
    office = fields.String(load_default=None, validate=validate.Length(min=1, max=40))
    kecamatan = fields.String(load_default=None, validate=validate.Length(min=1, max=40))
    format = fields.String(load_default=None, validate=validate.OneOf(["json", "csv"]))


class ControllingDashboardOut(Schema):
    class Meta:
        unknown = "include"

    today = fields.String()
    thresholds = fields.Dict()
    packages = fields.List(fields.Dict(), metadata={"description": "per package: planned, "
                           "actual, deviation (percent points); spent: rupiah the provider "
                           "reports it has spent (realisasi keuangan menurut penyedia), not "
                           "money paid; paid: rupiah paid to the provider (Dibayar: "
                           "payments recorded with their SP2D); days_late (calendar days "
                           "finished, or running, after the contract's end) and "
                           "late_penalty (rupiah: per mil of the contract value per day "
                           "late, Perpres 16/2018 art. 79(4)); flags late/overspent/stalled"})
    per_office = fields.List(fields.Dict())
    per_kecamatan = fields.List(fields.Dict())
    totals = fields.Dict()
    curve = fields.List(fields.Dict(), metadata={"description": "value-weighted {month, "
                                                                "planned, actual}; actual "
                                                                "null for a month not over "
                                                                "(after this one, or this one "
                                                                "before its report is "
                                                                "approved)"})


class ControllingPackageOut(Schema):
    class Meta:
        unknown = "include"

    code = fields.String()
    title = fields.String()
    value = fields.Integer()
    state = fields.String()
    starts = fields.String()
    ends = fields.String()
    office = fields.String(allow_none=True)
    office_name = fields.String(allow_none=True)
    office_name_en = fields.String(allow_none=True)
    kecamatan_name = fields.String(allow_none=True)
    contract = fields.Dict(allow_none=True, metadata={
        "description": "number, value, state, provider, starts, ends, termins_paid, paid "
                       "(rupiah paid to the provider), days_late, late_penalty (rupiah)"})
    curve = fields.List(fields.Dict(), metadata={"description": "{month, planned, actual}; "
                                                 "actual null for a month not over"})
    reports = fields.List(fields.Dict())
