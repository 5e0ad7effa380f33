"""Domain errors: each carries a stable code and a message in Indonesian and English."""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """A rule of the clinic was broken; `kind` tells the API layer how to answer."""

    kind = "conflict"
    code = "conflict"

    def __init__(self, message: str, message_en: str | None = None, code: str | None = None):
        super().__init__(message_en or message)
        self.message = message
        self.message_en = message_en or message
        # Extra fields the error answer carries next to code and message.
        self.details: dict[str, Any] = {}
        if code:
            self.code = code


class InvalidTransition(DomainError):
    code = "invalid_transition"


class NotFound(DomainError):
    kind = "not_found"
    code = "not_found"


class QueueEmpty(NotFound):
    code = "queue_empty"


class InvalidInput(DomainError):
    kind = "invalid"
    code = "invalid_input"


class Unauthorized(DomainError):
    kind = "unauthorized"
    code = "unauthorized"


class Forbidden(DomainError):
    kind = "forbidden"
    code = "forbidden"


class WeakPassword(InvalidInput):
    """A password too easy to guess for a real deployment (domain/credentials.py)."""

    code = "weak_password"


class WeakSecretsInUse(DomainError):
    """Outside a demo, an active user or device still has a demo or well-known secret:
    the server does not start. `found` lists them as (kind, name, reason) triples."""

    code = "weak_secrets"

    def __init__(self, message: str, message_en: str, found: list[tuple[str, str, str]]):
        super().__init__(message, message_en)
        self.found = found


class RateLimited(DomainError):
    """Too many requests: try again after `retry_after` seconds (429 with Retry-After)."""

    kind = "rate_limited"
    code = "too_many_requests"

    def __init__(self, retry_after: int, message: str | None = None,
                 message_en: str | None = None):
        super().__init__(
            message or f"Terlalu banyak permintaan; coba lagi dalam {retry_after} detik.",
            message_en or f"Too many requests; try again in {retry_after} seconds.",
        )
        self.retry_after = retry_after


class StaleView(DomainError):
    """A console acted on a view of its counter that is out of date: nothing changed.

    `details["counter"]`: the counter's state now (code, name, paused and its ticket's
    number and status, or None), so the console can show it at once."""

    code = "stale_view"

    def __init__(self, counter: dict[str, Any]):
        ticket = counter.get("ticket")
        now_id = (f"sekarang {ticket['number']} ({_STATUS_ID.get(ticket['status'], '')})"
                  if ticket else "sekarang tidak ada pasien")
        now_en = (f"it now has {ticket['number']} ({ticket['status']})" if ticket
                  else "it now has no patient")
        super().__init__(
            f"Layar sudah tidak sesuai: di {counter.get('name')} {now_id}. "
            "Tidak ada yang diubah; periksa lalu coba lagi.",
            f"Your screen was out of date: {counter.get('name')} {now_en}. "
            "Nothing was changed; check and try again.",
        )
        self.details = {"counter": counter}


_STATUS_ID = {"called": "dipanggil", "serving": "dilayani"}
