"""The planning chain's procurement part (see queue_server/eservices/planning)."""

from __future__ import annotations

from flask import Flask


def load(app: Flask) -> None:
    """Register this part's tables with `app` (its routes, pages and hooks come here)."""
    from . import models  # noqa: F401  (its tables in the metadata)
