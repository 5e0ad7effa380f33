"""Bodies and answers of /api/v1/admin: each object's configuration entry, as in the
file `load-config` reads. Values are taken as given (`Raw`) and judged by the loader's
own rules, so the API and `load-config` say the same thing about the same mistake."""

from __future__ import annotations

from marshmallow import INCLUDE, Schema, fields

from .schemas import Strict


def _raw(kind: str, about: str, **more: object) -> fields.Raw:
    typed = {"type": kind} if kind else {}
    return fields.Raw(allow_none=True, metadata={**typed, "description": about, **more})


_CLOSURES = {"type": "array", "items": {"type": "object", "properties": {
    "date": {"type": "string", "example": "2026-12-02"},
    "reason": {"type": "string", "example": "Fogging gedung"}}}}
_OFFICE_ROLE = {"type": "object", "properties": {
    "office": {"type": "string", "example": "dsdabm"},
    "role": {"type": "string", "enum": ["staff", "head", "clerk", "inspector"]}}}


class AdminEntry(Schema):
    """A body taken as given: unknown keys and wrong types pass through to the loader,
    whose rules (and Indonesian messages naming the key) judge them, as for a file."""

    class Meta:
        unknown = INCLUDE


class AdminFacilityEntry(AdminEntry):
    code = _raw("string", "the address's code (may be left out)")
    name = _raw("string", "required, at most 120 characters", example="Puskesmas Demo")
    timezone = _raw("string", "IANA name; default Asia/Jakarta")
    running_text = _raw("string", "the boards' running text (at most 500); default empty")
    cuti_bersama = _raw("string", "closed (default) or open", enum=["closed", "open"])
    closed_dates = _raw("", "dates it is closed, with a reason", **_CLOSURES)


class AdminServiceEntry(AdminEntry):
    code = _raw("string", "the address's code (may be left out)")
    name = _raw("string", "required, at most 120 characters", example="Poli Umum")
    prefix = _raw("string", "one letter, unique in the facility; required", example="B")
    hours = _raw("", '"24h" or {"weekdays": "07:30-14:30", "2026-12-25": "closed"}')
    booking_quota = _raw("integer", "bookings a day, 0 to 100000 (default 0)")
    jkn_quota = _raw("integer", "of booking_quota, the places kept for JKN bookings (with a "
                     "BPJS card number), 0 to booking_quota; null (default): one shared quota")
    walkin_limit = _raw("integer", "walk-in numbers a day (0 to 100000), or null: no limit")
    avg_minutes = _raw("number", "minutes per patient, 0.1 to 1440 (default 5)")
    target_wait = _raw("integer", "target wait in whole minutes, 1 to 1440 (default 30)")
    shown_on_boards = _raw("boolean", "default true")
    active = _raw("boolean", "default true; false deactivates")
    open_on_holidays = _raw("boolean", "default false")
    booking_cutoff = _raw("string", '"HH:MM": latest same-day booking, or null')
    closed_dates = _raw("", "dates it is closed, with a reason", **_CLOSURES)


class AdminCounterEntry(AdminEntry):
    code = _raw("string", "the address's code (may be left out)")
    name = _raw("string", "default: the code (at most 120 characters)", example="Loket 1")
    services = _raw("", "service codes in the order the counter calls them; required",
                    type="array", items={"type": "string"})
    active = _raw("boolean", "default true; false deactivates")


class AdminDeviceEntry(AdminEntry):
    code = _raw("string", "the address's code (may be left out)")
    kind = _raw("string", "kiosk or display; required", enum=["kiosk", "display"])
    name = _raw("string", "default: the code")
    active = _raw("boolean", "default true; false refuses its token at once")
    token = fields.Raw(load_only=True, allow_none=True, metadata={
        "type": "string",
        "description": "set this token (at least 16 characters, not a well-known one; "
                       "no other device's); left out on creation: one is issued and "
                       "answered once; left out on update: kept"})
    token_hash = fields.Raw(load_only=True, allow_none=True,
                            metadata={"type": "string", "description": "an export's hash"})


class AdminUserEntry(AdminEntry):
    username = _raw("string", "the address's name (may be left out)")
    role = _raw("string", "default operator",
                enum=["admin", "facility_admin", "operator", "city", "office"])
    facility = _raw("string", "required for facility_admin and operator")
    offices = _raw("", "office (OPD) roles, replacing the user's; left out: kept "
                   "(the deployment's admin only)", type="array", items=_OFFICE_ROLE)
    name = _raw("string", "the person's name; default the username")
    active = _raw("boolean", "default true; false ends every login at once")
    password = fields.Raw(load_only=True, allow_none=True, metadata={
        "type": "string",
        "description": "required on creation; at least 10 characters, not a well-known "
                       "one nor the username (in a demo: for new users only)"})
    password_hash = fields.Raw(load_only=True, allow_none=True,
                               metadata={"type": "string", "description": "an export's hash"})


class AdminFacilityOutEntry(AdminFacilityEntry):
    code = fields.String()


class AdminServiceOutEntry(AdminServiceEntry):
    code = fields.String()


class AdminCounterOutEntry(AdminCounterEntry):
    code = fields.String()


class AdminPrinterState(Strict):
    printer = fields.String()
    paper = fields.String()
    jobs_waiting = fields.Integer()
    last_error = fields.String(allow_none=True)
    shown_not_printed = fields.Integer()
    taking_numbers = fields.Boolean(allow_none=True)


class AdminDeviceOutEntry(Strict):
    code = fields.String()
    kind = fields.String()
    name = fields.String()
    active = fields.Boolean()
    last_seen = fields.String(allow_none=True)
    online = fields.Boolean()
    printer = fields.Nested(AdminPrinterState, allow_none=True)
    token = fields.String(metadata={"description": "only when just issued: shown once"})


class AdminOfficeRole(Strict):
    office = fields.String(metadata={"example": "dsdabm"})
    role = fields.String(metadata={"enum": ["staff", "head", "clerk", "inspector"]})


class AdminUserOutEntry(Strict):
    username = fields.String()
    role = fields.String()
    facility = fields.String()
    offices = fields.List(fields.Nested(AdminOfficeRole),
                          metadata={"description": "only when it holds office roles"})
    name = fields.String()
    active = fields.Boolean()


class AdminFacilitiesOut(Strict):
    facilities = fields.List(fields.Nested(AdminFacilityOutEntry))


class AdminServicesOut(Strict):
    facility = fields.String()
    services = fields.List(fields.Nested(AdminServiceOutEntry))


class AdminCountersOut(Strict):
    facility = fields.String()
    counters = fields.List(fields.Nested(AdminCounterOutEntry))


class AdminDevicesOut(Strict):
    facility = fields.String()
    devices = fields.List(fields.Nested(AdminDeviceOutEntry))


class AdminUsersOut(Strict):
    users = fields.List(fields.Nested(AdminUserOutEntry))


class AdminUsersQuery(Strict):
    facility = fields.String(load_default=None)


class AdminAuditQuery(Strict):
    facility = fields.String(load_default=None)
    from_ = fields.String(data_key="from", load_default=None,
                          metadata={"description": "YYYY-MM-DD, the facility's time zone"})
    to = fields.String(load_default=None, metadata={"description": "YYYY-MM-DD, included"})


class AdminAuditEventOut(Strict):
    id = fields.Integer()
    at = fields.String()
    actor = fields.String(metadata={"example": "staff:kepala"})
    facility = fields.String(allow_none=True)
    object_kind = fields.String(metadata={"enum": ["facility", "service", "counter",
                                                   "device", "user", "office"]})
    object_code = fields.String()
    action = fields.String(metadata={"enum": ["create", "update", "deactivate", "token",
                                              "import"]})
    before = fields.Dict(allow_none=True)
    after = fields.Dict(allow_none=True)


class AdminAuditOut(Strict):
    events = fields.List(fields.Nested(AdminAuditEventOut))


class AdminImportOut(Strict):
    facilities = fields.Integer()
    services = fields.Integer()
    counters = fields.Integer()
    devices = fields.Integer()
    users = fields.Integer()
    changed = fields.Integer(metadata={"description": "objects changed (audit rows)"})
