"""Files attached to cases (domain/attachments.py): the type is read from the bytes, never
from the name or the client's claim; empty, oversized and other files are refused with a
message a person can act on. And when a citizen's phone is checked (case_checks)."""

from __future__ import annotations

import pytest

from queue_server.domain.attachments import (
    DOCUMENT_TYPES,
    PHOTO_TYPES,
    FileEmpty,
    FileTooLarge,
    FileTypeRefused,
    TooManyFiles,
    check_file,
    sniff,
)
from queue_server.services.case_checks import gateway_on

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(40)
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(40)
WEBP = b"RIFF\x24\x00\x00\x00WEBPVP8 " + bytes(40)
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + bytes(40)
MB = 1024 * 1024


@pytest.mark.parametrize(("data", "kind"), [(PNG, "image/png"), (JPEG, "image/jpeg"),
                                            (WEBP, "image/webp"), (PDF, "application/pdf")])
def test_the_type_is_read_from_the_magic_number(data: bytes, kind: str) -> None:
    assert sniff(data) == kind
    assert check_file(data, DOCUMENT_TYPES, MB) == kind


@pytest.mark.parametrize("data", [b"hello, this is text", b"RIFF\x24\x00\x00\x00WAVEfmt ",
                                  b"MZ\x90\x00", b"<svg xmlns='http://www.w3.org/2000/svg'/>",
                                  b"\x89PN", b"GIF89a" + bytes(10)])
def test_bytes_of_no_accepted_kind_have_no_type(data: bytes) -> None:
    assert sniff(data) is None


def test_a_png_renamed_jpg_is_a_png() -> None:
    assert check_file(PNG, PHOTO_TYPES, MB, name="foto-jalan.jpg") == "image/png"


def test_a_text_file_claiming_to_be_a_jpeg_is_refused_naming_the_accepted_types() -> None:
    with pytest.raises(FileTypeRefused) as refused:
        check_file(b"bukan foto sama sekali", PHOTO_TYPES, MB, name="foto.jpg")
    error = refused.value
    assert error.code == "file_type_refused" and error.kind == "invalid"
    assert error.message == ("Berkas foto.jpg bukan jenis yang diterima. Jenis yang "
                             "diterima: JPEG, PNG, WebP.")
    assert error.message_en == ("The file foto.jpg is not of an accepted type. Accepted "
                                "types: JPEG, PNG, WebP.")
    assert error.details == {"accepted": list(PHOTO_TYPES)}


def test_a_pdf_is_refused_where_only_photos_are_taken() -> None:
    with pytest.raises(FileTypeRefused):
        check_file(PDF, PHOTO_TYPES, MB)
    assert check_file(PDF, DOCUMENT_TYPES, MB) == "application/pdf"


def test_a_file_over_the_limit_is_refused_saying_the_limit_in_mb() -> None:
    big = PNG + bytes(5 * MB - len(PNG) + 1)
    assert check_file(big[:-1], PHOTO_TYPES, 5 * MB) == "image/png"  # exactly the limit
    with pytest.raises(FileTooLarge) as refused:
        check_file(big, PHOTO_TYPES, 5 * MB, name="besar.png")
    error = refused.value
    assert error.code == "file_too_large" and error.kind == "invalid"
    assert error.message == "Berkas besar.png terlalu besar: paling besar 5 MB per berkas."
    assert error.message_en == "The file besar.png is too large: at most 5 MB per file."
    with pytest.raises(FileTooLarge, match=r"at most 2\.5 MB"):
        check_file(PNG + bytes(3 * MB), PHOTO_TYPES, 5 * MB // 2)


def test_an_empty_file_is_refused() -> None:
    with pytest.raises(FileEmpty) as refused:
        check_file(b"", PHOTO_TYPES, MB)
    assert refused.value.code == "file_empty"
    assert refused.value.message == "Berkas kosong; pilih berkas lain."


def test_a_long_or_multi_line_name_is_said_on_one_short_line() -> None:
    with pytest.raises(FileEmpty) as refused:
        check_file(b"", PHOTO_TYPES, MB, name="a\nb" + "x" * 200)
    assert "\n" not in refused.value.message and len(refused.value.message) < 130


def test_too_many_files_says_the_limit() -> None:
    error = TooManyFiles(3)
    assert error.code == "too_many_files" and error.details == {"limit": 3}
    assert error.message == "Terlalu banyak berkas: paling banyak 3."


@pytest.mark.parametrize(("config", "on"), [
    ({}, False),
    ({"NOTIFY_WEBHOOK_URL": None, "BOOKING_PHONE_CHECK": True}, False),
    ({"NOTIFY_WEBHOOK_URL": "http://gateway.test/send"}, True),
    ({"NOTIFY_WEBHOOK_URL": "http://gateway.test/send", "BOOKING_PHONE_CHECK": None}, True),
    ({"NOTIFY_WEBHOOK_URL": "http://gateway.test/send", "BOOKING_PHONE_CHECK": True}, True),
    ({"NOTIFY_WEBHOOK_URL": "http://gateway.test/send", "BOOKING_PHONE_CHECK": False}, False),
])
def test_phones_are_checked_with_a_gateway_unless_turned_off(config: dict[str, object],
                                                             on: bool) -> None:
    assert gateway_on(config) is on
