"""SSW's tables, API routes, case kind and demo data."""

from __future__ import annotations

from flask import Flask


def load_api(app: Flask) -> None:
    """Register SSW's API part with `app`."""
