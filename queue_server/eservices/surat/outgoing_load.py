"""e-Surat's outgoing letters: tables, routes, pages, case kind, demo."""

from __future__ import annotations

from flask import Flask


def load_outgoing(app: Flask) -> None:
    """Register the outgoing letters' part of e-Surat with `app`."""
