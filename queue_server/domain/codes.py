"""Public visit codes: unguessable, short, and easy to type from a ticket."""

from __future__ import annotations

import re
import secrets
import unicodedata
from urllib.parse import unquote, urlsplit

from .identity import normalise_identifier

# No 0/O, 1/I/L: people copy these by hand from paper.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
LENGTH = 10  # 31**10 ≈ 2**49.5
# A ticket's page, `/t/{code}`, as printed in every QR; any host, any scheme.
_TICKET_PATH = re.compile(r"/t/([^/?#]+)")
# A case's public reference, `WADUL-123`: its module, a dash, its id. Public (references
# are sequential and shown in public lists), unlike a tracking code, which never has a
# dash followed by digits only once normalised, nor a module's name before it.
PUBLIC_REF = re.compile(r"([A-Za-z][A-Za-z0-9_]{0,39})-([0-9]{1,10})")


def is_public_ref(text: str) -> bool:
    """Whether `text` (stripped) has the shape of a case's public reference (`WADUL-123`,
    any case), as opposed to a tracking code, which is a secret."""
    return PUBLIC_REF.fullmatch((text or "").strip()) is not None


def could_be_code(text: str) -> bool:
    """Whether `text`, read as `normalise_code` reads it, has a code's length and alphabet:
    a possible secret (`ABCDEFGH-23` typed as a reference) rather than a public reference
    (`WADUL-123`: too short, or with letters no code has)."""
    said = normalise_code(text)
    return len(said) == LENGTH and all(ch in ALPHABET for ch in said)


_CODES = len(ALPHABET) ** LENGTH


def new_visit_code() -> str:
    """A fresh code of LENGTH characters from ALPHABET (about 49 bits): one uniform draw
    from `secrets` below len(ALPHABET)**LENGTH, written in that base (each character
    uniform and independent, as LENGTH draws of `secrets.choice` would be)."""
    n, chars = secrets.randbelow(_CODES), []
    for _ in range(LENGTH):
        n, digit = divmod(n, len(ALPHABET))
        chars.append(ALPHABET[digit])
    return "".join(chars)


def _code_part(text: str) -> str:
    """The part of what was typed or scanned that holds the code (still unchecked)."""
    text = unicodedata.normalize("NFKC", unquote((text or "").strip())).strip()
    if "/" in text:
        found = _TICKET_PATH.search(text)
        if found:
            return found.group(1)
        # some other address: its last path segment is the best guess
        path = urlsplit(text if "://" in text else "//" + text).path
        return next((part for part in reversed(path.split("/")) if part), "")
    return text


def normalise_code(text: str) -> str:
    """The code in what a barcode scanner or a person typed; "" when there is none.

    Accepts the bare code, the QR's whole address from any host
    (`https://antrian.example/t/ABCD-EFGH-JK`, `127.0.0.1:5000/t/abcdefghjk`), lower
    case, full-width forms (Unicode NFKC), spaces around it and grouped forms
    (`ABCD-EFGH-JK`, `ABCD EFGH JK`). Case, spaces and dashes never matter; a scanner's
    query string or fragment is ignored.
    """
    return "".join(ch for ch in _code_part(text).upper() if ch.isascii() and ch.isalnum())


def read_code(text: str, field: str = "code") -> str:
    """A code from outside (API path, body, Socket.IO), read as `normalise_code` does, but
    a letter or digit of another script in the code's part is refused (identity.NotPlain,
    `invalid_{field}`: `code` for a booking code, `visit` for a ticket code) rather than
    dropped: `٣` must not quietly shorten a code."""
    normalise_identifier(_code_part(text), field)
    return normalise_code(text)
