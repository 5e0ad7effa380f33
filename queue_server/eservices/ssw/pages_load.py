"""SSW's pages: the applicant's catalogue and form, the owner's re-upload page, the staff
desks, the application page and the reports (pages.py and its pages_*.py)."""

from __future__ import annotations

from flask import Flask


def load_pages(app: Flask) -> None:
    """Register SSW's pages (blueprint `ssw_pages` under `/ssw`) with `app`."""
    from .pages import register_pages

    register_pages(app)
