"""Personal numbers grouped by dots in any group sizes are masked; dates, addresses,
versions and decimal amounts stay readable; a visit code is masked in an access line's
path whatever form it came in (issue 13, review of point 5).

Before, `/t/6281.2345.67890` and a BPJS number written `0001.2345.67890` were logged in
clear (groups after the first had to have 3 or 4 digits), while `0812-3456-7890` was
masked.
"""

from __future__ import annotations

import pytest

from queue_server.access_log import code_pattern
from queue_server.domain.privacy import mask_code, mask_text


@pytest.mark.parametrize(("text", "masked"), [
    ("/t/6281.2345.67890", "/t/6281.****.**890"),
    ("0001.2345.67890", "0001.****.**890"),
    ("bpjs 0001.2345.67890 ok", "bpjs 0001.****.**890 ok"),
    ("35.78.01.010190.0001", "35.78.**.******.0001"),  # a NIK in its printed groups
    ("3578.0101.9000.01", "3578.****.**00.01"),
    ("0812.34567890", "0812.******90"),
    ("0812.3456.7890", "0812.****.**90"),
    ("62.812.3456.7890", "62.81*.****.*890"),
    ("6281%2E2345%2E67890", "6281%2E****%2E**890"),
    ("0001 2345 67890", "0001 **** **890"),
    ("0001-2345-67890", "0001-****-**890"),
    ("0812-3456-7890", "0812-****-**90"),
])
def test_numbers_grouped_in_any_sizes_are_masked(text: str, masked: str) -> None:
    assert mask_text(text) == masked


@pytest.mark.parametrize("text", [
    "2026-11-23", "23.11.2026", "2026.11.23", "23.11.2026 07.30", "2026-11-23 07:30:00",
    "2026-11-23T07:30:00.123Z", "127.0.0.1", "192.168.100.200", "10.20.30.40:5000",
    "v3.11.14", "gevent 26.9.0", "Rp 1.234.567", "Rp 12.500.000,00", "12345678.90",
    "1234567.89", "lat -7.2574720 lon 112.7520883", "0.5", "took 12.5 ms",
])
def test_dates_addresses_versions_and_amounts_stay_readable(text: str) -> None:
    assert mask_text(text) == text


@pytest.mark.parametrize("typed", [
    "57ABCDEFGH", "57abcdefgh", "57AB-CDEF-GH", "57ab cdef gh",
    "https://antrian.example/t/57AB-CDEF-GH", "127.0.0.1:5000/t/57abcdefgh",
])
def test_a_code_keeps_its_first_two_characters_in_any_form(typed: str) -> None:
    assert mask_code(typed) == "57********"


def test_a_code_routes_pattern_finds_the_code_and_nothing_else() -> None:
    check_in = code_pattern("/api/v1/bookings/<path:code>/check-in")
    found = check_in.fullmatch("/api/v1/bookings/https://x.example/t/ABCD/check-in")
    assert found is not None and found["code"] == "https://x.example/t/ABCD"
    void = code_pattern("/api/v1/facilities/<facility>/bookings/<code>/void")
    found = void.fullmatch("/api/v1/facilities/pkm-demo/bookings/ABCDEFGHJK/void")
    assert found is not None and found["code"] == "ABCDEFGHJK"
    assert code_pattern("/api/v1/bookings/<code>").fullmatch("/api/v1/bookings/a/b") is None
