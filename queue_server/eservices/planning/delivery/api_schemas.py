"""Schemas of e-Delivery's API: the shape of input and the OpenAPI document."""

from __future__ import annotations

from marshmallow import INCLUDE, Schema, fields, validate


class DeliverySignBody(Schema):
    starts = fields.Date(load_default=None, allow_none=True,
                         metadata={"description": "default: the package's start"})
    ends = fields.Date(load_default=None, allow_none=True,
                       metadata={"description": "default: the package's end"})


class DeliveryInvoiceBody(Schema):
    termin = fields.Integer(required=True, strict=True, validate=validate.Range(min=1, max=100))
    number = fields.String(required=True, validate=validate.Length(min=1, max=60),
                           metadata={"description": "the provider's invoice number"})


class DeliveryDecideBody(Schema):
    approve = fields.Boolean(required=True)
    reason = fields.String(load_default="", validate=validate.Length(max=500))


class DeliveryPayBody(Schema):
    reference = fields.String(required=True, validate=validate.Length(min=1, max=60),
                              metadata={"description": "the SP2D number"})


class DeliveryContractOut(Schema):
    class Meta:
        unknown = INCLUDE

    package_code = fields.String(metadata={"example": "PKT-2026-0001"})
    number = fields.String(allow_none=True)
    provider = fields.String()
    value = fields.Integer(metadata={"description": "rupiah"})
    state = fields.String(metadata={"description": "award_letter, signed, started, "
                                                   "handed_over, terminated"})
    paid = fields.Integer(metadata={"description": "rupiah paid so far"})
    steps = fields.List(fields.Dict())
    termins = fields.List(fields.Dict())
    invoices = fields.List(fields.Dict())
    payments = fields.List(fields.Dict())


class DeliveryContractListOut(Schema):
    items = fields.List(fields.Nested(DeliveryContractOut))
