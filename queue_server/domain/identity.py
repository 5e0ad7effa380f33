"""Indonesian identity numbers: NIK, BPJS card number, mobile phone numbers."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from .errors import InvalidInput, Words

# Province codes in use (the first two digits of a NIK).
PROVINCES = frozenset(
    [*range(11, 20), 21, *range(31, 37), *range(51, 54), *range(61, 66), *range(71, 77),
     81, 82, *range(91, 97)]
)
# ASCII digits only: `\d` would also take Arabic-Indic or full-width digits.
_PHONE = re.compile(r"^(?:\+62|62|0)(8[0-9]{9,12})$")


# What people type between the characters of an identifier: spaces of every kind,
# dashes and hyphens of every kind (after NFKC), dots and slashes are not removed.
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015\u2212\ufe58\ufe63]+")


class NotPlain(InvalidInput, category=True):
    """An identifier holding a character of another script (Arabic-Indic digits, a
    look-alike letter) or an unprintable one: 422 `invalid_{field}`, naming the field."""

    field: ClassVar[str]  # the key callers name it by
    label: ClassVar[Words]  # how the messages name it

    def __init__(self) -> None:
        super().__init__(label=self.label)

    @classmethod
    def describe(cls) -> str:
        return cls.text_en.format(label=cls.label.en)


class NotPlainNumber(NotPlain, category=True):
    text_id = "{label} hanya boleh berisi angka dan huruf biasa (0-9, A-Z)."
    text_en = "{label} may only contain plain digits and letters (0-9, A-Z)."


class NotPlainReference(NotPlain, category=True):
    text_id = "{label} hanya boleh berisi huruf, angka dan tanda hubung biasa (a-z, 0-9, -)."
    text_en = "{label} may only contain plain letters, digits and dashes (a-z, 0-9, -)."


class NotPlainNik(NotPlainNumber):
    code, field, label = "invalid_nik", "nik", Words("NIK", "The NIK")


class NotPlainBpjs(NotPlainNumber):
    code, field = "invalid_bpjs", "bpjs"
    label = Words("Nomor kartu BPJS", "The BPJS card number")


class NotPlainPhone(NotPlainNumber):
    code, field, label = "invalid_phone", "phone", Words("Nomor HP", "The mobile number")


class NotPlainBookingCode(NotPlainNumber):
    code, field, label = "invalid_code", "code", Words("Kode booking", "The booking code")


class NotPlainTicketCode(NotPlainNumber):
    code, field, label = "invalid_visit", "visit", Words("Kode tiket", "The ticket code")


class NotPlainOtp(NotPlainNumber):
    code, field = "invalid_otp", "otp"
    label = Words("Kode verifikasi", "The verification code")


class NotPlainFacility(NotPlainReference):
    code, field = "invalid_facility", "facility"
    label = Words("Kode fasilitas", "The facility code")


class NotPlainService(NotPlainReference):
    code, field, label = "invalid_service", "service", Words("Kode layanan", "The service code")


class NotPlainCounter(NotPlainReference):
    code, field, label = "invalid_counter", "counter", Words("Kode loket", "The counter code")


_NOT_PLAIN: dict[str, type[NotPlain]] = {cls.field: cls for cls in (
    NotPlainNik, NotPlainBpjs, NotPlainPhone, NotPlainBookingCode, NotPlainTicketCode,
    NotPlainOtp, NotPlainFacility, NotPlainService, NotPlainCounter)}


def normalise_identifier(text: str, field: str) -> str:
    """An identifier from outside (NIK, BPJS number, phone, a code), in one canonical form.

    Unicode NFKC first (full-width `３５７８` becomes `3578`), then spaces and dashes are
    removed; what is left must be ASCII, else the field's NotPlain error (422
    `invalid_{field}`; `field`: nik, bpjs, phone, code, visit, otp) names it, so
    Arabic-Indic digits or look-alike letters never reach a rule, a rate limit, the
    database or a log line as a second spelling of the same number.
    """
    value = _SEPARATORS.sub("", unicodedata.normalize("NFKC", text or ""))
    if not value.isascii() or not value.isprintable():
        raise _NOT_PLAIN[field]()
    return value


def reference_form(text: str) -> str | None:
    """A configured code in its one stored form (NFKC, spaces around it removed, lower
    case; inner dashes kept), or None when that is not printable ASCII without spaces."""
    value = unicodedata.normalize("NFKC", text or "").strip().lower()
    if not value.isascii() or not value.isprintable() or " " in value:
        return None
    return value


def normalise_reference(text: str, field: str) -> str:
    """A configured code from outside (facility `pkm-demo`, service `umum`, counter
    `loket-1`), in its one stored form (`reference_form`: full-width `ｌｏｋｅｔ－１` becomes
    `loket-1`), else the field's NotPlain error (422 `invalid_{field}`; `field`: facility,
    service, counter). Whether such a code exists is for the catalogue to say.
    """
    value = reference_form(text)
    if value is None:
        raise _NOT_PLAIN[field]()
    return value


@dataclass(frozen=True)
class Nik:
    value: str
    province: int
    birth_date: date
    female: bool


class NikNotSixteenDigits(InvalidInput):
    code = "invalid_nik"
    text_id = "NIK harus 16 digit angka."
    text_en = "The NIK must be 16 digits."


class NikProvinceUnknown(InvalidInput):
    code = "invalid_nik"
    text_id = "Kode provinsi NIK ({province}) tidak dikenal."
    text_en = "The NIK's province code ({province}) does not exist."

    def __init__(self, province: str):
        super().__init__(province=province)


class NikBirthDateInvalid(InvalidInput):
    code = "invalid_nik"
    text_id = "Tanggal lahir pada NIK tidak valid."
    text_en = "The birth date inside the NIK is not a real date."


class BpjsNotThirteenDigits(InvalidInput):
    code = "invalid_bpjs"
    text_id = "Nomor kartu harus 13 digit."
    text_en = "The BPJS card number must be 13 digits."


class NotAMobileNumber(InvalidInput):
    code = "invalid_phone"
    text_id = "Nomor HP harus nomor Indonesia, diawali 08 atau +628 (10-13 digit)."
    text_en = ("The phone must be an Indonesian mobile number starting 08 or +628 "
               "(10-13 digits).")


class NameRequired(InvalidInput):
    code = "invalid_name"
    text_id = "Nama harus diisi (2-120 huruf)."
    text_en = "Give a name (2-120 letters)."


def parse_nik(text: str, today: date | None = None) -> Nik:
    """A NIK: 16 digits, a known province, and a real birth date (day + 40 for women).

    The date is not compared with any recorded birth date: old NIKs cannot be changed.
    Raises NikNotSixteenDigits, NikProvinceUnknown or NikBirthDateInvalid (`invalid_nik`).
    """
    nik = (text or "").strip()
    if not re.fullmatch(r"[0-9]{16}", nik):
        raise NikNotSixteenDigits()
    province = int(nik[:2])
    if province not in PROVINCES:
        raise NikProvinceUnknown(nik[:2])
    day, month, year = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    female = day > 40
    today = today or date.today()
    century = 2000 if 2000 + year <= today.year else 1900
    try:
        born = date(century + year, month, day - 40 if female else day)
    except ValueError:
        raise NikBirthDateInvalid() from None
    return Nik(nik, province, born, female)


def parse_bpjs(text: str | None) -> str | None:
    """The BPJS card number: exactly 13 digits, leading zeros kept (it is not a number);
    else BpjsNotThirteenDigits (`invalid_bpjs`)."""
    if text in (None, ""):
        return None
    value = text.strip()
    if not re.fullmatch(r"[0-9]{13}", value):
        raise BpjsNotThirteenDigits()
    return value


def parse_phone(text: str) -> str:
    """An Indonesian mobile number, normalised to +62…: 08 or +628, 10-13 digits after 0;
    else NotAMobileNumber (`invalid_phone`)."""
    value = re.sub(r"[\s\-().]", "", text or "")
    match = _PHONE.fullmatch(value)
    if not match:
        raise NotAMobileNumber()
    return "+62" + match.group(1)


def parse_name(text: str) -> str:
    """A patient's name, spaces tidied: 2-120 characters with a letter, else NameRequired."""
    name = " ".join((text or "").split())
    if not 2 <= len(name) <= 120 or not re.search(r"[A-Za-z]", name):
        raise NameRequired()
    return name
