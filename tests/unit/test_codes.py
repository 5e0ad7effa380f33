"""Visit and booking codes: every form a scanner or a person produces reads as the code."""

from __future__ import annotations

import pytest

from queue_server.domain.codes import normalise_code

CODE = "ABCDEFGHJK"


@pytest.mark.parametrize("typed", [
    "ABCDEFGHJK",
    "abcdefghjk",
    "  ABCDEFGHJK \n",
    "ABCD-EFGH-JK",
    "ABCD EFGH JK",
    "abcd-efgh-jk",
    "http://127.0.0.1:5000/t/ABCDEFGHJK",
    "https://antrian.surabaya.go.id/t/ABCDEFGHJK",
    "HTTPS://ANTRIAN.SURABAYA.GO.ID/T/ABCDEFGHJK",
    "https://antrian.example/t/abcd-efgh-jk?lang=en",
    "https://antrian.example/t/ABCDEFGHJK#called",
    "antrian.example:8443/t/ABCDEFGHJK/",
    "https%3A%2F%2Fantrian.example%2Ft%2FABCDEFGHJK",
    "/t/ABCDEFGHJK",
])
def test_every_form_of_a_code_reads_as_the_bare_code(typed: str) -> None:
    assert normalise_code(typed) == CODE


def test_a_booking_qr_address_gives_its_code() -> None:
    assert normalise_code("http://10.0.0.2/api/v1/bookings/ABCDEFGHJK/qr.svg") != ""
    assert normalise_code("http://10.0.0.2/some/where/ABCDEFGHJK") == CODE


@pytest.mark.parametrize("typed", ["", "   ", "https://antrian.example/", "---"])
def test_text_without_a_code_reads_as_empty(typed: str) -> None:
    assert normalise_code(typed) == ""
