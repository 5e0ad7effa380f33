"""Schemas of the outbox's staff routes: one round now, and the reconciliation view."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from mobile_api.fields import FacilityCode
from mobile_api.report_schemas import ReportDay
from mobile_api.schemas import Strict


class BpjsReconcileQuery(Strict):
    facility = FacilityCode(required=True, validate=validate.Length(min=1, max=40),
                            metadata={"description": "a facility code", "example": "pkm-demo"})
    day = ReportDay(data_key="date", load_default=None,
                    metadata={"description": "the day examined (tanggalperiksa), "
                                             "YYYY-MM-DD; default: today",
                              "example": "2026-11-23"})
    format = fields.String(load_default=None, validate=validate.OneOf(["json", "csv"]),
                           metadata={"description": "csv: one row per poli and stage"})


class BpjsRoundOut(Schema):
    queued = fields.Integer(metadata={"description": "calls queued or corrected from the "
                                                     "ticket history"})
    sent = fields.Integer()
    done = fields.Integer(metadata={"description": "answered 200, or 208 (already there)"})
    refused = fields.Integer()
    retried = fields.Integer(metadata={"description": "BPJS not reached: again after a "
                                                      "back-off"})
    configured = fields.Boolean(metadata={"description": "false: no BPJS client is "
                                                         "configured, nothing was sent"})


class _Figure(Schema):
    count = fields.Integer()
    avg_minutes = fields.Float(allow_none=True)


class _Stage(Schema):
    stage = fields.String(metadata={"description": "admission_wait (task 1→2), "
                                                   "admission_service (2→3), poli_wait (3→4), "
                                                   "poli_service (4→5), pharmacy_wait (5→6), "
                                                   "pharmacy_service (6→7)"})
    from_task = fields.Integer()
    to_task = fields.Integer()
    ours = fields.Nested(_Figure, metadata={"description": "every derived task time"})
    accepted = fields.Nested(_Figure, metadata={"description": "the times BPJS accepted"})
    bpjs_avg_minutes = fields.Float(allow_none=True, metadata={
        "description": "BPJS's own dashboard (null: not asked or not there)"})


class _Poli(Schema):
    kodepoli = fields.String()
    namapoli = fields.String()
    visits = fields.Integer()
    queued = fields.Integer(metadata={"description": "calls still waiting to be sent"})
    refused = fields.Integer()
    bpjs_visits = fields.Integer(allow_none=True)
    stages = fields.List(fields.Nested(_Stage))


class _Call(Schema):
    kind = fields.String(metadata={"description": "add, task or batal"})
    taskid = fields.Integer(allow_none=True)
    attempts = fields.Integer()
    code = fields.Integer(allow_none=True, metadata={"description": "BPJS's last code"})
    message = fields.String(metadata={"description": "BPJS's last message, or why it "
                                                     "could not be reached"})


class _Visit(Schema):
    number = fields.String()
    kodebooking = fields.String()
    kodepoli = fields.String()
    source = fields.String(metadata={"description": "local (reported by us) or mjkn"})
    tasks = fields.List(fields.Integer())
    accepted = fields.List(fields.Integer())
    queued = fields.List(fields.Nested(_Call))
    refused = fields.List(fields.Nested(_Call))


class BpjsReconcileOut(Schema):
    facility = fields.String()
    date = fields.String()
    dashboard = fields.String(metadata={"description": "ok, not_configured, unavailable, "
                                                       "or BPJS's refusal"})
    polis = fields.List(fields.Nested(_Poli))
    visits = fields.List(fields.Nested(_Visit))
