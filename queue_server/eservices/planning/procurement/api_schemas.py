"""Schemas of e-Procurement's API: the shape of input (the rules' own checks, with their
messages, are in the use cases) and the OpenAPI document."""

from __future__ import annotations

from marshmallow import INCLUDE, Schema, fields, validate

_MONEY = {"description": "rupiah, whole", "example": 1_250_000_000}
_CODE = validate.Length(min=1, max=40)
_RUPIAH = validate.Range(min=1, max=10**15)


class ProcurementProviderBody(Schema):
    office = fields.String(load_default=None, allow_none=True, validate=_CODE,
                           metadata={"description": "the provider's office code (kind "
                                                    "provider)", "example": "cv-karya-mandiri"})
    name = fields.String(required=True, validate=validate.Length(min=1, max=200))
    npwp = fields.String(required=True, validate=validate.Length(max=30),
                         metadata={"example": "01.234.567.8-901.000"})
    address = fields.String(load_default="", validate=validate.Length(max=300))


class ProcurementProviderOut(Schema):
    id = fields.Integer()
    name = fields.String()
    npwp = fields.String()


class ProcurementBlacklistBody(Schema):
    npwp = fields.String(required=True, validate=validate.Length(max=30))
    name = fields.String(required=True, validate=validate.Length(min=1, max=200))
    reason = fields.String(required=True, validate=validate.Length(min=1, max=2000))
    starts = fields.Date(required=True)
    ends = fields.Date(load_default=None, allow_none=True)
    source = fields.String(load_default="", validate=validate.Length(max=120))


class ProcurementBlacklistOut(Schema):
    class Meta:
        unknown = INCLUDE

    items = fields.List(fields.Dict())
    added = fields.Integer()


class ProcurementTenderCreateBody(Schema):
    package = fields.String(required=True, validate=_CODE,
                            metadata={"example": "PKT-2026-0001"})


class ProcurementPublishBody(Schema):
    bid_deadline = fields.AwareDateTime(required=True, metadata={"description":
                                        "ISO 8601 with offset; after now"})


class ProcurementBidBody(Schema):
    amount = fields.Integer(required=True, strict=True, validate=_RUPIAH, metadata=_MONEY)


class ProcurementEvaluateBody(Schema):
    bid = fields.Integer(required=True, strict=True, validate=validate.Range(min=1, max=2**31))
    passed = fields.Boolean(required=True)
    score = fields.Float(load_default=None, allow_none=True,
                         validate=validate.Range(min=0, max=100))
    note = fields.String(load_default="", validate=validate.Length(max=2000))


class ProcurementAwardBody(Schema):
    bid = fields.Integer(required=True, strict=True, validate=validate.Range(min=1, max=2**31))


class ProcurementComplaintBody(Schema):
    text = fields.String(required=True, validate=validate.Length(min=1, max=4000))


class ProcurementAnswerBody(Schema):
    upheld = fields.Boolean(required=True)
    answer = fields.String(required=True, validate=validate.Length(min=1, max=4000))


class ProcurementDirectBody(Schema):
    package = fields.String(required=True, validate=_CODE)
    provider = fields.String(required=True, validate=_CODE,
                             metadata={"description": "the provider's office code"})
    offer = fields.Integer(required=True, strict=True, validate=_RUPIAH, metadata=_MONEY)
    negotiated = fields.Integer(required=True, strict=True, validate=_RUPIAH, metadata=_MONEY)
    note = fields.String(load_default="", validate=validate.Length(max=2000))


class ProcurementSpseBidder(Schema):
    npwp = fields.String(required=True, validate=validate.Length(max=30))
    name = fields.String(required=True, validate=validate.Length(min=1, max=200))
    amount = fields.Integer(required=True, strict=True, validate=_RUPIAH, metadata=_MONEY)


class ProcurementSpseBody(Schema):
    tender_id = fields.String(required=True, validate=validate.Length(min=1, max=50),
                              metadata={"description": "SPSE's tender id (kode tender)"})
    package_code = fields.String(required=True, validate=_CODE)
    bidders = fields.List(fields.Nested(ProcurementSpseBidder), required=True,
                          validate=validate.Length(min=1, max=100))
    winner = fields.String(required=True, validate=validate.Length(max=30),
                           metadata={"description": "the winner's NPWP"})
    awarded_on = fields.Date(load_default=None, allow_none=True)


class ProcurementTenderOut(Schema):
    class Meta:
        unknown = INCLUDE

    code = fields.String(metadata={"example": "PBJ-2026-0001"})
    package_code = fields.String()
    ocid = fields.String()
    title = fields.String()
    method = fields.String()
    state = fields.String(metadata={"description": "draft, published, evaluation, awarded, "
                                                   "cancelled, failed"})
    value = fields.Integer(metadata=_MONEY)
    source = fields.String(metadata={"description": "local or spse"})
    bids = fields.List(fields.Dict())
    complaints = fields.List(fields.Dict())


class ProcurementTenderListOut(Schema):
    items = fields.List(fields.Nested(ProcurementTenderOut))
