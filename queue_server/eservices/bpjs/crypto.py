"""BPJS's answer encryption and LZ-string compression: how the antrean web service
wraps the `response` of an answer, undone here (and done by the fake).

Source: BPJS Kesehatan's "Katalog BPJS" (antreanrs, "Respon: perlu dilakukan dekripsi
disisi client"), also read in the public implementations named in ESERVICES.md: the key
is the SHA-256 of `cons_id + secret + timestamp` (the request's `X-timestamp` as text),
AES-256-CBC with the key's first 16 bytes as IV and PKCS#7 (PKCS#5) padding, base64
outside; inside, the JSON text compressed by LZ-string's
`compressToEncodedURIComponent`.

LZ-string works on UTF-16 code units in JavaScript; the `lzstring` port works on Python
code points, so a character outside the BMP (an emoji) would be compressed differently
from the original. `compress`/`decompress` therefore hand the port the text as UTF-16
code units (a surrogate pair as two characters) and join pairs again afterwards: the
vectors made by the JavaScript original (tests/data/lzstring/) then all agree."""

from __future__ import annotations

import base64
import binascii
import hashlib
from array import array

from cryptography.hazmat.primitives import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from lzstring import LZString  # type: ignore[import-untyped]


class UndecryptableAnswer(ValueError):
    """An answer's `response` could not be turned back into text: `reason` says which
    step failed (never the text itself, which may hold personal data)."""

    reason = "undecryptable"

    def __init__(self, detail: str = "") -> None:
        super().__init__(f"{self.reason}{': ' + detail if detail else ''}")


class NotBase64(UndecryptableAnswer):
    """The body is not base64 of whole AES blocks."""

    reason = "not_base64"


class WrongKey(UndecryptableAnswer):
    """The AES padding is wrong after decryption: another key (cons id, secret or
    timestamp) encrypted it, or the body was cut."""

    reason = "wrong_key"


class NotLzString(UndecryptableAnswer):
    """The decrypted text is not LZ-string in the encoded-URI-component form."""

    reason = "not_lzstring"


def _key_iv(cons_id: str, secret: str, timestamp: int | str) -> tuple[bytes, bytes]:
    key = hashlib.sha256(f"{cons_id}{secret}{timestamp}".encode()).digest()
    return key, key[:16]


def _units(text: str) -> str:
    """`text` as UTF-16 code units, one character each (astral ones as a surrogate pair)."""
    if text.isascii():
        return text
    codes = array("H", text.encode("utf-16-le"))
    return "".join(map(chr, codes))


def _joined(units: str) -> str:
    """Surrogate pairs of `units` joined again into one character each."""
    return units.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def compress(text: str) -> str:
    """LZ-string `compressToEncodedURIComponent` of `text`, as the JavaScript original
    makes it (UTF-16 code units)."""
    return str(LZString.compressToEncodedURIComponent(_units(text)))


def decompress(text: str) -> str:
    """LZ-string `decompressFromEncodedURIComponent`; "" for "". Raises NotLzString when
    `text` is not such a stream."""
    if text == "":
        return ""
    try:
        units = LZString.decompressFromEncodedURIComponent(text)
    except (KeyError, IndexError, TypeError, ValueError) as error:
        raise NotLzString(type(error).__name__) from None
    if units is None:
        raise NotLzString("no end of stream")
    return _joined(units)


def encrypt(cons_id: str, secret: str, timestamp: int | str, text: str) -> str:
    """What BPJS puts in `response`: base64(AES-256-CBC(LZ-string(text))) under the key
    of `cons_id`, `secret` and the request's `timestamp` (the fake's side)."""
    key, iv = _key_iv(cons_id, secret, timestamp)
    padder = padding.PKCS7(128).padder()
    plain = padder.update(compress(text).encode("utf-8")) + padder.finalize()
    encryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).encryptor()
    return base64.b64encode(encryptor.update(plain) + encryptor.finalize()).decode("ascii")


def decrypt(cons_id: str, secret: str, timestamp: int | str, text: str) -> str:
    """The text inside an encrypted `response` (usually JSON), `timestamp` being the
    `X-timestamp` the request was signed with. Raises NotBase64, WrongKey or NotLzString
    (all UndecryptableAnswer) when it cannot be undone."""
    try:
        sealed = base64.b64decode(text.strip(), validate=True)
    except (binascii.Error, ValueError):
        raise NotBase64() from None
    if not sealed or len(sealed) % 16:
        raise NotBase64("not whole AES blocks")
    key, iv = _key_iv(cons_id, secret, timestamp)
    decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    padded = decryptor.update(sealed) + decryptor.finalize()
    unpadder = padding.PKCS7(128).unpadder()
    try:
        compressed = (unpadder.update(padded) + unpadder.finalize()).decode("utf-8")
    except (ValueError, UnicodeDecodeError):
        raise WrongKey() from None
    return decompress(compressed)
