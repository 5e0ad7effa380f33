"""Bodies and answers of the BPJS setup API (/api/v1/bpjs/facilities, /accounts). Bodies
are taken as given (INCLUDE, Raw) and judged by config_write's rules, whose messages
name the entry in both languages."""

from __future__ import annotations

from marshmallow import INCLUDE, Schema, fields


def _raw(kind: str, about: str, **more: object) -> fields.Raw:
    return fields.Raw(allow_none=True, metadata={"type": kind, "description": about, **more})


_SERVICE = {"type": "object", "properties": {
    "service": {"type": "string", "example": "umum", "description": "the service's code"},
    "role": {"type": "string", "enum": ["poli", "registration", "pharmacy"]},
    "kodepoli": {"type": "string", "example": "UMU", "description": "BPJS poli code; "
                 "required for a poli, unique in the facility"},
    "namapoli": {"type": "string", "example": "Poli Umum"},
    "kodedokter": {"type": "integer", "example": 301001, "description": "HFIS doctor code"},
    "namadokter": {"type": "string", "example": "dr. Ayu Lestari"}}}


class BpjsSetupBody(Schema):
    """A facility's whole BPJS setup (replaces the one before)."""

    class Meta:
        unknown = INCLUDE

    level = _raw("string", "fktp (puskesmas, klinik) or fkrtl (hospital); default fktp",
                 enum=["fktp", "fkrtl"])
    ppk_code = _raw("string", "the facility's BPJS code (kode PPK), at most 20 characters")
    reporting = _raw("boolean", "whether the outbox reports its visits; default true")
    new_patients = _raw("string", "accept (every card books; default) or register (a card "
                        "never seen at the facility is answered 202 until Mobile JKN's "
                        "pasien baru registers it)", enum=["accept", "register"])
    services = _raw("array", "each mapped service's part in a JKN visit", items=_SERVICE)


class BpjsSetupOut(Schema):
    facility = fields.String(metadata={"example": "pkm-demo"})
    level = fields.String(metadata={"example": "fkrtl"})
    ppk_code = fields.String()
    reporting = fields.Boolean()
    new_patients = fields.String(metadata={"example": "accept", "enum": ["accept", "register"]})
    services = fields.List(fields.Dict(), metadata={"items": _SERVICE})


class BpjsAccountBody(Schema):
    """A hosted web service account: all three for a new one (active defaults true)."""

    class Meta:
        unknown = INCLUDE

    facility = _raw("string", "the facility's code the account books at")
    password = _raw("string", "a new password (strength as for staff users); left out: kept")
    active = _raw("boolean", "false refuses its sign-in and its tokens")


class BpjsAccountOut(Schema):
    username = fields.String(metadata={"example": "mobilejkn"})
    facility = fields.String(metadata={"example": "pkm-demo"})
    active = fields.Boolean()
