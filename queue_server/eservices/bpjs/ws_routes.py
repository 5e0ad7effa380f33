"""The FKRTL (hospital) shapes of the hosted web service: `GET /bpjs/auth` and the
`antrean` calls Mobile JKN makes, each a thin route over one use case (ws_take,
ws_antrean), answered in BPJS's envelope (ws_envelope)."""

from __future__ import annotations

from flask import Response, current_app, request

from queue_server.edge.caller import client_address
from queue_server.runtime import current

from . import ws_antrean, ws_patients, ws_pharmacy
from .ws_envelope import answer, blp, body, caller, posted, refusals, rules, signed, token_minutes
from .ws_parse import body_of, parse_day, parse_doctor, parse_take, parse_waktu, text
from .ws_schemas import (
    WsCheckInIn,
    WsCodeIn,
    WsMetadataOnlyOut,
    WsNewPatientIn,
    WsNormOut,
    WsOperationsOut,
    WsPharmacyStatusOut,
    WsPharmacyTakenOut,
    WsRemainingOut,
    WsStatusIn,
    WsStatusOut,
    WsTakeIn,
    WsTakenOut,
    WsTokenOut,
    envelope,
)
from .ws_take import take_number
from .ws_token import sign_in


def token_answer() -> Response:
    """A token for the account of headers `x-username`, `x-password` (see ws_token)."""
    rt = current()
    token = sign_in(rt.uow(), rt.clock, request.headers.get("x-username", ""),
                    request.headers.get("x-password", ""), current_app.config["SECRET_KEY"],
                    token_minutes(), client_address())
    return answer({"token": token})


SIGN_IN = [{"in": "header", "name": n, "required": True, "schema": {"type": "string"}}
           for n in ("x-username", "x-password")]


@blp.get("/auth")
@blp.response(200, envelope("WsTokenEnvelope", WsTokenOut))
@refusals
@blp.doc(parameters=SIGN_IN)
def auth() -> Response:
    """A token for the account (headers `x-username`, `x-password`), valid
    BPJS_TOKEN_MINUTES (default 60). A wrong name or password, or an inactive account:
    201 "Username atau password tidak sesuai."; repeated failures are throttled like
    staff logins (201 with Retry-After)."""
    return token_answer()


@blp.post("/antrean/status")
@blp.response(200, envelope("WsStatusEnvelope", WsStatusOut))
@signed
@body(WsStatusIn)
def antrean_status() -> Response:
    """Status antrean of a poli on a date: numbers taken, left, last called, places
    (JKN and non-JKN). 201 for an unknown poli or doctor, a malformed date, a date in
    the past or beyond the booking window, a missing field."""
    principal = caller()
    fields = body_of(posted())
    kodepoli = text(fields, "kodepoli")
    day = parse_day(text(fields, "tanggalperiksa"))
    rt = current()
    return answer(ws_antrean.status(rt.uow(), rt.clock, principal, kodepoli, day,
                                    rules().window_days,
                                    parse_doctor(text(fields, "kodedokter", required=False))))


def new_patient_answer() -> Response:
    """Register the posted new patient at the caller's facility (see ws_patients)."""
    principal = caller()
    reg = ws_patients.parse_registration(posted())
    rt = current()
    return answer({"norm": ws_patients.register(rt.uow(), rt.clock, principal, reg)},
                  message=ws_patients.COME_TO_ADMISSION)


NEW_PATIENT = {"description": "a new patient (only where the facility's new_patients is "
                              "\"register\"): register with POST /bpjs/pasienbaru, then "
                              "take again; nothing was booked"}


@blp.post("/antrean")
@blp.response(200, envelope("WsTakenEnvelope", WsTakenOut))
@blp.alt_response(202, schema=WsMetadataOnlyOut, **NEW_PATIENT)
@signed
@body(WsTakeIn)
def antrean_take() -> Response:
    """Ambil antrean: an ordinary booking (channel `bpjs`; the same numbers, calendar,
    cutoff, per-NIK limits and quota). 201 with the reason for each refusal, e.g. the
    same patient twice: "Nomor antrean hanya dapat diambil 1 kali pada tanggal dan poli
    yang sama."; a full day: "Kuota penuh untuk tanggal ini."."""
    principal = caller()
    take = parse_take(posted())
    rt = current()
    return answer(take_number(rt.uow(), rt.clock, principal, take, rules()))


@blp.post("/antrean/sisa")
@blp.response(200, envelope("WsRemainingEnvelope", WsRemainingOut))
@signed
@body(WsCodeIn)
def antrean_remaining() -> Response:
    """Sisa antrean of a `kodebooking`: patients ahead, the number last called, the
    estimated wait in seconds. 201 "Antrean tidak ditemukan." for an unknown code."""
    principal = caller()
    code = text(body_of(posted()), "kodebooking")
    rt = current()
    return answer(ws_antrean.remaining_of(rt.uow(), rt.clock, principal, code))


@blp.post("/antrean/batal")
@blp.response(200, WsMetadataOnlyOut)
@signed
@body(WsCodeIn)
def antrean_cancel() -> Response:
    """Batal antrean: refused (201) once the patient has checked in or been served."""
    principal = caller()
    code = text(body_of(posted()), "kodebooking")
    rt = current()
    ws_antrean.cancel(rt.uow(), rt.clock, principal, code)
    return answer()


@blp.post("/antrean/checkin")
@blp.response(200, WsMetadataOnlyOut)
@signed
@body(WsCheckInIn)
def antrean_check_in() -> Response:
    """Check-in on the booking's day: the number joins the queue (`waktu`, epoch ms,
    kept as BPJS's check-in time). 201 for another day, a second check-in, an unknown
    code."""
    principal = caller()
    fields = body_of(posted())
    code, waktu = text(fields, "kodebooking"), parse_waktu(fields)
    rt = current()
    ws_antrean.check_in(rt.uow(), rt.clock, principal, code, waktu)
    return answer()


@blp.post("/pasienbaru")
@blp.response(200, envelope("WsNormEnvelope", WsNormOut))
@signed
@body(WsNewPatientIn)
def new_patient() -> Response:
    """Info pasien baru: the patient Mobile JKN was answered 202 for. Only the card and
    the NIK are kept (the other fields are read by no rule); the answer is the `norm`
    generated for the card (the same one again for the same card and NIK). 201 for a
    missing or malformed card or NIK, or a card registered with another NIK."""
    return new_patient_answer()


@blp.post("/antrean/farmasi/ambil")
@blp.response(200, envelope("WsPharmacyTakenEnvelope", WsPharmacyTakenOut))
@signed
@body(WsCodeIn)
def pharmacy_take() -> Response:
    """Ambil antrean farmasi: the visit's number at the pharmacy (the service mapped
    with role "pharmacy"), made when the poli sends the prescription on. 201 before
    that ("Antrean farmasi belum ada…") and for an unknown code."""
    principal = caller()
    code = text(body_of(posted()), "kodebooking")
    return answer(ws_pharmacy.take(current().uow(), principal, code))


@blp.post("/antrean/farmasi/status")
@blp.response(200, envelope("WsPharmacyStatusEnvelope", WsPharmacyStatusOut))
@signed
@body(WsCodeIn)
def pharmacy_status() -> Response:
    """Status antrean farmasi: the pharmacy's numbers that day, the patients ahead of
    the visit's, the number last called; the refusals of ambil antrean farmasi."""
    principal = caller()
    code = text(body_of(posted()), "kodebooking")
    return answer(ws_pharmacy.status(current().uow(), principal, code))


@blp.post("/jadwaloperasirs")
@blp.response(200, envelope("WsOperationsEnvelope", WsOperationsOut))
@signed
def operations_of_facility() -> Response:
    """Jadwal operasi RS: no surgery is scheduled here, so always an empty list."""
    caller()
    return answer({"list": []})


@blp.post("/jadwaloperasipasien")
@blp.response(200, envelope("WsPatientOperationsEnvelope", WsOperationsOut))
@signed
def operations_of_patient() -> Response:
    """Jadwal operasi pasien: always an empty list (no surgery is scheduled here)."""
    caller()
    return answer({"list": []})
