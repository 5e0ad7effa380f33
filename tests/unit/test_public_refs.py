"""A case's public reference (`WADUL-123`) told apart from a tracking code, the secret:
a reference is kept in the access log, anything that could be a code masked."""

from __future__ import annotations

import pytest

from queue_server.access_log import _masked, code_pattern
from queue_server.domain.codes import could_be_code, is_public_ref


@pytest.mark.parametrize(("text", "ref", "code"), [
    ("WADUL-123", True, False), ("wadul-7", True, False), (" WADUL-2147483647 ", True, False),
    ("WADUL-12345", True, False),  # ten characters, but L is in no code
    ("ABCDEFGH-23", True, True),  # a code typed with a dash: a secret
    ("K7M2QX9PTA", False, True), ("k7m2-qx9p-ta", False, True), ("WADUL 5", False, False),
])
def test_a_reference_and_a_code_are_told_apart(text: str, ref: bool, code: bool) -> None:
    assert is_public_ref(text) is ref and could_be_code(text) is code


@pytest.mark.parametrize(("path", "logged"), [
    ("/wadul/laporan/WADUL-41", "/wadul/laporan/WADUL-41"),
    ("/wadul/laporan/K7M2QX9PTA", "/wadul/laporan/K7********"),
    ("/wadul/laporan/ABCDEFGH-23", "/wadul/laporan/AB********"),
    ("/wadul/laporan/anything", "/wadul/laporan/AN********"),
])
def test_a_reference_route_keeps_a_reference_and_masks_the_rest(path: str, logged: str) -> None:
    assert _masked(code_pattern("/wadul/laporan/<ref>", argument="ref").match(path)) == logged


def test_a_code_route_masks_even_a_reference_shaped_value() -> None:
    found = code_pattern("/api/v1/bookings/<code>").match("/api/v1/bookings/WADUL-5")
    assert _masked(found) == "/api/v1/bookings/WA********"
