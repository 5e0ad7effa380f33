"""Schemas of "my bookings" (`POST /api/v1/bookings/lookup`): NIK and phone in, the
patient's active bookings out, with nothing personal in the answer."""

from __future__ import annotations

from marshmallow import fields, validate

from queue_server.domain.tickets import OPEN_STATUSES

from .fields import Nik, Phone
from .schemas import Ref, Strict


class LookupIn(Strict):
    nik = Nik(required=True, validate=validate.Length(max=32),
              metadata={"example": "3578010101900001"})
    phone = Phone(required=True, validate=validate.Length(max=32), metadata={
        "description": "the mobile number given at booking (any form: 08…, +628…, spaces)",
        "example": "081234567890"})


class MyBookingOut(Strict):
    number = fields.String(metadata={"example": "B-012"})
    facility = fields.Nested(Ref)
    service = fields.Nested(Ref)
    date = fields.String(metadata={"example": "2026-11-24"})
    code = fields.String(metadata={"description": "the booking code: follow it at "
                                                  "`/t/{code}`"})
    status = fields.String(metadata={"enum": [s.value for s in OPEN_STATUSES]})
