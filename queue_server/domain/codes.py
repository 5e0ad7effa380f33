"""Public visit codes: unguessable, short, and easy to type from a ticket."""

from __future__ import annotations

import re
import secrets
from urllib.parse import unquote, urlsplit

# No 0/O, 1/I/L: people copy these by hand from paper.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
LENGTH = 10  # 31**10 ≈ 2**49.5
# A ticket's page, `/t/{code}`, as printed in every QR; any host, any scheme.
_TICKET_PATH = re.compile(r"/t/([^/?#]+)")


def new_visit_code() -> str:
    """A fresh code of LENGTH characters from ALPHABET (about 49 bits)."""
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalise_code(text: str) -> str:
    """The code in what a barcode scanner or a person typed; "" when there is none.

    Accepts the bare code, the QR's whole address from any host
    (`https://antrian.example/t/ABCD-EFGH-JK`, `127.0.0.1:5000/t/abcdefghjk`), lower
    case, spaces around it and grouped forms (`ABCD-EFGH-JK`, `ABCD EFGH JK`). Case,
    spaces and dashes never matter; a scanner's query string or fragment is ignored.
    """
    text = unquote(text.strip())
    if "/" in text:
        found = _TICKET_PATH.search(text)
        if found:
            text = found.group(1)
        else:  # some other address: its last path segment is the best guess
            path = urlsplit(text if "://" in text else "//" + text).path
            text = next((part for part in reversed(path.split("/")) if part), "")
    return "".join(ch for ch in text.upper() if ch.isascii() and ch.isalnum())
