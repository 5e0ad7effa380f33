"""What a configuration file (`load-config`) can get wrong: each error says which entry,
key or value, in both languages (422 `invalid_config`). An error about a place in the
file is raised with `.at(where)`: `pkm-demo service umum: 'name' is required.`"""

from __future__ import annotations

from .errors import InvalidInput, Words


class InvalidConfig(InvalidInput, category=True):
    code = "invalid_config"


class ConfigUnreadable(InvalidConfig):
    text_id = "Berkas konfigurasi tidak terbaca: {reason}"
    text_en = "Cannot read the configuration file: {reason}"

    def __init__(self, reason: object):
        super().__init__(reason=reason)


class ConfigNotMapping(InvalidConfig):
    text_id = "Konfigurasi harus berupa mapping."
    text_en = "The configuration must be a mapping."


class KeyRequired(InvalidConfig):
    text_id = "'{key}' wajib diisi."
    text_en = "'{key}' is required."

    def __init__(self, key: str):
        super().__init__(key=key)


class CodeNotPlain(InvalidConfig):
    text_id = ("kode '{value}' hanya boleh berisi huruf, angka dan tanda hubung biasa "
               "(a-z, 0-9, -), tanpa spasi.")
    text_en = ("code '{value}' may only contain plain letters, digits and dashes "
               "(a-z, 0-9, -), no spaces.")

    def __init__(self, value: object):
        super().__init__(value=value)


class NotAChoice(InvalidConfig):
    text_id = "'{key}' harus {allowed}, bukan {value!r}."
    text_en = "'{key}' must be {allowed}, not {value!r}."

    def __init__(self, key: str, allowed: str, value: object):
        super().__init__(key=key, allowed=allowed, value=value)


class NumberTooSmall(InvalidConfig):
    """Not a number (a whole one where it must be), or below the least allowed."""

    text_id = "'{key}' harus {what} paling kecil {least:g}, bukan {value!r}."
    text_en = "'{key}' must be {what} of at least {least:g}, not {value!r}."

    def __init__(self, key: str, whole: bool, least: float, value: object):
        what = Words("bilangan bulat", "a whole number") if whole else Words("angka",
                                                                               "a number")
        super().__init__(key=key, what=what, least=least, value=value)


class PrefixTaken(InvalidConfig):
    text_id = "setiap layanan perlu prefix sendiri."
    text_en = "every service needs its own prefix."


class CounterServicesUnknown(InvalidConfig):
    text_id = "{facility} loket {counter}: layanan tidak dikenal atau kosong: {unknown}"
    text_en = "{facility} counter {counter}: unknown or no services: {unknown}"

    def __init__(self, facility: str, counter: str, unknown: list[str]):
        super().__init__(facility=facility, counter=counter, unknown=unknown)


class UnknownDeviceKind(InvalidConfig):
    text_id = "Jenis perangkat '{kind}' tidak dikenal."
    text_en = "Unknown device kind '{kind}'."

    def __init__(self, kind: object):
        super().__init__(kind=kind)


class UnknownRole(InvalidConfig):
    text_id = "Peran '{role}' tidak dikenal."
    text_en = "Unknown role '{role}'."

    def __init__(self, role: object):
        super().__init__(role=role)


class UnknownFacility(InvalidConfig):
    """A user's facility that neither the file nor the database has."""

    text_id = "Fasilitas '{code}' tidak ada."
    text_en = "No facility '{code}'."

    def __init__(self, code: str):
        super().__init__(code=code)


class PasswordAndHash(InvalidConfig):
    text_id = "isi 'password' atau 'password_hash', jangan keduanya."
    text_en = "give 'password' or 'password_hash', not both."


class UnknownPasswordHash(InvalidConfig):
    text_id = ("'password_hash' bukan hash yang dikenal; buat dengan "
               "`python -m queue_server hash-password`.")
    text_en = ("'password_hash' is not a hash this server knows; make one with "
               "`python -m queue_server hash-password`.")


class PasswordRequired(InvalidConfig):
    text_id = "'password' atau 'password_hash' wajib diisi."
    text_en = "'password' or 'password_hash' is required."
