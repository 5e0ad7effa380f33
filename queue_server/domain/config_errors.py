"""What a configuration file (`load-config`) can get wrong: each error says which entry,
key or value, in both languages (422 `invalid_config`). An error about a place in the
file is raised with `.at(where)`: `pkm-demo service umum: 'name' is required.`"""

from __future__ import annotations

import json

from .errors import InvalidInput, Words

_SHOWN = 40


def shown(value: object) -> str:
    """A value from a file or a body as a person reads it in a message: text as is, true /
    false / null as JSON writes them, anything else in JSON's words, cut to 40 characters
    (never a Python repr such as `True`, `None` or `{'date': ...}`)."""
    if isinstance(value, str):
        said = value
    elif isinstance(value, bool) or value is None:
        said = json.dumps(value)
    else:
        said = json.dumps(value, ensure_ascii=False, default=str)
    return said if len(said) <= _SHOWN else said[:_SHOWN - 1] + "…"


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
    text_id = "Isian '{key}' wajib diisi."
    text_en = "Field '{key}' is required."

    def __init__(self, key: str):
        super().__init__(key=key)


class CodeNotPlain(InvalidConfig):
    text_id = ("Kode '{value}' hanya boleh berisi huruf, angka dan tanda hubung biasa "
               "(a-z, 0-9, -), tanpa spasi, paling panjang {most} karakter.")
    text_en = ("Code '{value}' may only contain plain letters, digits and dashes "
               "(a-z, 0-9, -), no spaces, at most {most} characters.")

    def __init__(self, value: object, most: int = 40):
        super().__init__(value=shown(value), most=most)


class NotAChoice(InvalidConfig):
    text_id = "Isian '{key}' harus {allowed}, bukan {value}."
    text_en = "Field '{key}' must be {allowed}, not {value}."

    def __init__(self, key: str, allowed: str, value: object):
        super().__init__(key=key, allowed=allowed, value=shown(value))


class NumberOutOfRange(InvalidConfig):
    """Not a finite number (a whole one where it must be), or outside its bounds."""

    text_id = "Isian '{key}' harus {what} dari {least:g} sampai {most:g}, bukan {value}."
    text_en = "Field '{key}' must be {what} from {least:g} to {most:g}, not {value}."

    def __init__(self, key: str, whole: bool, least: float, most: float, value: object):
        what = Words("bilangan bulat", "a whole number") if whole else Words("angka",
                                                                               "a number")
        super().__init__(key=key, what=what, least=least, most=most, value=shown(value))


class NotText(InvalidConfig):
    """A text key given a number, a list or a mapping, or a text too long for its column."""

    text_id = "Isian '{key}' harus berupa teks, paling panjang {most} karakter."
    text_en = "Field '{key}' must be a text of at most {most} characters."

    def __init__(self, key: str, most: int):
        super().__init__(key=key, most=most)


class UsernameForm(InvalidConfig):
    text_id = ("Nama pengguna '{value}' tidak bisa dipakai: {least}-{most} karakter berupa "
               "huruf kecil, angka, titik, tanda hubung atau garis bawah, tanpa spasi.")
    text_en = ("Username '{value}' cannot be used: {least}-{most} characters of lower-case "
               "letters, digits, dots, dashes or underscores, no spaces.")

    def __init__(self, value: object, least: int, most: int):
        super().__init__(value=shown(value), least=least, most=most)


class PrefixTaken(InvalidConfig):
    text_id = ("Prefix '{prefix}' sudah dipakai layanan {other}; setiap layanan perlu "
               "prefix sendiri.")
    text_en = "Prefix '{prefix}' is already used by service {other}; each needs its own."

    def __init__(self, prefix: str, other: str):
        super().__init__(prefix=prefix, other=other)


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
    text_id = "Isi 'password' atau 'password_hash', jangan keduanya."
    text_en = "Give 'password' or 'password_hash', not both."


class UnknownPasswordHash(InvalidConfig):
    text_id = ("Isian 'password_hash' bukan hash yang dikenal; buat dengan "
               "`python -m queue_server hash-password`.")
    text_en = ("Field 'password_hash' is not a hash this server knows; make one with "
               "`python -m queue_server hash-password`.")


class PasswordRequired(InvalidConfig):
    text_id = "Isian 'password' atau 'password_hash' wajib diisi."
    text_en = "Field 'password' or 'password_hash' is required."
