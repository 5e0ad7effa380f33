"""What a BPJS setup (`PUT /api/v1/bpjs/facilities/{f}`, `PUT /api/v1/bpjs/accounts/{u}`)
can get wrong: each error names the entry or field (422 `invalid_bpjs_config`), so the
whole change is refused and nothing is written."""

from __future__ import annotations

from queue_server.domain.config_errors import shown
from queue_server.domain.errors import InvalidInput, Words


class InvalidBpjsConfig(InvalidInput, category=True):
    code = "invalid_bpjs_config"


class BadLevel(InvalidBpjsConfig):
    text_id = ("Isian 'level' harus 'fktp' (puskesmas, klinik) atau 'fkrtl' (rumah sakit), "
               "bukan '{value}'.")
    text_en = ("Field 'level' must be 'fktp' (health centre, clinic) or 'fkrtl' (hospital), "
               "not '{value}'.")

    def __init__(self, value: object):
        super().__init__(value=shown(value))


class BadNewPatients(InvalidBpjsConfig):
    text_id = ("Isian 'new_patients' harus 'accept' (setiap kartu boleh booking) atau "
               "'register' (pasien baru mendaftar dulu), bukan '{value}'.")
    text_en = ("Field 'new_patients' must be 'accept' (every card may book) or 'register' "
               "(a new patient registers first), not '{value}'.")

    def __init__(self, value: object):
        super().__init__(value=shown(value))


class BadRole(InvalidBpjsConfig):
    text_id = ("services[{index}] ({service}): 'role' harus 'poli', 'registration' atau "
               "'pharmacy', bukan '{value}'.")
    text_en = ("services[{index}] ({service}): 'role' must be 'poli', 'registration' or "
               "'pharmacy', not '{value}'.")

    def __init__(self, index: int, service: object, value: object):
        super().__init__(index=index, service=shown(service), value=shown(value))


class UnknownService(InvalidBpjsConfig):
    text_id = ("services[{index}]: layanan '{service}' tidak ada di fasilitas ini; pakai kode "
               "layanan dari daftar layanan.")
    text_en = ("services[{index}]: there is no service '{service}' at this facility; use a "
               "code from its list of services.")

    def __init__(self, index: int, service: object):
        super().__init__(index=index, service=shown(service))


class ServiceTwice(InvalidBpjsConfig):
    text_id = "services[{index}]: layanan '{service}' sudah disebut sebelumnya; sebut sekali saja."
    text_en = "services[{index}]: service '{service}' is listed already; list it once."

    def __init__(self, index: int, service: object):
        super().__init__(index=index, service=shown(service))


class PoliWithoutCode(InvalidBpjsConfig):
    text_id = ("services[{index}] ({service}): poli wajib punya 'kodepoli' BPJS "
               "(mis. UMU, GIG, KIA).")
    text_en = ("services[{index}] ({service}): a poli needs its BPJS 'kodepoli' "
               "(e.g. UMU, GIG, KIA).")

    def __init__(self, index: int, service: object):
        super().__init__(index=index, service=shown(service))


class KodepoliTwice(InvalidBpjsConfig):
    text_id = ("services[{index}] ({service}): kodepoli '{kodepoli}' sudah dipakai layanan "
               "lain; satu kodepoli untuk satu poli.")
    text_en = ("services[{index}] ({service}): kodepoli '{kodepoli}' is used by another "
               "service already; one kodepoli per poli.")

    def __init__(self, index: int, service: object, kodepoli: object):
        super().__init__(index=index, service=shown(service), kodepoli=shown(kodepoli))


class BadField(InvalidBpjsConfig):
    text_id = "Isian '{field}' tidak sah: {why}"
    text_en = "Field '{field}' is not valid: {why}"

    def __init__(self, field: str, why_id: str, why_en: str):
        super().__init__(field=field, why=Words(why_id, why_en))


class AccountIncomplete(InvalidBpjsConfig):
    """`PUT /api/v1/bpjs/accounts/{u}` of a new account without its facility or password."""

    text_id = ("Akun BPJS '{username}' belum ada: untuk membuatnya isi 'facility' dan "
               "'password'.")
    text_en = ("There is no BPJS account '{username}' yet: give 'facility' and 'password' "
               "to create it.")

    def __init__(self, username: str):
        super().__init__(username=username)
