"""Which passwords and tokens a real deployment refuses, and which password hashes a
configuration file may carry."""

from __future__ import annotations

import pytest
from werkzeug.security import generate_password_hash

from queue_server.domain import credentials
from queue_server.domain.errors import WeakPassword


@pytest.mark.parametrize(("password", "username", "reason"), [
    ("demo", "admin", "demo"),
    ("Puskesmas123", "petugas", "well_known"),
    ("1234567890", None, "well_known"),
    ("rahasia", None, "well_known"),
    ("budi.santoso", "Budi.Santoso", "username"),
    ("k9#Lm2", None, "too_short"),
    ("", None, "too_short"),
])
def test_weak_passwords_are_named_with_their_reason(password: str, username: str | None,
                                                    reason: str) -> None:
    assert credentials.password_weakness(password, username) == reason
    with pytest.raises(WeakPassword) as refused:
        credentials.require_strong_password(password, username)
    assert refused.value.code == "weak_password"
    assert credentials.reason_words(reason)[0] in refused.value.message
    assert credentials.reason_words(reason)[1] in refused.value.message_en


def test_a_strong_password_passes() -> None:
    assert credentials.password_weakness("kopi-tubruk-di-loket-3", "petugas") is None
    credentials.require_strong_password("kopi-tubruk-di-loket-3", "petugas")


def test_the_demo_tokens_and_well_known_words_are_weak_tokens() -> None:
    tokens = credentials.weak_tokens()
    assert tokens["demo-kiosk"] == tokens["demo-display"] == "demo_token"
    assert tokens["kiosk"] == "well_known_token"
    assert "Xq3v9-8d0Lw_PzT2bR7yNe4s" not in tokens


@pytest.mark.parametrize("method", ["scrypt", "pbkdf2:sha256", "pbkdf2:sha512:200000"])
def test_werkzeug_hashes_are_accepted(method: str) -> None:
    assert credentials.valid_password_hash(generate_password_hash("x" * 12, method=method))


@pytest.mark.parametrize("value", [
    "kopi-tubruk-di-loket-3",                       # a password given as a hash
    "scrypt:32768:8:1$abcdefgh$zz",                 # not hex
    "md5$abcdefgh$" + "0" * 32,                     # unknown method
    "scrypt:1073741824:8:1$abcdefgh$" + "0" * 128,  # N too large to check in time
    "scrypt:30000:8:1$abcdefgh$" + "0" * 128,       # N not a power of two
    "pbkdf2:sha256:1$abcdefgh$" + "0" * 64,         # too few iterations
    "pbkdf2:md5:600000$abcdefgh$" + "0" * 64,       # unknown hash function
    "scrypt:32768:8:1$abcdefgh",                    # no digest
])
def test_malformed_hashes_are_refused(value: str) -> None:
    assert not credentials.valid_password_hash(value)
