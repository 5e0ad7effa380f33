"""Marshmallow schemas of the Open311 GeoReport v2 routes and of the admin's Open311 keys,
for the OpenAPI document (the answers are built by open311_views, field for field)."""

from __future__ import annotations

from marshmallow import EXCLUDE, Schema, fields, validate


class Open311ErrorOut(Schema):
    """One GeoReport error: the HTTP status and a sentence (Indonesian unless `lang=en`
    or Accept-Language prefers English)."""

    code = fields.Integer(required=True)
    description = fields.String(required=True)


class Open311ServiceOut(Schema):
    service_code = fields.String(required=True)
    service_name = fields.String(required=True)
    description = fields.String(required=True)
    metadata = fields.Boolean(required=True, metadata={
        "description": "true: the service takes attributes (see its definition)"})
    type = fields.String(required=True, validate=validate.OneOf(["realtime"]))
    keywords = fields.String(required=True, metadata={"description": "comma separated"})
    group = fields.String(required=True, metadata={"description": "the office (OPD)"})


class Open311AttributeValueOut(Schema):
    key = fields.String(required=True)
    name = fields.String(required=True)


class Open311AttributeOut(Schema):
    variable = fields.Boolean(required=True)
    code = fields.String(required=True)
    datatype = fields.String(required=True)
    required = fields.Boolean(required=True)
    datatype_description = fields.String(required=True, allow_none=True)
    order = fields.Integer(required=True)
    description = fields.String(required=True)
    values = fields.List(fields.Nested(Open311AttributeValueOut), required=True)


class Open311DefinitionOut(Schema):
    service_code = fields.String(required=True)
    attributes = fields.List(fields.Nested(Open311AttributeOut), required=True)


class Open311FiledOut(Schema):
    service_request_id = fields.String(required=True, metadata={
        "description": "the complaint's public reference, e.g. WADUL-123 (its public page: "
                       "/wadul/laporan/{ref})"})
    service_notice = fields.String(required=True)
    account_id = fields.String(required=True, allow_none=True)


class Open311RequestOut(Schema):
    service_request_id = fields.String(required=True)
    status = fields.String(required=True, validate=validate.OneOf(["open", "closed"]))
    status_notes = fields.String(required=True, allow_none=True)
    service_name = fields.String(required=True)
    service_code = fields.String(required=True)
    description = fields.String(required=True)
    agency_responsible = fields.String(required=True, allow_none=True)
    service_notice = fields.String(required=True)
    requested_datetime = fields.String(required=True, metadata={"format": "date-time"})
    updated_datetime = fields.String(required=True, metadata={"format": "date-time"})
    expected_datetime = fields.String(required=True, allow_none=True)
    address = fields.String(required=True)
    address_id = fields.String(required=True, allow_none=True)
    zipcode = fields.String(required=True, allow_none=True)
    lat = fields.Float(required=True, allow_none=True)
    long = fields.Float(required=True, allow_none=True)
    media_url = fields.String(required=True, allow_none=True)
    detailed_status = fields.String(required=True, metadata={
        "description": "extension: the workflow state (received, verified, forwarded, "
                       "in_progress, answered, closed, rejected, merged)"})


class Open311RequestIn(Schema):
    """POST requests.json, form-encoded as the spec says (JSON accepted too)."""

    api_key = fields.String(required=True, metadata={"description": "issued by the admin"})
    service_code = fields.String(required=True)
    description = fields.String(required=True)
    lat = fields.Float(metadata={"description": "WGS84 degrees, with long"})
    long = fields.Float()
    address_string = fields.String(metadata={
        "description": "the place; names the kelurahan when attribute[kelurahan] is absent"})
    attribute_kelurahan = fields.String(data_key="attribute[kelurahan]")
    attribute_anonymous = fields.String(data_key="attribute[anonymous]",
                                        validate=validate.OneOf(["true", "false"]))
    attribute_confidential = fields.String(data_key="attribute[confidential]",
                                           validate=validate.OneOf(["true", "false"]))
    first_name = fields.String()
    last_name = fields.String()
    phone = fields.String()
    email = fields.String(metadata={"description": "accepted, not kept"})
    media_url = fields.String(metadata={"description": "recorded, never fetched"})
    jurisdiction_id = fields.String(metadata={"description": "accepted (one city here)"})


class Open311RequestsQueryIn(Schema):
    class Meta:
        unknown = EXCLUDE

    service_request_id = fields.String(metadata={"description": "comma separated ids"})
    service_code = fields.String()
    start_date = fields.String(metadata={"description": "ISO 8601 (requested_datetime)"})
    end_date = fields.String(metadata={"description": "ISO 8601 (requested_datetime)"})
    status = fields.String(metadata={"description": "open, closed, or both comma separated"})
    lang = fields.String(metadata={"description": "en for English texts"})


class Open311KeyIn(Schema):
    name = fields.String(required=True, metadata={"description": "the application, 1-80"})
    note = fields.String(load_default="", validate=validate.Length(max=500))


class Open311KeyOut(Schema):
    id = fields.Integer(required=True)
    name = fields.String(required=True)
    note = fields.String(required=True)
    active = fields.Boolean(required=True)
    created_at = fields.String(required=True, metadata={"format": "date-time"})


class Open311NewKeyOut(Open311KeyOut):
    key = fields.String(required=True, metadata={"description": "shown this once only"})


class Open311KeysOut(Schema):
    keys = fields.List(fields.Nested(Open311KeyOut), required=True)
