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
