"""Device tokens a real deployment refuses (issue 13 review, point 3): before, only the
demo's tokens and a list of words were; `k1` and `kiosk-1` passed."""

from __future__ import annotations

import secrets

import pytest

from queue_server.domain import credentials


@pytest.mark.parametrize(("token", "reason"), [
    ("k1", "short_token"),
    ("kiosk-1", "short_token"),
    ("tv-ruang-tunggu", "short_token"),  # 15 characters
    ("demo-kiosk", "demo_token"),
    ("demo-display", "demo_token"),
    ("Puskesmas123", "well_known_token"),
    ("  token  ", "well_known_token"),
])
def test_short_well_known_and_demo_tokens_are_weak(token: str, reason: str) -> None:
    assert credentials.token_weakness(token) == reason
    assert reason in credentials.REASONS


@pytest.mark.parametrize("token", ["kiosk-pintu-masuk-7", secrets.token_urlsafe(24),
                                   "x" * credentials.MIN_TOKEN_LENGTH],
                         ids=["words", "random", "minimum"])
def test_a_token_of_sixteen_characters_or_more_passes(token: str) -> None:
    assert credentials.token_weakness(token) is None
