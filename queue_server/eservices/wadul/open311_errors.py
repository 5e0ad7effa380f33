"""What an Open311 GeoReport v2 call (and the admin's Open311 keys) can get wrong, by
name. The GeoReport routes answer them as `[{"code": <status>, "description": ...}]`
(the spec's error shape, open311.py); the key routes under /api/v1 in the API's shape."""

from __future__ import annotations

from queue_server.domain.errors import Forbidden, InvalidInput, NotFound, Words


class Open311KeyMissing(Forbidden):
    """POST requests.json without `api_key` (GeoReport v2: a key is required to write)."""

    code = "open311_key_missing"
    text_id = "Kirim api_key yang diberikan admin kota untuk membuat laporan."
    text_en = "Send the api_key the city's admin issued you to file a request."


class Open311KeyRefused(Forbidden):
    """An `api_key` that is unknown or deactivated: one answer for both, so a caller
    learns nothing of which keys once existed."""

    code = "open311_key_refused"
    text_id = "api_key tidak dikenal atau sudah dinonaktifkan; minta kunci baru ke admin."
    text_en = "The api_key is unknown or deactivated; ask the admin for a new key."


class Open311ServiceUnknown(NotFound):
    code = "open311_service_not_found"
    text_id = "Layanan (service_code) {service_code} tidak ada. Lihat services.json."
    text_en = "There is no service {service_code}. See services.json."

    def __init__(self, service_code: str):
        super().__init__(service_code=service_code[:40])


class Open311RequestUnknown(NotFound):
    """An id that is unknown, unconfirmed or confidential: the same answer for each."""

    code = "open311_request_not_found"
    text_id = "Laporan {service_request_id} tidak ditemukan."
    text_en = "No request has the id {service_request_id}."

    def __init__(self, service_request_id: str):
        super().__init__(service_request_id=service_request_id[:20])


class Open311FieldRequired(InvalidInput):
    status = 400
    code = "open311_field_required"
    text_id = "Isian {field} wajib diisi."
    text_en = "The field {field} is required."

    def __init__(self, field: str):
        super().__init__(field=field)


class Open311FieldInvalid(InvalidInput):
    """A value of the wrong type or form: a number that is not one, a date that is not
    ISO 8601, a status other than open/closed, a text too long."""

    status = 400
    code = "open311_invalid_value"
    text_id = "Isian {field} tidak valid: {expected}."
    text_en = "The field {field} is not valid: {expected}."

    def __init__(self, field: str, expected: str, expected_en: str):
        super().__init__(field=field, expected=Words(expected, expected_en))


class Open311PlaceRequired(InvalidInput):
    """GeoReport v2: a request is located by lat+long, an address_string or an
    address_id; e-Wadul takes lat+long, address_string or attribute[kelurahan]."""

    status = 400
    code = "open311_place_required"
    text_id = ("Sebutkan tempatnya: isi lat dan long, atau address_string (alamat dengan "
               "kelurahan), atau attribute[kelurahan].")
    text_en = ("Say where it is: send lat and long, or an address_string (an address with "
               "its kelurahan), or attribute[kelurahan].")


class Open311KeyNameRequired(InvalidInput):
    code = "open311_key_name_required"
    text_id = "Beri nama kunci (nama aplikasi pemakainya), 1-80 karakter."
    text_en = "Name the key (the application that uses it), 1-80 characters."


class Open311KeyNotFound(NotFound):
    code = "open311_key_not_found"
    text_id = "Kunci Open311 nomor {key_id} tidak ada."
    text_en = "There is no Open311 key number {key_id}."

    def __init__(self, key_id: int):
        super().__init__(key_id=key_id)
