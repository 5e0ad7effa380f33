"""The hosted web service's refusals, each a named error carrying BPJS's metadata code
201 (refused, with a reason Mobile JKN shows the patient), or 202 (a new patient, to
register first: only at a facility whose `new_patients` is "register", see
ws_patients). Texts follow the wording of BPJS's WS Antrean catalogue as
public implementations answer it (Indonesian; this machine-to-machine channel needs no
English, which `text_en` still gives for the API's error table)."""

from __future__ import annotations

from typing import ClassVar

from queue_server.domain.errors import InvalidInput, Unauthorized


class WsRefused(InvalidInput, category=True):
    """A refusal answered `{"metadata": {"code": bpjs_code, "message": …}}`."""

    bpjs_code: ClassVar[int] = 201


class WsLoginFailed(Unauthorized):
    code = "bpjs_login_failed"
    text_id = "Username atau password tidak sesuai."
    text_en = "The username or password is wrong."


class WsTokenExpired(Unauthorized):
    code = "bpjs_token_expired"
    text_id = "Token Expired"
    text_en = "The token has expired."


class WsTokenInvalid(Unauthorized):
    code = "bpjs_token_invalid"
    text_id = "Token tidak valid"
    text_en = "The token is not valid."


class WsBodyNotJson(WsRefused):
    code = "bpjs_body_not_json"
    text_id = "Format permintaan tidak sesuai: kirim satu objek JSON."
    text_en = "The request is malformed: send one JSON object."


class WsFieldMissing(WsRefused):
    code = "bpjs_field_missing"
    text_id = "{field} tidak boleh kosong."
    text_en = "{field} must not be empty."

    def __init__(self, field: str):
        super().__init__(field=field)


class WsFieldInvalid(WsRefused):
    code = "bpjs_field_invalid"
    text_id = "Format {field} tidak sesuai."
    text_en = "{field} is not in the expected format."

    def __init__(self, field: str):
        super().__init__(field=field)


class WsDateFormat(WsRefused):
    code = "bpjs_date_format"
    text_id = "Format Tanggal Tidak Sesuai, format yang benar adalah yyyy-mm-dd"
    text_en = "The date is malformed: the expected format is yyyy-mm-dd."


class WsPoliNotFound(WsRefused):
    code = "bpjs_poli_not_found"
    text_id = "Poli tidak ditemukan."
    text_en = "No such poli here."


class WsDoctorNotFound(WsRefused):
    code = "bpjs_doctor_not_found"
    text_id = "Jadwal dokter tidak ditemukan."
    text_en = "No such doctor's schedule here."


class WsBookingNotFound(WsRefused):
    code = "bpjs_booking_not_found"
    text_id = "Antrean tidak ditemukan."
    text_en = "No such booking."


class WsCancelRefused(WsRefused):
    code = "bpjs_cancel_refused"
    text_id = "Antrean tidak dapat dibatalkan karena pasien sudah check-in atau dilayani."
    text_en = "The booking cannot be cancelled: the patient has checked in or been served."



class WsNewPatient(WsRefused):
    """BPJS's 202: the card is not a patient of the facility yet; Mobile JKN then sends
    the patient's identity to "pasien baru" and takes the number again."""

    bpjs_code = 202
    code = "bpjs_new_patient"
    text_id = ("Data pasien ini tidak ditemukan, silahkan melakukan registrasi "
               "pasien baru.")
    text_en = "This patient is not known here: register as a new patient first."


class WsPatientMismatch(WsRefused):
    code = "bpjs_patient_mismatch"
    text_id = "Nomor kartu sudah terdaftar dengan NIK lain."
    text_en = "The card number is already registered with another NIK."


class WsPharmacyNotYet(WsRefused):
    code = "bpjs_pharmacy_not_yet"
    text_id = "Antrean farmasi belum ada: resep belum diteruskan ke farmasi."
    text_en = "No pharmacy number yet: the prescription has not been sent to the pharmacy."
