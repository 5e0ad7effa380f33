"""Schemas of e-Surat's incoming letters API: they check the shape of input (the rules'
own checks, with their messages, are in the use cases) and write the OpenAPI document."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from .access import ACCESS_CLASSES, URGENCIES


class SuratIncomingBody(Schema):
    """An incoming letter (JSON, or multipart form fields beside one `scan` file)."""

    office = fields.String(load_default=None, allow_none=True,
                           validate=validate.Length(max=40),
                           metadata={"description": "the receiving office's code (default: "
                                                    "the caller's one office as clerk/head)",
                                     "example": "dsdabm"})
    sender = fields.String(required=True, validate=validate.Length(max=400))
    subject = fields.String(required=True, validate=validate.Length(max=600))
    classification = fields.String(required=True, validate=validate.Length(max=40),
                                   metadata={"example": "600.1"})
    access = fields.String(load_default="biasa", validate=validate.OneOf(ACCESS_CLASSES))
    urgency = fields.String(load_default="biasa", validate=validate.OneOf(URGENCIES))
    letter_date = fields.Date(load_default=None, allow_none=True)
    letter_number = fields.String(load_default=None, allow_none=True,
                                  validate=validate.Length(max=160))


class SuratRegisteredOut(Schema):
    ref = fields.String(metadata={"example": "SURAT-12"})
    agenda_number = fields.Integer()
    agenda_year = fields.Integer()
    links = fields.Dict(keys=fields.String(), values=fields.String())


class SuratSearchQuery(Schema):
    q = fields.String(load_default="", validate=validate.Length(max=100))
    year = fields.Integer(load_default=None, allow_none=True,
                          validate=validate.Range(min=1900, max=2999))
    office = fields.String(load_default=None, allow_none=True,
                           validate=validate.Length(max=40))
    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=10000))


class SuratListOut(Schema):
    items = fields.List(fields.Dict())
    page = fields.Integer()
    total = fields.Integer(metadata={"description": "letters the caller may read"})


class SuratDisposeBody(Schema):
    to = fields.List(fields.String(validate=validate.Length(min=1, max=60)), required=True,
                     validate=validate.Length(min=1, max=20),
                     metadata={"description": "usernames of officers of the letter's office"})
    instruction = fields.String(required=True, validate=validate.Length(min=1, max=500))
    due = fields.Date(load_default=None, allow_none=True)
    due_days = fields.Integer(load_default=None, allow_none=True,
                              metadata={"description": "working days from today (1–60)"})
    parent_id = fields.Integer(load_default=None, allow_none=True,
                               metadata={"description": "pass on this disposition of yours"})


class SuratFollowUpBody(Schema):
    text = fields.String(required=True, validate=validate.Length(min=1, max=4000))
    done = fields.Boolean(load_default=True)


class SuratFileBody(Schema):
    comment = fields.String(load_default="", validate=validate.Length(max=2000))


class SuratDispositionsOut(Schema):
    items = fields.List(fields.Dict())


class SuratLoadedOut(Schema):
    loaded = fields.Integer()


class SuratClassificationsOut(Schema):
    items = fields.List(fields.Dict())


class SuratRetentionQuery(Schema):
    year = fields.Integer(required=True, validate=validate.Range(min=1900, max=2999))
    format = fields.String(load_default=None, allow_none=True,
                           validate=validate.OneOf(["json", "csv"]))


class SuratRetentionOut(Schema):
    year = fields.Integer()
    transfer = fields.List(fields.Dict(), metadata={
        "description": "active period ends: to the records centre"})
    final = fields.List(fields.Dict(), metadata={
        "description": "inactive period ends: musnah / permanen / dinilai"})
