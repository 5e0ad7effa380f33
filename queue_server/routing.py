"""The `int` of every route: a number the database can hold, or no match (404).

Row ids and years are 32-bit integers on PostgreSQL; Werkzeug's own `int` takes any
length, so `/…/99999999999999999999` reached a query and failed there (SQLite: "Python
int too large to convert", PostgreSQL: out of range) as a 500. Installed on the app
before any route is added, so every blueprint's `<int:…>`, core or module, is bounded."""

from __future__ import annotations

from typing import Any

from flask import Flask
from werkzeug.routing import IntegerConverter, Map

# The largest value of PostgreSQL's `integer` (ids, years, sequence numbers).
LARGEST = 2**31 - 1


class RowInt(IntegerConverter):
    """Werkzeug's `int` with `max` at most LARGEST (a route may ask for less)."""

    def __init__(self, url_map: Map, fixed_digits: int = 0, min: int | None = None,
                 max: int | None = None, signed: bool = False) -> None:
        bounded = LARGEST if max is None or max > LARGEST else max
        super().__init__(url_map, fixed_digits, min, bounded, signed)


def install(app: Flask) -> None:
    """Make RowInt the app's `int` converter (before any route is registered)."""
    app.url_map.converters["int"] = RowInt


def openapi_schema(converter: Any) -> dict[str, Any]:
    """RowInt in the OpenAPI document: an integer from its min (or 0) to its max."""
    schema: dict[str, Any] = {"type": "integer", "maximum": converter.max}
    schema["minimum"] = converter.min if converter.min is not None else 0
    return schema
