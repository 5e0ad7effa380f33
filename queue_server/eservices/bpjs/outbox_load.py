"""Registers the outbox part of the BPJS module (owner: helper C, issue 19)."""

from __future__ import annotations

from flask import Flask


def load_outbox(app: Flask) -> None:
    """Register this part's routes, pages and hooks with `app`."""
