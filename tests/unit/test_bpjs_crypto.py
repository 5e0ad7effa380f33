"""BPJS's signature, answer encryption and LZ-string (queue_server/eservices/bpjs/
signature.py, crypto.py): vectors computed independently (hmac, openssl, the JavaScript
lz-string 1.5.0 in tests/data/lzstring/)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from pathlib import Path

import pytest
from lzstring import LZString  # type: ignore[import-untyped]

from queue_server.eservices.bpjs import crypto
from queue_server.eservices.bpjs.signature import headers, signature, valid

VECTORS = json.loads((Path(__file__).parents[1] / "data" / "lzstring" / "vectors.json")
                     .read_text(encoding="utf-8"))["vectors"]
KAT_TEXT = "Selamat pagi, antrean Anda nomor A-12 di Poli Umum."
# `printf '%s' <lz of KAT_TEXT> | openssl enc -aes-256-cbc -K <sha256 of
# "cons-kat" "secret-kat" "1700000000"> -iv <its first 16 bytes> -base64 -A`
KAT_SEALED = ("LXNGb3hKJJY/qC+mpO+aeubeyjJgHUxzVN49s2hgl96ZWuEE3fUuqW9JhJ5OPlS4lnwMy2AslDJQ"
              "U3wpOh3q38pDlwHwV/JSAHgCaOFu4gU=")


def test_signature_is_base64_hmac_sha256_of_cons_id_and_timestamp() -> None:
    expected = base64.b64encode(hmac.new(b"s3cret", b"1234&1700000000",
                                         hashlib.sha256).digest()).decode()
    assert signature("1234", "s3cret", 1700000000) == expected
    # `openssl dgst -sha256 -hmac secret-kat -binary | base64` of "cons-kat&1700000000"
    assert signature("cons-kat", "secret-kat", "1700000000") == \
        "rjIHdeRABRYTbSBPYX3awwYRAJeQpSAW4jMprC71sDQ="


def test_headers_carry_cons_id_timestamp_signature_user_key_and_json() -> None:
    sent = headers("1234", "s3cret", "key-1", 1700000000)
    assert sent == {"X-cons-id": "1234", "X-timestamp": "1700000000",
                    "X-signature": signature("1234", "s3cret", 1700000000),
                    "user_key": "key-1", "Content-Type": "application/json"}
    assert valid("1234", "s3cret", "1700000000", sent["X-signature"])
    assert not valid("1234", "other", "1700000000", sent["X-signature"])
    assert not valid("1234", "s3cret", "1700000001", sent["X-signature"])


def test_encrypt_matches_openssl_and_decrypts_back() -> None:
    assert crypto.encrypt("cons-kat", "secret-kat", 1700000000, KAT_TEXT) == KAT_SEALED
    assert crypto.decrypt("cons-kat", "secret-kat", "1700000000", KAT_SEALED) == KAT_TEXT


@pytest.mark.parametrize("text", ["", "x", '{"list": []}', "Poli Gigi 🦷 antre", "é" * 5000])
def test_encrypt_then_decrypt_gives_the_text_back(text: str) -> None:
    sealed = crypto.encrypt("9", "key", 1800000000, text)
    assert crypto.decrypt("9", "key", 1800000000, sealed) == text


@pytest.mark.parametrize(("cons_id", "secret", "timestamp"), [
    ("9", "other", 1800000000), ("8", "key", 1800000000), ("9", "key", 1800000001)])
def test_another_key_cannot_decrypt(cons_id: str, secret: str, timestamp: int) -> None:
    sealed = crypto.encrypt("9", "key", 1800000000, '{"a": "b"}' * 20)
    with pytest.raises(crypto.UndecryptableAnswer):
        crypto.decrypt(cons_id, secret, timestamp, sealed)


@pytest.mark.parametrize(("body", "error"), [
    ("not base64!", crypto.NotBase64), ("YWJj", crypto.NotBase64), ("", crypto.NotBase64)])
def test_a_body_that_is_not_aes_blocks_is_refused_by_name(
        body: str, error: type[crypto.UndecryptableAnswer]) -> None:
    with pytest.raises(error) as raised:
        crypto.decrypt("9", "key", 1, body)
    assert raised.value.reason == error.reason


def test_decrypted_text_that_is_not_lzstring_is_refused_by_name() -> None:
    with pytest.raises(crypto.NotLzString):
        crypto.decompress("*** not lz ***")


@pytest.mark.parametrize("vector", VECTORS, ids=[str(i) for i in range(len(VECTORS))])
def test_lzstring_agrees_with_the_javascript_original(vector: dict[str, str]) -> None:
    assert crypto.compress(vector["text"]) == vector["compressed"]
    assert crypto.decompress(vector["compressed"]) == vector["text"]


def test_the_bare_port_differs_on_astral_characters_which_the_wrapper_fixes() -> None:
    """`lzstring` walks Python code points, lz-string UTF-16 code units: only texts with
    characters outside the BMP differ, and only without crypto's wrapper."""
    astral = [v for v in VECTORS if any(ord(c) > 0xFFFF for c in v["text"])]
    assert len(astral) >= 3
    for v in VECTORS:
        bare = LZString.compressToEncodedURIComponent(v["text"])
        assert (bare != v["compressed"]) == (v in astral)
