"""Routes that take files say so (`@takes_files(n)`): their body may then carry up to
`n` files of a given size on top of the JSON/form limit (edge/screening.py applies it)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from flask import current_app

from ..services.case_files import max_bytes as file_max_bytes

# The attribute `takes_files` sets on a view: how many files its body may carry ...
FILES_ATTRIBUTE = "antrian_takes_files"
# ... and, when it says so, the size each file may have (else CASE_FILE_MAX_BYTES).
FILE_BYTES_ATTRIBUTE = "antrian_file_bytes"
View = TypeVar("View", bound=Callable[..., Any])


def takes_files(count: int, per_file: int | None = None) -> Callable[[View], View]:
    """Mark a view whose body may carry up to `count` files (multipart): its body cap is
    MAX_CONTENT_LENGTH plus `count` × `per_file` bytes (default CASE_FILE_MAX_BYTES). Put
    it under the route's decorator (functools.wraps carries the mark through the others)."""
    def mark(view: View) -> View:
        setattr(view, FILES_ATTRIBUTE, count)
        setattr(view, FILE_BYTES_ATTRIBUTE, per_file)
        return view
    return mark


def per_file_bytes(view: Any) -> int:
    """The size each file of `view`'s body may have, in bytes."""
    return getattr(view, FILE_BYTES_ATTRIBUTE, None) or file_max_bytes(current_app.config)
