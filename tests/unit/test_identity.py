"""NIK, BPJS and phone rules, with the messages patients see."""

from __future__ import annotations

from datetime import date

import pytest

from queue_server.domain.errors import InvalidInput
from queue_server.domain.identity import parse_bpjs, parse_name, parse_nik, parse_phone

TODAY = date(2026, 11, 23)


def test_a_surabaya_mans_nik() -> None:
    nik = parse_nik("3578010101900001", TODAY)
    assert (nik.province, nik.birth_date, nik.female) == (35, date(1990, 1, 1), False)


def test_a_womans_nik_has_40_added_to_the_day() -> None:
    nik = parse_nik("3578014507050002", TODAY)
    assert (nik.birth_date, nik.female) == (date(2005, 7, 5), True)


@pytest.mark.parametrize(("text", "message"), [
    ("357801010190001", "NIK harus 16 digit angka."),
    ("35780101019000012", "NIK harus 16 digit angka."),
    ("35780101019000a1", "NIK harus 16 digit angka."),
    ("", "NIK harus 16 digit angka."),
    ("2078010101900001", "Kode provinsi NIK (20) tidak dikenal."),
    ("9978010101900001", "Kode provinsi NIK (99) tidak dikenal."),
    ("3578013202900001", "Tanggal lahir pada NIK tidak valid."),  # 32 Feb
    ("3578017202900001", "Tanggal lahir pada NIK tidak valid."),  # woman, 32 Feb
    ("3578013113900001", "Tanggal lahir pada NIK tidak valid."),  # month 13
])
def test_bad_niks_are_refused_with_a_reason(text: str, message: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_nik(text, TODAY)
    assert caught.value.code == "invalid_nik" and caught.value.message == message


def test_every_listed_province_is_accepted() -> None:
    for code in (11, 19, 21, 31, 36, 51, 53, 61, 65, 71, 76, 81, 82, 91, 96):
        assert parse_nik(f"{code}78010101900001", TODAY).province == code


def test_bpjs_numbers_are_13_digits_kept_as_text() -> None:
    assert parse_bpjs("0001234567890") == "0001234567890"
    assert parse_bpjs(None) is None and parse_bpjs("") is None
    for bad in ("123456789012", "00012345678901", "000123456789x"):
        with pytest.raises(InvalidInput) as caught:
            parse_bpjs(bad)
        assert caught.value.message == "Nomor kartu harus 13 digit."


@pytest.mark.parametrize(("text", "normal"), [
    ("081234567890", "+6281234567890"), ("+6281234567890", "+6281234567890"),
    ("628123456789", "+628123456789"), ("0812-3456-7890", "+6281234567890"),
    ("0812345678901", "+62812345678901"),
])
def test_indonesian_mobile_numbers_are_normalised(text: str, normal: str) -> None:
    assert parse_phone(text) == normal


@pytest.mark.parametrize("bad", ["0212345678", "08123", "+6581234567", "08123456789012345", "",
                                 "081234567"])
def test_other_phone_numbers_are_refused(bad: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_phone(bad)
    assert caught.value.code == "invalid_phone"


def test_names_are_tidied_and_must_have_letters() -> None:
    assert parse_name("  Siti   Aminah ") == "Siti Aminah"
    for bad in ("", "x", "12345"):
        with pytest.raises(InvalidInput):
            parse_name(bad)


@pytest.mark.parametrize("typed", [
    "3578010101900001", " 3578010101900001 ", "3578 0101 0190 0001", "3578-0101-0190-0001",
    "３５７８０１０１０１９００００１", "3578\u00a00101\u20030190\u20130001",
])
def test_every_spelling_of_one_nik_is_the_same_identifier(typed: str) -> None:
    from queue_server.domain.identity import normalise_identifier

    assert normalise_identifier(typed, "nik") == "3578010101900001"


@pytest.mark.parametrize("typed", ["٣٥٧٨٠١٠١٠١٩٠٠٠٠١", "3578０１01019000٠1",
                                   "357801010190000\u0661"])
def test_digits_of_other_scripts_are_refused_naming_the_field(typed: str) -> None:
    from queue_server.domain.identity import normalise_identifier

    with pytest.raises(InvalidInput) as raised:
        normalise_identifier(typed, "nik")
    assert raised.value.code == "invalid_nik"
    assert raised.value.message.startswith("NIK ")


@pytest.mark.parametrize(("typed", "code"), [
    ("loket-1", "loket-1"), (" PKM-Demo ", "pkm-demo"), ("ｌｏｋｅｔ－１", "loket-1"),
    ("ＵＭＵＭ", "umum"), ("pkm-demo\u3000", "pkm-demo"),
])
def test_configured_codes_keep_their_dashes_and_lose_case_and_width(typed: str,
                                                                    code: str) -> None:
    from queue_server.domain.identity import normalise_reference

    assert normalise_reference(typed, "counter") == code


@pytest.mark.parametrize("typed", ["pkм-demo", "loket-١", "poli umum", "umum\u0000"])
def test_configured_codes_in_other_scripts_are_refused_naming_the_field(typed: str) -> None:
    from queue_server.domain.identity import normalise_reference

    with pytest.raises(InvalidInput) as raised:
        normalise_reference(typed, "facility")
    assert raised.value.code == "invalid_facility"
    assert raised.value.message.startswith("Kode fasilitas hanya boleh")
    assert raised.value.message_en.startswith("The facility code may only")


@pytest.mark.parametrize(("rule", "typed"), [
    (parse_nik, "٣٥٧٨٠١٠١٠١٩٠٠٠٠١"), (parse_bpjs, "٠٠٠١٢٣٤٥٦٧٨٩٠"),
    (parse_phone, "٠٨١٢٣٤٥٦٧٨٩٠"),
])
def test_the_rules_themselves_take_only_ascii_digits(rule: object, typed: str) -> None:
    with pytest.raises(InvalidInput):
        rule(typed)  # type: ignore[operator]
