"""Schemas of bookings confirmed by the phone: the hold's answer, the code, a staff void."""

from __future__ import annotations

from marshmallow import fields, validate

from queue_server.domain.tickets import TicketStatus

from .fields import Identifier, Nik
from .schemas import Strict


class OtpCode(Identifier):
    error_field = "otp"
    doc = ("the 6-digit code sent to the phone; spaces and dashes are ignored, full-width "
           "digits read as digits (422 `invalid_otp`)")


class HoldLinks(Strict):
    confirm = fields.String(metadata={"description": "POST the code here"})


class HoldOut(Strict):
    code = fields.String(metadata={"description": "the booking's code, to confirm with"})
    status = fields.String(metadata={"description": "`held` until the code comes back",
                                     "example": TicketStatus.HELD.value})
    expires_at = fields.String(allow_none=True, metadata={
        "description": "when the hold ends and its place is freed (ISO 8601)"})
    phone = fields.String(allow_none=True, metadata={
        "description": "the phone the code went to, masked", "example": "+6281******890"})
    message = fields.String(metadata={"description": "what to tell the patient (Indonesian)"})
    message_en = fields.String(metadata={"description": "the same in English"})
    links = fields.Nested(HoldLinks)


class ConfirmIn(Strict):
    otp = OtpCode(required=True, validate=validate.Length(max=32),
                  metadata={"example": "123456"})


class VoidIn(Strict):
    owner_nik = Nik(required=True, validate=validate.Length(max=32), metadata={
        "description": "the NIK on the KTP the booking's owner shows; must be the "
                       "booking's", "example": "3578010101900001"})
    reason = fields.String(required=True, validate=validate.Length(min=3, max=300),
                           metadata={"example": "Pemilik NIK datang membawa KTP"})
