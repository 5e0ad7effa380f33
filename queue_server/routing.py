"""The app's URL rules: the `int` of every route, and rules whose URL builder is made on
first use.

`int`: a number the database can hold, or no match (404).

Row ids and years are 32-bit integers on PostgreSQL; Werkzeug's own `int` takes any
length, so `/…/99999999999999999999` reached a query and failed there (SQLite: "Python
int too large to convert", PostgreSQL: out of range) as a 500. Installed on the app
before any route is added, so every blueprint's `<int:…>`, core or module, is bounded.

Builder: Werkzeug compiles two Python functions per rule (`Rule._compile_builder`, code
generated with `ast` and `compile()`) to build its URLs, ~0.4 ms each, ~330 rules an
app: two thirds of `create_app`. Most rules are never built by `url_for` in a process,
so `LazyRule` makes each function on that rule's first build."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Flask
from werkzeug.routing import IntegerConverter, Map, Rule

# The largest value of PostgreSQL's `integer` (ids, years, sequence numbers).
LARGEST = 2**31 - 1


class RowInt(IntegerConverter):
    """Werkzeug's `int` with `max` at most LARGEST (a route may ask for less)."""

    def __init__(self, url_map: Map, fixed_digits: int = 0, min: int | None = None,
                 max: int | None = None, signed: bool = False) -> None:
        bounded = LARGEST if max is None or max > LARGEST else max
        super().__init__(url_map, fixed_digits, min, bounded, signed)


class LazyRule(Rule):
    """Werkzeug's Rule, matching as before; its URL builders are compiled on first use.

    `Rule.compile` stores `self._compile_builder(flag).__get__(self, None)` as `_build`
    (flag False) and `_build_unknown` (True); here that is a stand-in which, on its first
    call, compiles the real builder, puts it in its place on the rule and calls it. Two
    threads building at once both compile it, and both keep an equal function."""

    def _compile_builder(self, append_unknown: bool = True) -> Callable[..., tuple[str, str]]:
        name = "_build_unknown" if append_unknown else "_build"

        def first_build(rule: Rule, /, **values: Any) -> tuple[str, str]:
            real = Rule._compile_builder(rule, append_unknown).__get__(rule, None)
            setattr(rule, name, real)
            return real(**values)  # type: ignore[no-any-return]

        return first_build


def install(app: Flask) -> None:
    """Make RowInt the app's `int` converter and LazyRule its rule class (before any
    route is registered)."""
    app.url_map.converters["int"] = RowInt
    app.url_rule_class = LazyRule


def openapi_schema(converter: Any) -> dict[str, Any]:
    """RowInt in the OpenAPI document: an integer from its min (or 0) to its max."""
    schema: dict[str, Any] = {"type": "integer", "maximum": converter.max}
    schema["minimum"] = converter.min if converter.min is not None else 0
    return schema
