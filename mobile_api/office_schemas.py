"""Bodies and answers of /api/v1/admin/offices: an office (OPD) as its entry in the file
`load-config` reads (values taken as given and judged by the loader's rules), and its
members."""

from __future__ import annotations

from marshmallow import fields

from .admin_schemas import AdminEntry, _raw
from .schemas import Strict

KINDS = ["dinas", "badan", "kecamatan", "kelurahan", "media_center", "other"]


class AdminOfficeEntry(AdminEntry):
    code = _raw("string", "the address's code (may be left out)")
    name = _raw("string", "required, at most 160 characters",
                example="Dinas Sumber Daya Air dan Bina Marga")
    name_en = _raw("string", "the English name (at most 160); default empty")
    kind = _raw("string", "default dinas", enum=KINDS)
    active = _raw("boolean", "default true; false retires it")
    phone = _raw("string", "the office's WhatsApp number (08… or +628…) where its head is "
                 "told of escalations; empty: none", example="081234567890")


class AdminOfficeMember(Strict):
    username = fields.String()
    role = fields.String(metadata={"enum": ["staff", "head", "clerk", "inspector"]})


class AdminOfficeOutEntry(Strict):
    code = fields.String()
    name = fields.String()
    name_en = fields.String()
    kind = fields.String(metadata={"enum": KINDS})
    active = fields.Boolean()
    phone = fields.String(metadata={"description": "WhatsApp number for escalations (+62…), "
                                    "empty when none"})
    members = fields.List(fields.Nested(AdminOfficeMember),
                          metadata={"description": "active users holding a role there"})


class AdminOfficeListed(Strict):
    code = fields.String()
    name = fields.String()
    name_en = fields.String()
    kind = fields.String(metadata={"enum": KINDS})
    active = fields.Boolean()
    phone = fields.String(metadata={"description": "WhatsApp number for escalations"})
    member_count = fields.Integer(metadata={"description": "active users with a role there"})


class AdminOfficesOut(Strict):
    offices = fields.List(fields.Nested(AdminOfficeListed))


class AdminOfficesImportOut(Strict):
    offices = fields.Integer()
    users = fields.Integer()
    changed = fields.Integer(metadata={"description": "objects changed (audit rows)"})
