"""Registers the config part of the BPJS module (owner: helper D, issue 19)."""

from __future__ import annotations

from flask import Flask


def load_config(app: Flask) -> None:
    """Register this part's routes, pages and hooks with `app`."""
