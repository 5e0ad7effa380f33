"""Whose allowance a booking or a lookup spends: the patient's (NIK, or NIK and phone) and
the phone's, keyed so that nobody but the phone's holder can use them up.

- `nik_key`: with the phone check on (a messaging gateway, phone_bookings.phone_check),
  the (NIK, phone) pair: a stranger who types someone's NIK with their own phone spends
  only that pair's allowance, never the owner's, and cannot tell from a 429 or its
  Retry-After whether the owner booked lately. Without a gateway, the NIK alone (anyone
  may then book under any NIK: the README says so).
- `phone_key`: with the phone check on, the phone the one-time code goes to: codes sent
  to one number are limited however many NIKs or addresses ask.

A request whose NIK or phone breaks its rule (answered 422) counts only for its address
(the per-address rule): these keys are then None and their rules pass it by, so neither a
stranger's typos nor a neighbour's behind the same carrier address spend a patient's or
an address's booking allowance. The numbers are read
through the same fields as the schemas (a space or full-width digits are no other key) and
the same domain rules, and kept in the store only `hashed` (ratelimit.py).
"""

from __future__ import annotations

from typing import Any

from flask import request
from marshmallow import ValidationError

from queue_server.domain.errors import InvalidInput
from queue_server.domain.identity import parse_nik, parse_phone
from queue_server.edge.ratelimit import hashed

from .fields import Nik, Phone
from .phone_bookings import phone_check

_NIK, _PHONE = Nik(), Phone()


def _read(field: Any, raw: Any, parse: Any) -> str | None:
    """`raw` through the schema's field and the domain's rule, or None if it breaks one."""
    if not isinstance(raw, str):
        return None
    try:
        return parse(field.deserialize(raw))
    except (ValidationError, InvalidInput):
        return None


def well_formed_patient() -> tuple[str, str] | None:
    """(NIK, phone +62…) of the body (`patient` of a booking, the top level of a lookup),
    both well-formed; else None."""
    body = request.get_json(silent=True)
    holder = body.get("patient", body) if isinstance(body, dict) else None
    if not isinstance(holder, dict):
        return None
    nik = _read(_NIK, holder.get("nik"), lambda text: parse_nik(text).value)
    phone = _read(_PHONE, holder.get("phone"), parse_phone)
    return (nik, phone) if nik and phone else None


def nik_key() -> str | None:
    """The patient's key: the (NIK, phone) pair with the phone check on, else the NIK,
    hashed; None (the rule passes the request by) when the NIK or the phone is
    malformed."""
    patient = well_formed_patient()
    if patient is None:
        return None
    nik, phone = patient
    return "pair:" + hashed(nik, phone) if phone_check() else hashed(nik)


def phone_key() -> str | None:
    """The phone's key (hashed) with the phone check on and a well-formed patient; None
    otherwise (no code is sent: the rule does not apply)."""
    if not phone_check():
        return None
    patient = well_formed_patient()
    return None if patient is None else "phone:" + hashed(patient[1])
