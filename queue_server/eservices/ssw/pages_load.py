"""SSW's pages: the applicant's form, the staff desks, the reports."""

from __future__ import annotations

from flask import Flask


def load_pages(app: Flask) -> None:
    """Register SSW's pages with `app`."""
