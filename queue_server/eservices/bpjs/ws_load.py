"""Registers the ws part of the BPJS module (owner: helper A, issue 19)."""

from __future__ import annotations

from flask import Flask


def load_ws(app: Flask) -> None:
    """Register this part's routes, pages and hooks with `app`."""
