"""e-Surat's incoming register: tables, routes, pages, case kind, demo."""

from __future__ import annotations

from flask import Flask


def load_incoming(app: Flask) -> None:
    """Register the incoming letters' part of e-Surat with `app`."""
