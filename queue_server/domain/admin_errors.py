"""What an admin's change (`/api/v1/admin`) can get wrong beyond what a configuration
file can: a body that is not an entry, a key no entry has, an object that is not there,
a change the caller's role may not make, a bad date range for the audit log."""

from __future__ import annotations

from .config_errors import InvalidConfig, shown
from .errors import DomainError, Forbidden, InvalidInput, NotFound, Words


class EntryNotMapping(InvalidConfig):
    text_id = "Isinya harus berupa objek (pasangan kunci dan nilai)."
    text_en = "It must be an object (keys and values)."


class FieldNotValid(InvalidConfig):
    """A query or body value the admin API could not read at all (its loader says more
    about a value it can read)."""

    text_id = "Isian '{key}' tidak valid."
    text_en = "Field '{key}' is not valid."

    def __init__(self, key: str):
        super().__init__(key=key)


class UnknownKey(InvalidConfig):
    text_id = "Kunci '{key}' tidak dikenal."
    text_en = "Unknown key '{key}'."

    def __init__(self, key: str):
        super().__init__(key=key)


class CodeMismatch(InvalidConfig):
    """A body whose `code` (or `username`) differs from the one in the path."""

    text_id = "Isian '{key}' ({given}) berbeda dengan alamatnya ({path})."
    text_en = "Field '{key}' in the body ({given}) differs from the one in the path ({path})."

    def __init__(self, key: str, given: object, path: str):
        super().__init__(key=key, given=shown(given), path=path)


class OneFacilityToImport(InvalidConfig):
    """An import whose file has not exactly the one facility of its address."""

    text_id = "Berkas impor harus berisi tepat satu fasilitas, yaitu '{code}'."
    text_en = "An import file must hold exactly one facility: '{code}'."

    def __init__(self, code: str):
        super().__init__(code=code)


class UserOfAnotherFacility(InvalidConfig):
    """An import naming a user who is not of the facility imported."""

    text_id = "Pengguna {username} bukan pengguna fasilitas {code}."
    text_en = "User {username} is not a user of facility {code}."

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
        super().__init__(value=shown(value))


class AuditDateMissing(InvalidInput):
    """A YYYY-MM-DD date the calendar has not (2026-02-30), or one at its very edge
    (0001-01-01, 9999-12-31) that no time zone can shift."""

    code = "invalid_date"
    text_id = "Tanggal {value} tidak ada atau di luar jangkauan kalender."
    text_en = "The date {value} does not exist or is outside the calendar's range."

    def __init__(self, value: str):
        super().__init__(value=value)


class AuditDatesReversed(InvalidInput):
    code = "invalid_range"
    text_id = "Tanggal 'from' harus sama dengan atau sebelum 'to'."
    text_en = "'from' must be on or before 'to'."


class TokenUnusable(InvalidConfig):
    """A device token (or its hash) another device already has: said without a hint of
    which device or facility has it."""

    text_id = ("Token ini tidak bisa dipakai; pilih token lain, atau kosongkan agar server "
               "membuatkan yang baru.")
    text_en = ("This token cannot be used; choose another one, or leave it out and the "
               "server issues a new one.")


class WeakToken(InvalidInput):
    """Outside a demo: a device token too easy to guess (domain/credentials.py)."""

    code = "weak_token"
    text_id = ("Token perangkat ini lemah ({reason}). Pakai minimal {least} karakter acak, "
               "atau kosongkan agar server membuatkan.")
    text_en = ("This device token is weak ({reason}). Use at least {least} random "
               "characters, or leave it out and the server issues one.")

    def __init__(self, reason: Words, least: int):
        super().__init__(reason=reason, least=least)


class OwnAccountLocked(DomainError):
    """A user changing its own role or `active`: it could lock itself out."""

    code = "own_account"
    text_id = ("Anda tidak bisa mengubah peran atau status aktif akun Anda sendiri; minta "
               "admin lain melakukannya.")
    text_en = ("You cannot change the role or the active state of your own account; ask "
               "another admin to do it.")


class LastAdmin(DomainError):
    """A change that would leave the deployment without an active admin."""

    code = "last_admin"
    text_id = ("Perubahan ini ditolak: harus tetap ada minimal satu admin aktif. Buat atau "
               "aktifkan admin lain dulu.")
    text_en = ("Refused: at least one active admin must remain. Create or activate another "
               "admin first.")


class TokenAndHash(InvalidConfig):
    text_id = "Isi 'token' atau 'token_hash', jangan keduanya."
    text_en = "Give 'token' or 'token_hash', not both."


class UnknownTokenHash(InvalidConfig):
    text_id = "Isian 'token_hash' harus 64 digit heksadesimal (SHA-256 dari tokennya)."
    text_en = "Field 'token_hash' must be 64 hexadecimal digits (the token's SHA-256)."
