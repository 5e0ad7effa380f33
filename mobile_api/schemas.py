"""Request and response schemas: they validate input and write the OpenAPI document."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from queue_server.domain.priority import Priority

from .error_schemas import ErrorBody as ErrorBody
from .error_schemas import ErrorOut as ErrorOut
from .fields import BpjsNumber, FacilityCode, Nik, Phone, ServiceCode


class Strict(Schema):
    """Unknown fields are refused (marshmallow's default), so typos surface as 422."""


class LoginIn(Strict):
    username = fields.String(required=True, validate=validate.Length(min=1, max=60))
    password = fields.String(required=True, validate=validate.Length(min=1, max=200),
                             load_only=True)


class LoginOut(Strict):
    token = fields.String(required=True)
    expires_at = fields.String()
    user = fields.Dict()


class WalkInIn(Strict):
    service = ServiceCode(required=True, validate=validate.Length(min=1, max=40))
    priority = fields.String(
        load_default=None, validate=validate.OneOf([p.value for p in Priority])
    )


class FacilityQuery(Strict):
    facility = FacilityCode(load_default=None, validate=validate.Length(min=1, max=40))


class ServicesQuery(Strict):
    date = fields.Date(load_default=None)


class Ref(Strict):
    code = fields.String()
    name = fields.String()


class FacilityRef(Ref):
    timezone = fields.String(metadata={"description": "IANA zone, e.g. Asia/Makassar",
                                       "example": "Asia/Makassar"})
    tz_label = fields.String(metadata={
        "description": "the label shown after its times (Indonesia: WIB, WITA or WIT)",
        "example": "WITA"})


def _estimate_note_field() -> fields.String:
    """`estimate_note`: why an answer gives no estimate."""
    return fields.String(allow_none=True, metadata={
        "description": "why there is no estimate: `no_counter_open` (every counter of the "
                       "service is paused, or none serves it); null when there is one"})


class TicketOut(Strict):
    id = fields.Integer()
    number = fields.String(metadata={"example": "A-012"})
    code = fields.String(metadata={"description": "the visit's public code (QR)"})
    facility = fields.Nested(FacilityRef)
    service = fields.Nested(Ref)
    status = fields.String()
    priority = fields.String()
    date = fields.String()
    counter = fields.Nested(Ref, allow_none=True)
    people_ahead = fields.Integer()
    estimated_call_at = fields.String(allow_none=True)
    estimate_note = _estimate_note_field()
    issued_at = fields.String()
    called_at = fields.String(allow_none=True)
    version = fields.Integer()
    ticket_url = fields.String()
    patient = fields.Dict(metadata={"description": "staff only; masked identity"})
    recalls = fields.Integer()
    waited_seconds = fields.Integer(allow_none=True)
    transferred_to = fields.Nested(lambda: TicketOut())


class CounterOut(Strict):
    facility = fields.Nested(Ref)
    code = fields.String()
    name = fields.String()
    paused = fields.Boolean()
    services = fields.List(fields.String())
    ticket = fields.Nested(TicketOut, allow_none=True)


class FacilityOut(Strict):
    code = fields.String()
    name = fields.String()
    timezone = fields.String()
    tz_label = fields.String(metadata={"description": "the label of its times, e.g. WITA"})


class ServiceOut(Strict):
    code = fields.String()
    name = fields.String()
    prefix = fields.String()
    hours = fields.Dict(metadata={
        "description": "weekday (mon..sun) and special-date (YYYY-MM-DD) ranges; [] closed"})
    open_now = fields.Boolean(metadata={
        "description": "open at this moment: within its hours, on a date not closed"})
    open_on_date = fields.Boolean(metadata={
        "description": "the service opens on `date` (no holiday, closure or closed hours)"})
    closed_reason = fields.String(allow_none=True, metadata={
        "description": "why `date` is closed, e.g. \"Libur nasional: Hari Raya Natal\"; null "
                       "when open or when only the weekly hours leave that weekday out",
        "example": "Libur nasional: Hari Raya Natal"})
    closed_reason_en = fields.String(allow_none=True)
    bookable_today = fields.Boolean(metadata={
        "description": "a booking for `date` can be made now: for today, before the service "
                       "closes and before its booking cutoff; for a later date, when open"})
    bookable_reason = fields.String(allow_none=True, metadata={
        "description": "why not (null when bookable)"})
    bookable_reason_en = fields.String(allow_none=True)
    date = fields.String()
    booking_quota = fields.Integer()
    quota_left = fields.Integer()
    jkn_quota = fields.Integer(allow_none=True, metadata={
        "description": "of booking_quota, the places kept for JKN bookings (with a BPJS "
                       "card number); null: one shared quota"})
    jkn_left = fields.Integer(allow_none=True, metadata={
        "description": "JKN places left on `date` (null when not split)"})
    non_jkn_left = fields.Integer(allow_none=True, metadata={
        "description": "places left on `date` for bookings without a BPJS card (null when "
                       "not split)"})
    walkin_limit = fields.Integer(allow_none=True)
    walkin_left = fields.Integer(allow_none=True)
    waiting = fields.Integer()
    open_counters = fields.Integer()
    minutes_per_patient = fields.Float()
    estimated_wait_minutes = fields.Integer(allow_none=True, metadata={
        "description": "null when no counter of the service is open (see estimate_note)"})
    estimate_note = _estimate_note_field()
    facility = fields.Nested(FacilityRef)


class BoardOut(Strict):
    facility = fields.Dict(metadata={
        "description": "code, name, running_text, timezone and tz_label (e.g. WITA)"})
    generated_at = fields.String()
    today = fields.String(metadata={
        "description": "the facility's day: a number of another day is shown with its date"})
    seq = fields.Integer()
    epoch = fields.String(metadata={
        "description": "renewed when `seq` may go back (a restore): a new epoch means resync"})
    counters = fields.List(fields.Dict())
    last_calls = fields.List(fields.Dict())
    services = fields.List(fields.Dict())


class KioskServiceOut(ServiceOut):
    opens_at = fields.String(allow_none=True, metadata={
        "description": "when a closed service opens next (ISO 8601); null while open"})


class KioskHomeOut(Strict):
    facility = fields.Nested(FacilityRef)
    device = fields.String()
    public_url = fields.String(metadata={
        "description": "the address phones use: ANTRIAN_PUBLIC_URL, else the request's host "
                       "URL; the kiosk prints its tickets' QR with it"})
    generated_at = fields.String(metadata={"description": "the server's time"})
    services = fields.List(fields.Nested(KioskServiceOut))


class KioskKeyHeader(Schema):
    """Unknown headers are fine: only Idempotency-Key is read."""

    class Meta:
        unknown = "exclude"

    key = fields.String(data_key="Idempotency-Key", load_default=None,
                        validate=validate.Length(min=8, max=100),
                        metadata={"description": "one key per tap (e.g. a UUID); the same key "
                                                 "and body return the same ticket"})


class HeartbeatIn(Strict):
    printer = fields.String(validate=validate.OneOf(["online", "offline", "unknown"]),
                            load_default="unknown")
    paper = fields.String(validate=validate.OneOf(["ok", "low", "out", "unknown"]),
                          load_default="unknown")
    jobs_waiting = fields.Integer(validate=validate.Range(min=0, max=100000), load_default=0)
    last_error = fields.String(validate=validate.Length(max=300), allow_none=True,
                               load_default=None)
    last_error_detail = fields.String(validate=validate.Length(max=300), allow_none=True,
                                      metadata={"description": "technical detail, for staff"})
    shown_not_printed = fields.Integer(validate=validate.Range(min=0, max=100000), metadata={
        "description": "tickets shown on the screen only: the printer could not print them"})
    shown_numbers = fields.List(fields.String(validate=validate.Length(max=16)),
                                validate=validate.Length(max=100))
    qr_url = fields.String(validate=validate.Length(max=300), allow_none=True,
                           metadata={"description": "the address printed in tickets' QR"})
    qr_warning = fields.String(validate=validate.Length(max=300), allow_none=True)
    taking_numbers = fields.Boolean(metadata={
        "description": "false while the kiosk refuses numbers (no paper, --when-no-paper "
                       "refuse)"})


class PatientIn(Strict):
    nik = Nik(required=True, validate=validate.Length(max=32),
              metadata={"example": "3578010101900001"})
    name = fields.String(required=True, validate=validate.Length(max=200),
                         metadata={"example": "Siti Aminah"})
    phone = Phone(required=True, validate=validate.Length(max=32),
                  metadata={"example": "081234567890"})
    bpjs_number = BpjsNumber(load_default=None, allow_none=True,
                             validate=validate.Length(max=32),
                             metadata={"example": "0001234567890"})


class BookingIn(Strict):
    facility = FacilityCode(required=True, validate=validate.Length(min=1, max=40),
                            metadata={"example": "pkm-demo"})
    service = ServiceCode(required=True, validate=validate.Length(min=1, max=40),
                          metadata={"example": "umum"})
    date = fields.Date(required=True)
    patient = fields.Nested(PatientIn, required=True)


class IdempotencyHeader(Schema):
    """Unknown headers are fine: only Idempotency-Key is read."""

    class Meta:
        unknown = "exclude"

    key = fields.String(data_key="Idempotency-Key", load_default=None,
                        validate=validate.Length(min=8, max=100),
                        metadata={"description": "a client-chosen unique key (e.g. a UUID); "
                                                 "the same key and body return the same booking"})


class MaskedPatient(Strict):
    name = fields.String(allow_none=True)
    nik = fields.String(allow_none=True, metadata={"example": "3578********0001"})
    phone = fields.String(allow_none=True)
    bpjs_number = fields.String(allow_none=True)


class JourneyStep(Strict):
    number = fields.String()
    service = fields.String()
    service_name = fields.String()
    date = fields.String()
    status = fields.String()
    counter = fields.Nested(Ref, allow_none=True)
    recalls = fields.Integer()


class Links(Strict):
    ticket_page = fields.String()
    qr = fields.String()


class BookingOut(TicketOut):
    position = fields.Integer(metadata={"description": "people ahead"})
    journey = fields.List(fields.Nested(JourneyStep))
    patient = fields.Nested(MaskedPatient)
    links = fields.Nested(Links)


class RunningTextIn(Strict):
    facility = fields.String(dump_only=True)
    running_text = fields.String(required=True, validate=validate.Length(max=500))
