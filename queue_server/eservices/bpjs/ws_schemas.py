"""Marshmallow schemas of the hosted web service (`/bpjs/…`), for the OpenAPI document:
BPJS's field names, the `{"response": …, "metadata": {"code", "message"}}` envelope.
The answers are built field for field by the use cases (ws_take, ws_antrean)."""

from __future__ import annotations

from marshmallow import Schema, fields


class WsMetadataOut(Schema):
    code = fields.Integer(required=True, metadata={
        "description": "200 ok, 201 refused (the message says why); "
                       "the HTTP status is the same number"})
    message = fields.String(required=True, metadata={"description": "Indonesian"})


class WsMetadataOnlyOut(Schema):
    """An answer without data (batal, check-in) and every refusal."""

    metadata = fields.Nested(WsMetadataOut, required=True)


class WsTokenOut(Schema):
    token = fields.String(required=True)


class WsStatusOut(Schema):
    namapoli = fields.String(required=True)
    namadokter = fields.String(required=True)
    totalantrean = fields.Integer(required=True)
    sisaantrean = fields.Integer(required=True)
    antreanpanggil = fields.String(required=True)
    sisakuotajkn = fields.Integer(required=True)
    kuotajkn = fields.Integer(required=True)
    sisakuotanonjkn = fields.Integer(required=True)
    kuotanonjkn = fields.Integer(required=True)
    keterangan = fields.String(required=True)


class WsTakenOut(Schema):
    nomorantrean = fields.String(required=True)
    angkaantrean = fields.Integer(required=True)
    kodebooking = fields.String(required=True, metadata={
        "description": "the booking's code (GET /api/v1/bookings/{code} finds it)"})
    norm = fields.String(required=True)
    namapoli = fields.String(required=True)
    namadokter = fields.String(required=True)
    estimasidilayani = fields.Integer(required=True, metadata={
        "description": "estimated call, epoch milliseconds"})
    sisakuotajkn = fields.Integer(required=True)
    kuotajkn = fields.Integer(required=True)
    sisakuotanonjkn = fields.Integer(required=True)
    kuotanonjkn = fields.Integer(required=True)
    keterangan = fields.String(required=True)


class WsRemainingOut(Schema):
    nomorantrean = fields.String(required=True)
    namapoli = fields.String(required=True)
    namadokter = fields.String(required=True)
    sisaantrean = fields.Integer(required=True)
    antreanpanggil = fields.String(required=True)
    waktutunggu = fields.Integer(required=True, metadata={"description": "seconds"})
    keterangan = fields.String(required=True)


class WsOperationsOut(Schema):
    list = fields.List(fields.Dict(), required=True, metadata={
        "description": "always empty: no surgery is scheduled here"})


def envelope(name: str, inner: type[Schema]) -> type[Schema]:
    """The success envelope of `inner`: `{"response": inner, "metadata": {...}}`."""
    return Schema.from_dict({"response": fields.Nested(inner, required=True),
                             "metadata": fields.Nested(WsMetadataOut, required=True)},
                            name=name)


class WsStatusIn(Schema):
    kodepoli = fields.String(required=True)
    kodedokter = fields.Integer()
    tanggalperiksa = fields.String(required=True, metadata={"description": "yyyy-mm-dd"})
    jampraktek = fields.String(metadata={"description": "e.g. 08:00-16:00"})


class WsTakeIn(Schema):
    nomorkartu = fields.String(required=True, metadata={"description": "13 digits"})
    nik = fields.String(required=True, metadata={"description": "16 digits"})
    nohp = fields.String(required=True)
    kodepoli = fields.String(required=True)
    norm = fields.String()
    tanggalperiksa = fields.String(required=True, metadata={"description": "yyyy-mm-dd"})
    kodedokter = fields.Integer()
    jampraktek = fields.String()
    jeniskunjungan = fields.Integer(required=True, metadata={
        "description": "1 rujukan FKTP, 2 rujukan internal, 3 kontrol, 4 rujukan antar RS"})
    nomorreferensi = fields.String()


class WsFktpTakeIn(Schema):
    nomorkartu = fields.String(required=True)
    nik = fields.String(required=True)
    nohp = fields.String(required=True)
    kodepoli = fields.String(required=True)
    norm = fields.String()
    tanggalperiksa = fields.String(required=True)
    keluhan = fields.String()
    kodedokter = fields.Integer()
    jampraktek = fields.String()


class WsCodeIn(Schema):
    kodebooking = fields.String(required=True)
    keterangan = fields.String()


class WsCheckInIn(Schema):
    kodebooking = fields.String(required=True)
    waktu = fields.Integer(metadata={"description": "epoch milliseconds"})


class WsFktpCancelIn(Schema):
    nomorkartu = fields.String(required=True)
    kodepoli = fields.String(required=True)
    tanggalperiksa = fields.String(required=True)
    keterangan = fields.String()


class WsNormOut(Schema):
    norm = fields.String(required=True, metadata={
        "description": "the medical-record number generated for the card (or its own)"})


_KEPT = {"nomorkartu": "13 digits; kept", "nik": "16 digits; kept"}
_NEW_PATIENT_FIELDS = ("nomorkartu", "nik", "nomorkk", "nama", "jeniskelamin",
                       "tanggallahir", "nohp", "alamat", "kodeprop", "namaprop", "kodedati2",
                       "namadati2", "kodekec", "namakec", "kodekel", "namakel", "rw", "rt")
WsNewPatientIn = Schema.from_dict(
    {name: fields.String(required=name in _KEPT, metadata={
        "description": _KEPT.get(name, "read, not kept")}) for name in _NEW_PATIENT_FIELDS},
    name="WsNewPatientIn")


class WsPharmacyTakenOut(Schema):
    jenisresep = fields.String(required=True, metadata={
        "description": "Racikan/Non Racikan in BPJS's catalogue; \"-\": not known here"})
    nomorantrean = fields.Integer(required=True, metadata={
        "description": "the pharmacy number's place in the day's sequence"})
    keterangan = fields.String(required=True)


class WsPharmacyStatusOut(Schema):
    jenisresep = fields.String(required=True)
    totalantrean = fields.Integer(required=True)
    sisaantrean = fields.Integer(required=True)
    antreanpanggil = fields.Integer(required=True, metadata={
        "description": "sequence number last called; 0 before the first call"})
    keterangan = fields.String(required=True)
