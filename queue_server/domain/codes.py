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


def new_visit_code() -> str:
    """A fresh code of LENGTH characters from ALPHABET (about 49 bits)."""
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


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
