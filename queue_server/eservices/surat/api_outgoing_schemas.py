"""Schemas of e-Surat's outgoing letters' API: they check the shape of input (the rules'
own checks, with their messages, are in outgoing*.py) and write the OpenAPI document."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

_PERSON = fields.Raw(metadata={"description": "a user id or a username"})
_STATES = "draft, review, signing, signed, sent"


class OutgoingDraftBody(Schema):
    """A new outgoing letter (POST) or the fields of a draft to change (PATCH)."""

    office = fields.String(load_default=None, validate=validate.Length(max=40), metadata={
        "description": "the drafting office's code (needed when the drafter has several)"})
    template = fields.String(load_default=None, validate=validate.Length(max=40),
                             metadata={"example": "undangan"})
    fields_ = fields.Dict(keys=fields.String(), values=fields.String(), data_key="fields",
                          load_default=dict, metadata={
                              "description": "the template's fields by name"})
    body = fields.String(load_default=None, validate=validate.Length(max=20000),
                         metadata={"description": "the letter's text (a free body, or the "
                                                  "filled template edited)"})
    subject = fields.String(load_default=None, validate=validate.Length(max=300))
    recipient = fields.String(load_default=None, validate=validate.Length(max=200))
    classification = fields.String(load_default=None, validate=validate.Length(max=40),
                                   metadata={"description": "default: the template's"})
    access = fields.String(load_default=None, metadata={
        "description": "biasa, terbatas, rahasia (default biasa)"})
    urgency = fields.String(load_default=None, metadata={
        "description": "biasa, segera, sangat_segera (default biasa)"})
    reviewers = fields.List(fields.Raw(), load_default=None, validate=validate.Length(max=20),
                            metadata={"description": "the paraf chain in order: user ids "
                                                     "or usernames of the office's members"})
    signer = fields.Raw(load_default=None, allow_none=True, metadata={
        "description": "the office's head (user id or username; default its first head)"})
    delivery = fields.String(load_default=None, validate=validate.OneOf(
        ["internal", "external"]))
    to_office = fields.String(load_default=None, validate=validate.Length(max=40), metadata={
        "description": "the receiving office's code (delivery internal)"})


class OutgoingActionBody(Schema):
    action = fields.String(required=True, validate=validate.Length(min=1, max=20), metadata={
        "description": "submit, approve, return (comment needed), sign, send"})
    comment = fields.String(load_default="", validate=validate.Length(max=2000))


class OutgoingStepOut(Schema):
    position = fields.Integer()
    user_id = fields.Integer()
    name = fields.String()
    step = fields.String(metadata={"description": "paraf or sign"})
    state = fields.String(metadata={"description": "waiting, current, approved, returned"})
    acted_at = fields.String(allow_none=True)
    comment = fields.String()


class OutgoingActionOut(Schema):
    action = fields.String()
    label = fields.String()
    label_en = fields.String()
    comment = fields.Boolean()


class OutgoingRowOut(Schema):
    ref = fields.String(metadata={"example": "SURAT-12"})
    state = fields.String(metadata={"description": _STATES})
    state_label = fields.String()
    state_label_en = fields.String()
    subject = fields.String()
    recipient = fields.String(allow_none=True)
    number = fields.String(allow_none=True, metadata={"example": "000.1/17/436.7.5/2026"})
    access = fields.String()
    urgency = fields.String()
    created_at = fields.String()


class OutgoingOut(OutgoingRowOut):
    office = fields.String()
    classification = fields.String()
    template = fields.String(allow_none=True)
    body = fields.String()
    delivery = fields.String()
    to_office = fields.String(allow_none=True)
    drafter = fields.String()
    letter_date = fields.String(allow_none=True)
    document_code = fields.String(allow_none=True)
    pdf_url = fields.String(allow_none=True)
    verify_url = fields.String(allow_none=True)
    signed_at = fields.String(allow_none=True)
    sent_at = fields.String(allow_none=True)
    chain = fields.List(fields.Nested(OutgoingStepOut))
    actions = fields.List(fields.Nested(OutgoingActionOut))


class OutgoingListsOut(Schema):
    mine = fields.List(fields.Nested(OutgoingRowOut), metadata={
        "description": "waiting for the caller's paraf or signature, and the caller's drafts"})
    office = fields.List(fields.Nested(OutgoingRowOut))


class TemplateFieldOut(Schema):
    name = fields.String()
    label = fields.String()
    label_en = fields.String()


class TemplateOut(Schema):
    code = fields.String()
    title = fields.String()
    title_en = fields.String()
    classification = fields.String()
    body = fields.String()
    fields_ = fields.List(fields.Nested(TemplateFieldOut), data_key="fields",
                          attribute="fields")
