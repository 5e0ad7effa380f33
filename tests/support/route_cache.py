"""Each route's text parsed once a test process, not once an app.

The suite builds an app for nearly every test (~2,500 a run), and each app registers
~355 routes; Werkzeug parses every route's text into its parts, its trace and its
converters (`Rule._parse_rule`, about a quarter of building an app). The text, the map's
converter classes and the parse's result do not change within a run, so the parts and
the trace are kept per text, and each rule still gets converters of its own, made by its
own map. A Werkzeug without `_parse_rule` or `get_converter` leaves rules as they are.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from werkzeug.routing.rules import Rule, RulePart

Parsed = tuple[list[RulePart], list[tuple[bool, str]],
               list[tuple[str, str, tuple[Any, ...], dict[str, Any]]]]
_parsed: dict[tuple[Any, ...], Parsed] = {}
_original = getattr(Rule, "_parse_rule", None)


def _first_parse(rule: Rule, text: str) -> Parsed:
    """Werkzeug's own parse of `text` for `rule`, noting the converters it asked for."""
    asked: list[tuple[str, str, tuple[Any, ...], dict[str, Any]]] = []
    made = rule.get_converter

    def noted(variable: str, name: str, args: tuple[Any, ...], kwargs: Any) -> Any:
        asked.append((variable, name, args, dict(kwargs)))
        return made(variable, name, args, kwargs)

    rule.get_converter = noted  # type: ignore[method-assign]
    start = len(rule._trace)
    try:
        parts = list(_original(rule, text))  # type: ignore[misc]
    finally:
        del rule.get_converter
    return parts, rule._trace[start:], asked


def _parse_rule(self: Rule, text: str) -> Iterator[RulePart]:
    """As `Rule._parse_rule`: yields the parts, extends the trace, sets the converters."""
    assert self.map is not None
    key = (text, tuple(sorted(self.map.converters.items())))
    parsed = _parsed.get(key)
    if parsed is None:
        parsed = _parsed[key] = _first_parse(self, text)
        yield from parsed[0]
        return
    parts, trace, asked = parsed
    self._trace.extend(trace)
    for variable, name, args, kwargs in asked:
        self._converters[variable] = self.get_converter(variable, name, args, kwargs)
        self.arguments.add(variable)
    yield from parts


def install() -> None:
    """Parse each route's text once a process (tests only)."""
    if _original is not None and hasattr(Rule, "get_converter"):
        Rule._parse_rule = _parse_rule  # type: ignore[method-assign]
