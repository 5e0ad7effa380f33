"""What an admin's change (`/api/v1/admin`) can get wrong beyond what a configuration
file can: a body that is not an entry, a key no entry has, an object that is not there,
a change the caller's role may not make, a bad date range for the audit log."""

from __future__ import annotations

from .config_errors import InvalidConfig
from .errors import Forbidden, InvalidInput, NotFound, Words


class EntryNotMapping(InvalidConfig):
    text_id = "isinya harus berupa objek (pasangan kunci dan nilai)."
    text_en = "it must be an object (keys and values)."


class UnknownKey(InvalidConfig):
    text_id = "kunci '{key}' tidak dikenal."
    text_en = "unknown key '{key}'."

    def __init__(self, key: str):
        super().__init__(key=key)


class CodeMismatch(InvalidConfig):
    """A body whose `code` (or `username`) differs from the one in the path."""

    text_id = "'{key}' di isi ({given}) berbeda dengan alamatnya ({path})."
    text_en = "'{key}' in the body ({given}) differs from the one in the path ({path})."

    def __init__(self, key: str, given: object, path: str):
        super().__init__(key=key, given=given, path=path)


class OneFacilityToImport(InvalidConfig):
    """An import whose file has not exactly the one facility of its address."""

    text_id = "berkas impor harus berisi tepat satu fasilitas, yaitu '{code}'."
    text_en = "an import file must hold exactly one facility: '{code}'."

    def __init__(self, code: str):
        super().__init__(code=code)


class UserOfAnotherFacility(InvalidConfig):
    """An import naming a user who is not of the facility imported."""

    text_id = "pengguna {username} bukan pengguna fasilitas {code}."
    text_en = "user {username} is not a user of facility {code}."

    def __init__(self, username: str, code: str):
        super().__init__(username=username, code=code)


class DeviceNotFound(NotFound):
    code = "device_not_found"
    text_id = "Perangkat '{code}' tidak ada."
    text_en = "No device '{code}'."

    def __init__(self, code: str):
        super().__init__(code=code)


class UserNotFound(NotFound):
    code = "user_not_found"
    text_id = "Pengguna '{username}' tidak ada."
    text_en = "No user '{username}'."

    def __init__(self, username: str):
        super().__init__(username=username)


class AdminRoleOnly(Forbidden):
    """A facility admin creating a facility, or an admin or city user."""

    code = "admin_only"
    text_id = "Hanya admin Dinas yang boleh {action}."
    text_en = "Only the deployment's admin may {action}."
    meaning = "Only an admin may do this."

    def __init__(self, action_id: str, action_en: str):
        super().__init__(action=Words(action_id, action_en))


class BadAuditDate(InvalidInput):
    code = "invalid_date"
    text_id = "Tanggal '{value}' tidak dikenali; tulis YYYY-MM-DD."
    text_en = "Date '{value}' not understood; write YYYY-MM-DD."

    def __init__(self, value: object):
        super().__init__(value=value)


class TokenAndHash(InvalidConfig):
    text_id = "isi 'token' atau 'token_hash', jangan keduanya."
    text_en = "give 'token' or 'token_hash', not both."


class UnknownTokenHash(InvalidConfig):
    text_id = "'token_hash' harus 64 digit heksadesimal (SHA-256 dari tokennya)."
    text_en = "'token_hash' must be 64 hexadecimal digits (the token's SHA-256)."
