"""Registers the fake part of the BPJS module (owner: helper B, issue 19)."""

from __future__ import annotations

from flask import Flask


def load_fake(app: Flask) -> None:
    """Register this part's routes, pages and hooks with `app`."""
