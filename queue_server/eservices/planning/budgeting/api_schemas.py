"""Schemas of e-Budgeting's API: the shape of input (the rules' own checks, with their
messages, are in the use cases) and the OpenAPI document."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields, validate

_YEAR: dict[str, Any] = {"validate": validate.Range(min=2000, max=2100),
                        "metadata": {"example": 2027}}
_OFFICE: dict[str, Any] = {"validate": validate.Length(min=1, max=40),
                          "metadata": {"example": "dsdabm"}}


class StandardCostsBody(Schema):
    year = fields.Integer(required=True, **_YEAR)
    csv = fields.String(required=True, validate=validate.Length(min=1, max=2_000_000),
                        metadata={"description": "CSV with the header code,name,unit,price "
                                                 "(price: whole rupiah)"})


class LoadedOut(Schema):
    loaded = fields.Integer()


class YearQuery(Schema):
    year = fields.Integer(required=True, **_YEAR)


class StandardCostOut(Schema):
    code = fields.String()
    name = fields.String()
    unit = fields.String()
    price = fields.Integer(metadata={"description": "rupiah"})


class StandardCostsOut(Schema):
    items = fields.List(fields.Nested(StandardCostOut))


class CeilingBody(Schema):
    year = fields.Integer(required=True, **_YEAR)
    office = fields.String(required=True, **_OFFICE)
    amount = fields.Integer(required=True, validate=validate.Range(min=0, max=10**15),
                            metadata={"description": "rupiah"})


class CeilingOut(Schema):
    office = fields.String()
    office_name = fields.String()
    amount = fields.Integer()


class CeilingsOut(Schema):
    items = fields.List(fields.Nested(CeilingOut))


class LineBody(Schema):
    """A line from a proposal (`proposal`: its ref) or a programme (`title`, `year`,
    `standard_cost`, `quantity`, optionally `unit_price`)."""

    office = fields.String(required=True, **_OFFICE)
    code = fields.String(required=True, validate=validate.Length(min=1, max=60),
                         metadata={"description": "account code (Permendagri 90/2019)",
                                   "example": "1.03.10.2.01.0017.5.1.02.01.01.0024"})
    proposal = fields.String(load_default="", validate=validate.Length(max=30))
    title = fields.String(load_default="", validate=validate.Length(max=300))
    year = fields.Integer(load_default=None, allow_none=True, **_YEAR)
    standard_cost = fields.String(load_default="", validate=validate.Length(max=40))
    quantity = fields.Float(load_default=None, allow_none=True,
                            validate=validate.Range(min=0, max=10**9),
                            metadata={"description": "volume, two decimals kept"})
    unit_price = fields.Integer(load_default=None, allow_none=True,
                                validate=validate.Range(min=1, max=10**14))


class LineQuery(Schema):
    year = fields.Integer(load_default=None, **_YEAR)
    office = fields.String(load_default="", validate=validate.Length(max=40))
    state = fields.String(load_default="", validate=validate.OneOf(
        ["", "draft", "approved", "rejected"]))


class LineOut(Schema):
    id = fields.Integer()
    year = fields.Integer()
    code = fields.String()
    office = fields.String()
    office_name = fields.String()
    title = fields.String()
    source = fields.String(metadata={"description": "musrenbang or programme"})
    proposal = fields.String(allow_none=True)
    standard_cost = fields.String(allow_none=True)
    quantity = fields.Float()
    unit_price = fields.Integer()
    amount = fields.Integer()
    packaged = fields.Integer(metadata={"description": "rupiah in packages not cancelled"})
    left = fields.Integer()
    flags = fields.List(fields.String(), metadata={"description": "over_standard, "
                                                   "over_office_ceiling"})
    reason = fields.String()
    state = fields.String()


class LinesOut(Schema):
    items = fields.List(fields.Nested(LineOut))


class DecisionBody(Schema):
    approve = fields.Boolean(required=True)
    reason = fields.String(load_default="", validate=validate.Length(max=2000))


class OfficeQuery(Schema):
    office = fields.String(required=True, **_OFFICE)


class ReadyOut(Schema):
    ref = fields.String()
    item = fields.String()
    location = fields.String()
    quantity = fields.Float()
    unit_price = fields.Integer()
    amount = fields.Integer()


class ReadyListOut(Schema):
    items = fields.List(fields.Nested(ReadyOut))
