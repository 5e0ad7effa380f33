"""Schemas of e-Wadul's API: they check the shape of input (the rules' own checks, with
their messages, are in domain.py) and write the OpenAPI document."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from .domain import CHANNELS, DESK_CHANNELS
from .schema_fields import Degrees

_STATE = {"description": "a workflow state (received, verified, forwarded, in_progress, "
                         "answered, closed, rejected, merged)", "example": "forwarded"}


class WadulReportBody(Schema):
    """A complaint (JSON, or multipart form fields beside `photos` files)."""

    category = fields.String(required=True, validate=validate.Length(min=1, max=40),
                             metadata={"example": "jalan-rusak"})
    description = fields.String(required=True, validate=validate.Length(max=8000),
                                metadata={"description": "10-4000 characters"})
    kelurahan = fields.String(required=True, validate=validate.Length(max=200),
                              metadata={"example": "Tegalsari"})
    address = fields.String(load_default=None, allow_none=True,
                            validate=validate.Length(max=200))
    lat = Degrees(load_default=None, allow_none=True, allow_nan=False,
                  metadata={"description": "degrees WGS84, in Indonesia (a decimal comma "
                                           "is read too: -7,26)"})
    lon = Degrees(load_default=None, allow_none=True, allow_nan=False)
    anonymous = fields.Boolean(load_default=False, metadata={
        "description": "public, but nobody outside the Media Center sees who filed it"})
    confidential = fields.Boolean(load_default=False, metadata={
        "description": "never shown in public (page, lists, Open311)"})
    nik = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=40))
    phone = fields.String(load_default=None, allow_none=True,
                          validate=validate.Length(max=40),
                          metadata={"description": "needed when the server sends codes"})
    name = fields.String(load_default=None, allow_none=True,
                         validate=validate.Length(max=200))


class WadulCitizenReportBody(WadulReportBody):
    channel = fields.String(load_default="api", validate=validate.OneOf(["web", "api"]))


class WadulDeskReportBody(WadulReportBody):
    channel = fields.String(required=True, validate=validate.OneOf(DESK_CHANNELS),
                            metadata={"description": "where the complaint was received"})


class WadulFiledOut(Schema):
    code = fields.String(metadata={"description": "the tracking code", "example": "K7M2QX9PTA"})
    ref = fields.String(metadata={"description": "the public reference", "example": "WADUL-123"})
    status = fields.String(metadata={"enum": ["received", "unconfirmed"]})
    confirmed = fields.Boolean()
    code_expires = fields.String(allow_none=True)
    links = fields.Dict(keys=fields.String(), values=fields.String())


class WadulActionBody(Schema):
    action = fields.String(required=True, validate=validate.Length(min=1, max=30),
                           metadata={"example": "forward"})
    comment = fields.String(load_default="", validate=validate.Length(max=4000))
    opd = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=40),
                        metadata={"description": "office code for `forward` (default: the "
                                                 "category's)", "example": "dsdabm"})
    rating = fields.Integer(load_default=None, allow_none=True, strict=True,
                            metadata={"description": "1-5, with `rate`"})
    anonymous = fields.Boolean(load_default=None, allow_none=True,
                               metadata={"description": "with `edit` (desk, admin)"})
    confidential = fields.Boolean(load_default=None, allow_none=True,
                                  metadata={"description": "with `edit` (desk, admin)"})
    description = fields.String(load_default=None, allow_none=True,
                                validate=validate.Length(max=8000), metadata={
                                    "description": "with `edit`: the new (redacted) text"})
    duplicate_of = fields.String(load_default=None, allow_none=True,
                                 validate=validate.Length(max=20),
                                 metadata={"description": "with `merge`: the original's "
                                           "public reference (`WADUL-123`) or tracking code"})


class WadulReportOut(Schema):
    class Meta:
        unknown = "include"

    code = fields.String(metadata={"description": "the tracking code: only in its holder's "
                                                 "own view (no credentials), never to staff"})
    ref = fields.String(metadata={"description": "the public reference", "example": "WADUL-123"})
    merged_into = fields.String(allow_none=True, metadata={
        "description": "the public reference of the complaint this one joined"})
    state = fields.String()
    reporter = fields.Dict(allow_none=True, metadata={
        "description": "name, phone, nik: only for the filer, the desk, the admin, and the "
                       "office when neither anonymous nor confidential"})


class WadulPageQuery(Schema):
    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=100000))
    per_page = fields.Integer(load_default=50, validate=validate.Range(min=1, max=100))


class WadulStaffListQuery(WadulPageQuery):
    office = fields.String(load_default=None, validate=validate.Length(min=1, max=40))
    state = fields.String(load_default=None, validate=validate.Length(min=1, max=30),
                          metadata=_STATE)
    overdue = fields.Boolean(load_default=None)
    escalated = fields.Boolean(load_default=None)
    category = fields.String(load_default=None, validate=validate.Length(min=1, max=40))


class WadulPublicListQuery(WadulPageQuery):
    state = fields.String(load_default=None, validate=validate.Length(min=1, max=30),
                          metadata=_STATE)
    category = fields.String(load_default=None, validate=validate.Length(min=1, max=40))


class WadulListOut(Schema):
    items = fields.List(fields.Dict())
    page = fields.Integer()
    per_page = fields.Integer()
    total = fields.Integer()


class WadulPublicReportOut(Schema):
    """A public complaint (wadul.public.public_report): by reference, never the reporter
    nor the tracking code."""

    class Meta:
        unknown = "include"

    ref = fields.String(metadata={"description": "the public reference",
                                  "example": "WADUL-123"})
    state = fields.String(metadata=_STATE)
    description = fields.String()
    merged_into = fields.String(allow_none=True, metadata={
        "description": "the public reference of the complaint this one joined"})
    timeline = fields.List(fields.Dict())
    links = fields.Dict(keys=fields.String(), metadata={
        "description": "page: the public page; photos: the photos' addresses"})


class WadulCategoryBody(Schema):
    name = fields.String(required=True, validate=validate.Length(min=2, max=120))
    name_en = fields.String(load_default="", validate=validate.Length(max=120))
    office = fields.String(required=True, validate=validate.Length(min=1, max=40))
    days = fields.Integer(load_default=5, strict=True, validate=validate.Range(min=1, max=60))
    redirect = fields.String(load_default=None, allow_none=True,
                             validate=validate.Length(max=300))
    redirect_en = fields.String(load_default=None, allow_none=True,
                                validate=validate.Length(max=300))
    active = fields.Boolean(load_default=True)
    position = fields.Integer(load_default=None, allow_none=True, strict=True,
                              validate=validate.Range(min=0, max=10000))


class WadulCategoryOut(Schema):
    code = fields.String()
    name = fields.String()
    name_en = fields.String()
    office = fields.String(allow_none=True)
    office_name = fields.String(allow_none=True)
    office_name_en = fields.String(allow_none=True)
    days = fields.Integer(metadata={"description": "working days to answer"})
    redirect = fields.String(allow_none=True)
    redirect_en = fields.String(allow_none=True)
    active = fields.Boolean()
    position = fields.Integer()


class WadulRepliesQuery(Schema):
    state = fields.String(load_default=None, validate=validate.Length(min=1, max=30))


class WadulReplyOut(Schema):
    state = fields.String()
    action = fields.String()
    title = fields.String()
    text = fields.String()


class WadulDashboardQuery(Schema):
    since = fields.Date(load_default=None, metadata={"description": "first day (default: "
                                                                    "12 months back)"})
    until = fields.Date(load_default=None, metadata={"description": "last day (default: "
                                                                    "today)"})
    office = fields.String(load_default=None, validate=validate.Length(min=1, max=40))
    format = fields.String(load_default=None, validate=validate.OneOf(["json", "csv"]))


class WadulDashboardOut(Schema):
    class Meta:
        unknown = "include"

    cases = fields.Integer()
    per_category = fields.List(fields.Dict())
    per_office = fields.List(fields.Dict())
    per_month = fields.List(fields.Dict())
    answered = fields.Integer()
    median_days_to_answer = fields.Float(allow_none=True,
                                         metadata={"description": "working days"})
    answered_in_time_pct = fields.Float(allow_none=True)
    rating_mean = fields.Float(allow_none=True)
    rating_count = fields.Integer()


assert set(DESK_CHANNELS) <= set(CHANNELS)
