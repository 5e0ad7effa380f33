"""The FKTP (puskesmas, klinik) shapes of the hosted web service, under `/bpjs/fktp`:
BPJS's FKTP paths (GET with path parameters for status and a card's remaining queue,
PUT for cancelling by card, poli and date; `keluhan` on taking a number) over the same
use cases as the FKRTL routes (ws_take, ws_antrean)."""

from __future__ import annotations

from flask import Response

from queue_server.runtime import current

from . import ws_antrean
from .ws_envelope import answer, blp, body, caller, posted, refusals, rules, signed
from .ws_parse import body_of, parse_card, parse_day, parse_take, text
from .ws_routes import NEW_PATIENT, SIGN_IN, new_patient_answer, token_answer
from .ws_schemas import (
    WsFktpCancelIn,
    WsFktpTakeIn,
    WsMetadataOnlyOut,
    WsNewPatientIn,
    WsNormOut,
    WsRemainingOut,
    WsStatusOut,
    WsTakenOut,
    WsTokenOut,
    envelope,
)
from .ws_take import take_number


@blp.get("/fktp/auth")
@blp.response(200, envelope("WsFktpTokenEnvelope", WsTokenOut))
@refusals
@blp.doc(parameters=SIGN_IN)
def fktp_auth() -> Response:
    """The FKTP address of GET /bpjs/auth (headers `x-username`, `x-password`)."""
    return token_answer()


@blp.get("/fktp/antrean/status/<kodepoli>/<tanggalperiksa>")
@blp.response(200, envelope("WsFktpStatusEnvelope", WsStatusOut))
@signed
def fktp_status(kodepoli: str, tanggalperiksa: str) -> Response:
    """Status antrean of a poli on a date (yyyy-mm-dd); the refusals of the FKRTL one."""
    principal = caller()
    day = parse_day(tanggalperiksa)
    rt = current()
    return answer(ws_antrean.status(rt.uow(), rt.clock, principal, kodepoli, day,
                                    rules().window_days))


@blp.get("/fktp/antrean/sisapeserta/<code>/<kodepoli>/<tanggalperiksa>")
@blp.response(200, envelope("WsFktpRemainingEnvelope", WsRemainingOut))
@signed
def fktp_remaining(code: str, kodepoli: str, tanggalperiksa: str) -> Response:
    """Sisa antrean of a participant: `code` is the card number (nomorkartu, 13
    digits; masked in the access log as a code is), then the poli and date."""
    principal = caller()
    card, day = parse_card(code), parse_day(tanggalperiksa)
    rt = current()
    return answer(ws_antrean.remaining_by_card(rt.uow(), rt.clock, principal, card,
                                               kodepoli, day))


@blp.post("/fktp/antrean")
@blp.response(200, envelope("WsFktpTakenEnvelope", WsTakenOut))
@blp.alt_response(202, schema=WsMetadataOnlyOut, **NEW_PATIENT)
@signed
@body(WsFktpTakeIn)
def fktp_take() -> Response:
    """Ambil antrean FKTP (`keluhan`, no referral fields): the FKRTL booking use case."""
    principal = caller()
    take = parse_take(posted(), fktp=True)
    rt = current()
    return answer(take_number(rt.uow(), rt.clock, principal, take, rules()))


@blp.put("/fktp/antrean/batal")
@blp.response(200, WsMetadataOnlyOut)
@signed
@body(WsFktpCancelIn)
def fktp_cancel() -> Response:
    """Batal antrean FKTP, by card, poli and date; refused once checked in or served."""
    principal = caller()
    fields = body_of(posted())
    card = parse_card(text(fields, "nomorkartu"))
    kodepoli = text(fields, "kodepoli")
    day = parse_day(text(fields, "tanggalperiksa"))
    rt = current()
    code = ws_antrean.code_by_card(rt.uow(), principal, card, kodepoli, day)
    ws_antrean.cancel(rt.uow(), rt.clock, principal, code)
    return answer()


@blp.post("/fktp/peserta")
@blp.response(200, envelope("WsFktpNormEnvelope", WsNormOut))
@signed
@body(WsNewPatientIn)
def fktp_new_patient() -> Response:
    """Pasien baru FKTP: the FKRTL `POST /bpjs/pasienbaru` at FKTP's address (card and
    NIK kept, a `norm` answered)."""
    return new_patient_answer()
