"""Domain errors: each carries a stable code and a message in Indonesian and English."""

from __future__ import annotations


class DomainError(Exception):
    """A rule of the clinic was broken; `kind` tells the API layer how to answer."""

    kind = "conflict"
    code = "conflict"

    def __init__(self, message: str, message_en: str | None = None, code: str | None = None):
        super().__init__(message_en or message)
        self.message = message
        self.message_en = message_en or message
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
