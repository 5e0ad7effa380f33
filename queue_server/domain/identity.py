"""Indonesian identity numbers: NIK, BPJS card number, mobile phone numbers."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from .errors import InvalidInput

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


def normalise_identifier(text: str, field: str, label: str | None = None,
                         label_en: str | None = None) -> str:
    """An identifier from outside (NIK, BPJS number, phone, a code), in one canonical form.

    Unicode NFKC first (full-width `３５７８` becomes `3578`), then spaces and dashes are
    removed; what is left must be ASCII, else InvalidInput (code `invalid_{field}`) names
    the field, so Arabic-Indic digits or look-alike letters never reach a rule, a rate
    limit, the database or a log line as a second spelling of the same number. `label`
    names the field in the Indonesian message, `label_en` in the English one.
    """
    value = _SEPARATORS.sub("", unicodedata.normalize("NFKC", text or ""))
    if not value.isascii() or not value.isprintable():
        name = label or field
        raise InvalidInput(
            f"{name} hanya boleh berisi angka dan huruf biasa (0-9, A-Z).",
            f"{label_en or name} may only contain plain digits and letters (0-9, A-Z).",
            code=f"invalid_{field}")
    return value


def normalise_reference(text: str, field: str, label: str | None = None,
                        label_en: str | None = None) -> str:
    """A configured code from outside (facility `pkm-demo`, service `umum`, counter
    `loket-1`), in its one stored form.

    Unicode NFKC (full-width `ｌｏｋｅｔ－１` becomes `loket-1`), spaces around it removed,
    lower case; the dashes inside are part of the code and stay. What is left must be
    printable ASCII without spaces, else InvalidInput (code `invalid_{field}`) names the
    field (`label`, `label_en`). Whether such a code exists is for the catalogue to say.
    """
    value = unicodedata.normalize("NFKC", text or "").strip().lower()
    if not value.isascii() or not value.isprintable() or " " in value:
        name = label or field
        raise InvalidInput(
            f"{name} hanya boleh berisi huruf, angka dan tanda hubung biasa (a-z, 0-9, -).",
            f"{label_en or name} may only contain plain letters, digits and dashes "
            "(a-z, 0-9, -).",
            code=f"invalid_{field}")
    return value


@dataclass(frozen=True)
class Nik:
    value: str
    province: int
    birth_date: date
    female: bool


def parse_nik(text: str, today: date | None = None) -> Nik:
    """A NIK: 16 digits, a known province, and a real birth date (day + 40 for women).

    The date is not compared with any recorded birth date: old NIKs cannot be changed.
    """
    nik = (text or "").strip()
    if not re.fullmatch(r"[0-9]{16}", nik):
        raise InvalidInput("NIK harus 16 digit angka.", "The NIK must be 16 digits.",
                           code="invalid_nik")
    province = int(nik[:2])
    if province not in PROVINCES:
        raise InvalidInput(f"Kode provinsi NIK ({nik[:2]}) tidak dikenal.",
                           f"The NIK's province code ({nik[:2]}) does not exist.",
                           code="invalid_nik")
    day, month, year = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    female = day > 40
    today = today or date.today()
    century = 2000 if 2000 + year <= today.year else 1900
    try:
        born = date(century + year, month, day - 40 if female else day)
    except ValueError:
        raise InvalidInput("Tanggal lahir pada NIK tidak valid.",
                           "The birth date inside the NIK is not a real date.",
                           code="invalid_nik") from None
    return Nik(nik, province, born, female)


def parse_bpjs(text: str | None) -> str | None:
    """The BPJS card number: exactly 13 digits, leading zeros kept (it is not a number)."""
    if text in (None, ""):
        return None
    value = text.strip()
    if not re.fullmatch(r"[0-9]{13}", value):
        raise InvalidInput("Nomor kartu harus 13 digit.", "The BPJS card number must be 13 digits.",
                           code="invalid_bpjs")
    return value


def parse_phone(text: str) -> str:
    """An Indonesian mobile number, normalised to +62…: 08 or +628, 10-13 digits after 0."""
    value = re.sub(r"[\s\-().]", "", text or "")
    match = _PHONE.fullmatch(value)
    if not match:
        raise InvalidInput(
            "Nomor HP harus nomor Indonesia, diawali 08 atau +628 (10-13 digit).",
            "The phone must be an Indonesian mobile number starting 08 or +628 (10-13 digits).",
            code="invalid_phone",
        )
    return "+62" + match.group(1)


def parse_name(text: str) -> str:
    name = " ".join((text or "").split())
    if not 2 <= len(name) <= 120 or not re.search(r"[A-Za-z]", name):
        raise InvalidInput("Nama harus diisi (2-120 huruf).", "Give a name (2-120 letters).",
                           code="invalid_name")
    return name
