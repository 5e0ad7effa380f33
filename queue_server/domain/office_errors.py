"""What an office (OPD) entry, or a user's list of office roles, can get wrong (422
`invalid_config`, said with `.at(where)` like every configuration error), and an office
the admin asks for that does not exist (404 `office_not_found`)."""

from __future__ import annotations

from .config_errors import InvalidConfig, shown
from .errors import NotFound


class UnknownOfficeKind(InvalidConfig):
    text_id = "Jenis kantor '{kind}' tidak dikenal; pilih salah satu: {allowed}."
    text_en = "Unknown office kind '{kind}'; choose one of: {allowed}."

    def __init__(self, kind: object, allowed: str):
        super().__init__(kind=shown(kind), allowed=allowed)


class OfficeRolesNotList(InvalidConfig):
    text_id = ("Isian 'offices' harus berupa daftar, misalnya "
               "[{{office: dsdabm, role: staff}}].")
    text_en = "Field 'offices' must be a list, such as [{{office: dsdabm, role: staff}}]."
    meaning = "A user's 'offices' is not a list of office roles."


class UnknownOffice(InvalidConfig):
    """A user's office that neither the file nor the database has."""

    text_id = "Kantor (OPD) '{code}' tidak ada."
    text_en = "No office (OPD) '{code}'."

    def __init__(self, code: object):
        super().__init__(code=shown(code))


class UnknownOfficeRole(InvalidConfig):
    text_id = "Peran '{role}' di kantor '{office}' tidak dikenal; pilih salah satu: {allowed}."
    text_en = "Unknown role '{role}' in office '{office}'; choose one of: {allowed}."

    def __init__(self, role: object, office: str, allowed: str):
        super().__init__(role=shown(role), office=office, allowed=allowed)


class OfficeNotFound(NotFound):
    code = "office_not_found"
    text_id = "Kantor (OPD) '{code}' tidak ada."
    text_en = "No office (OPD) '{code}'."

    def __init__(self, code: str):
        super().__init__(code=code)


class NotOfficeStaff(InvalidConfig):
    """An offices import naming a user who is not of role `office` (or would become
    one from another role): that file carries office staff only."""

    text_id = ("Pengguna {username} bukan petugas kantor (peran office); berkas kantor "
               "hanya memuat petugas kantor.")
    text_en = ("User {username} is not office staff (role office); an offices file holds "
               "office staff only.")

    def __init__(self, username: str):
        super().__init__(username=username)



class OfficePhoneInvalid(InvalidConfig):
    """An office's `phone` (its WhatsApp number for escalations) that is no Indonesian
    mobile number."""

    text_id = ("Nomor WhatsApp kantor '{phone}' tidak sah: nomor HP Indonesia, diawali 08 "
               "atau +628 (10-13 digit), atau kosongkan.")
    text_en = ("The office's WhatsApp number '{phone}' is not valid: an Indonesian mobile "
               "number starting 08 or +628 (10-13 digits), or leave it empty.")

    def __init__(self, phone: object):
        super().__init__(phone=shown(phone))
