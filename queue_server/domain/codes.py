"""Public visit codes: unguessable, short, and easy to type from a ticket."""

from __future__ import annotations

import secrets

# No 0/O, 1/I/L: people copy these by hand from paper.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
LENGTH = 10  # 31**10 ≈ 2**49.5


def new_visit_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalise_code(text: str) -> str:
    """What a scanner or a person typed, tidied: case, spaces and dashes do not matter."""
    return "".join(ch for ch in text.upper() if ch.isalnum())
