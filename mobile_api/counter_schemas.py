"""Schemas of the counter, console and device routes (the staff side of /api/v1)."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from queue_server.domain.counter_commands import Command
from queue_server.domain.priority import Priority

from .fields import ServiceCode
from .schemas import CounterOut, FacilityRef, Ref, Strict, TicketOut

EXPECTED = ("the ticket number the console shows as this counter's current patient, or "
            "null for nobody; when the counter's ticket differs the answer is 409 "
            "`stale_view` (with `error.counter`) and nothing changes. Leave it out to act "
            "regardless.")


ACTIONS = ("the commands this counter takes now, each the last part of its route "
           "(`/api/v1/counters/{counter}/<command>`; `transfer` is `finish` with "
           "`transfer_to`), from its patient's status and whether it is paused: a console "
           "enables exactly these")


class CounterActionIn(Strict):
    """Every counter action's body: all of it optional."""

    expected_current = fields.String(allow_none=True, validate=validate.Length(max=20),
                                     metadata={"description": EXPECTED, "example": "A-012"})


class CounterKeyHeader(Schema):
    """Unknown headers are fine: only Idempotency-Key is read."""

    class Meta:
        unknown = "exclude"

    key = fields.String(data_key="Idempotency-Key", load_default=None,
                        validate=validate.Length(min=8, max=100),
                        metadata={"description": "one key per press (e.g. a UUID), kept per "
                                                 "counter; the same key and body return the "
                                                 "first reply"})


class FinishIn(CounterActionIn):
    transfer_to = ServiceCode(load_default=None, validate=validate.Length(min=1, max=40))


class TransferIn(CounterActionIn):
    transfer_to = ServiceCode(required=True, validate=validate.Length(min=1, max=40),
                              metadata={"description": "the service that takes the patient "
                                                       "next", "example": "apotek"})


class RequeueIn(CounterActionIn):
    number = fields.String(load_default=None, validate=validate.Length(min=3, max=12))


class CallNumberIn(CounterActionIn):
    number = fields.String(required=True, validate=validate.Length(max=20), metadata={
        "description": "the waiting ticket to call: `A-012`, `a12`, `A 12`; a bare `12` at "
                       "a counter with one service", "example": "A-012"})


class PriorityIn(CounterActionIn):
    number = fields.String(required=True, validate=validate.Length(max=20),
                           metadata={"example": "A-012"})
    priority = fields.String(required=True, validate=validate.Length(max=20), metadata={
        "enum": [p.value for p in Priority], "example": "elderly"})
    reason = fields.String(required=True, validate=validate.Length(max=400), metadata={
        "description": "why (3-200 characters), kept in the ticket's history",
        "example": "lansia 72 tahun"})


class ConsoleFacility(FacilityRef):
    running_text = fields.String(metadata={"description": "the boards' running text"})


class ConsoleOut(Strict):
    seq = fields.Integer()
    epoch = fields.String()
    generated_at = fields.String()
    today = fields.String(metadata={
        "description": "the facility's day (YYYY-MM-DD): a number of another day (a 24-hour "
                       "service's patients from before midnight) is shown with its date"})
    facility = fields.Nested(ConsoleFacility)
    counter = fields.Nested(CounterOut)
    ticket = fields.Nested(TicketOut, allow_none=True)
    actions = fields.List(fields.String(metadata={"enum": [c.value for c in Command]}),
                          metadata={"description": ACTIONS})
    waiting = fields.List(fields.Dict())
    no_shows = fields.List(fields.Dict())
    counts = fields.Dict()
    services = fields.List(fields.Nested(Ref))
    devices = fields.List(fields.Dict(), metadata={"description": "kiosks and their state"})


class PrinterOut(Strict):
    printer = fields.String(metadata={"enum": ["online", "offline", "unknown"]})
    paper = fields.String(metadata={"enum": ["ok", "low", "out", "unknown"]})
    jobs_waiting = fields.Integer()
    last_error = fields.String(allow_none=True)
    shown_not_printed = fields.Integer()
    taking_numbers = fields.Boolean(allow_none=True)


class DeviceOut(Strict):
    code = fields.String()
    name = fields.String()
    kind = fields.String(metadata={"example": "kiosk"})
    last_seen = fields.String(allow_none=True, metadata={
        "description": "the last heartbeat (ISO 8601 with offset); null if never seen"})
    online = fields.Boolean(metadata={"description": "seen within the last 60 s (two "
                                                     "missed 30 s heartbeats = offline)"})
    printer = fields.Nested(PrinterOut, allow_none=True,
                            metadata={"description": "kiosks: the last heartbeat's report"})


class DevicesOut(Strict):
    facility = fields.Nested(FacilityRef)
    checked_at = fields.String()
    offline_after_seconds = fields.Integer()
    devices = fields.List(fields.Nested(DeviceOut))
