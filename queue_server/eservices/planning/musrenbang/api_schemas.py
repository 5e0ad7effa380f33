"""Schemas of e-Musrenbang's API: they check the shape of input (the rules' own checks,
with their messages, are in the use cases) and write the OpenAPI document."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

_MONEY = {"description": "whole rupiah"}
_REF = {"description": "the proposal's public reference", "example": "USL-2027-0001"}


class MusrenbangPhaseSpan(Schema):
    starts = fields.Date(required=True)
    ends = fields.Date(required=True)


class MusrenbangPhasesBody(Schema):
    submission = fields.Nested(MusrenbangPhaseSpan, required=True)
    kelurahan = fields.Nested(MusrenbangPhaseSpan, required=True)
    kecamatan = fields.Nested(MusrenbangPhaseSpan, required=True)
    office = fields.Nested(MusrenbangPhaseSpan, required=True)
    results = fields.Nested(MusrenbangPhaseSpan, required=True)


class MusrenbangCycleBody(Schema):
    year = fields.Integer(required=True, validate=validate.Range(2000, 2100),
                          metadata={"description": "the budget year planned for"})
    phases = fields.Nested(MusrenbangPhasesBody, required=True)
    rw_ceiling = fields.Integer(required=True, validate=validate.Range(0, 10**13),
                                metadata=_MONEY)


class MusrenbangPhaseOut(Schema):
    code = fields.String(metadata={"example": "submission"})
    starts = fields.String()
    ends = fields.String()


class MusrenbangCycleOut(Schema):
    year = fields.Integer()
    rw_ceiling = fields.Integer(metadata=_MONEY)
    phases = fields.List(fields.Nested(MusrenbangPhaseOut))
    open_phase = fields.String(allow_none=True)


class MusrenbangCeilingEntry(Schema):
    office = fields.String(required=True, validate=validate.Length(1, 40),
                           metadata={"description": "an RW or kelurahan office code"})
    amount = fields.Integer(required=True, validate=validate.Range(0, 10**13), metadata=_MONEY)


class MusrenbangCeilingsBody(Schema):
    ceilings = fields.List(fields.Nested(MusrenbangCeilingEntry), required=True,
                           validate=validate.Length(1, 2000))


class MusrenbangAreaEntry(Schema):
    rw = fields.String(required=True, validate=validate.Length(1, 40))
    kelurahan = fields.String(required=True, validate=validate.Length(1, 40))
    kecamatan = fields.String(required=True, validate=validate.Length(1, 40))


class MusrenbangAreasBody(Schema):
    areas = fields.List(fields.Nested(MusrenbangAreaEntry), required=True,
                        validate=validate.Length(1, 2000))


class MusrenbangCatalogueBody(Schema):
    csv = fields.String(required=True, validate=validate.Length(1, 1_000_000),
                        metadata={"description": "`code,name,unit,unit_price,office,category` "
                                                 "with that header"})


class MusrenbangCountOut(Schema):
    count = fields.Integer()


class MusrenbangItemOut(Schema):
    code = fields.String()
    name = fields.String()
    unit = fields.String()
    unit_price = fields.Integer(metadata=_MONEY)
    office = fields.String(allow_none=True)
    office_name = fields.String(allow_none=True)
    category = fields.String()


class MusrenbangProposalBody(Schema):
    item = fields.String(required=True, validate=validate.Length(1, 40),
                         metadata={"description": "a catalogue item's code"})
    quantity = fields.String(required=True, validate=validate.Length(1, 20), metadata={
        "description": "in the item's unit, above 0, at most 2 decimals", "example": "12.5"})
    location = fields.String(required=True, validate=validate.Length(1, 300))
    justification = fields.String(load_default="", validate=validate.Length(max=4000))
    priority = fields.Integer(load_default=1, validate=validate.Range(1, 99))
    lat = fields.Float(load_default=None, allow_none=True, validate=validate.Range(-90, 90))
    lon = fields.Float(load_default=None, allow_none=True, validate=validate.Range(-180, 180))
    rw = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=40),
                       metadata={"description": "the RW office code, when the chair holds several"})


class MusrenbangProposalEdit(MusrenbangProposalBody):
    """A returned proposal's edit (loaded partial: fields not sent keep their values)."""


class MusrenbangActionBody(Schema):
    action = fields.String(required=True, validate=validate.OneOf(
        ["verify", "forum", "accept", "return", "reject"]))
    comment = fields.String(load_default="", validate=validate.Length(max=2000),
                            metadata={"description": "the reason (required to return or reject)"})
    adjusted_price = fields.Integer(load_default=None, allow_none=True,
                                    validate=validate.Range(1, 10**12), metadata=_MONEY)


class MusrenbangProposalOut(Schema):
    ref = fields.String(metadata=_REF)
    item = fields.String()
    item_name = fields.String()
    unit = fields.String()
    quantity = fields.Float()
    unit_price = fields.Integer(metadata=_MONEY)
    adjusted_price = fields.Integer(allow_none=True, metadata=_MONEY)
    amount = fields.Integer(metadata=_MONEY)
    location = fields.String()
    lat = fields.Float(allow_none=True)
    lon = fields.Float(allow_none=True)
    justification = fields.String()
    priority = fields.Integer()
    rw = fields.String()
    kelurahan = fields.String()
    kecamatan = fields.String()
    office = fields.String()
    state = fields.String()
    state_label = fields.String()
    due = fields.String(allow_none=True)
    rank = fields.Integer(allow_none=True)
    within_ceiling = fields.Boolean(allow_none=True)
    fell_out = fields.String()
    reason = fields.String()


class MusrenbangKelurahanOut(Schema):
    kelurahan = fields.String()
    proposals = fields.List(fields.Nested(MusrenbangProposalOut))


class MusrenbangProposalPageOut(MusrenbangProposalOut):
    timeline = fields.List(fields.Dict())
    follow = fields.Dict(allow_none=True, metadata={
        "description": "what became of it (budget line, packages, progress), null before "
                       "it is budgeted"})


class MusrenbangBudgetOut(Schema):
    rw = fields.String()
    ceiling = fields.Integer(metadata=_MONEY)
    used = fields.Integer(metadata=_MONEY)
    left = fields.Integer(metadata=_MONEY)


class MusrenbangLangQuery(Schema):
    lang = fields.String(load_default="id", validate=validate.OneOf(["id", "en"]))


class MusrenbangMinutesBody(Schema):
    held_on = fields.Date(required=True)
    attendees = fields.List(fields.String(validate=validate.Length(1, 200)), required=True,
                            validate=validate.Length(1, 200))
    kecamatan = fields.String(load_default=None, allow_none=True,
                              validate=validate.Length(max=40))


class MusrenbangMinutesOut(Schema):
    code = fields.String(metadata={"description": "the signed document's code (`/v/{code}`)"})
    proposals = fields.Integer()
