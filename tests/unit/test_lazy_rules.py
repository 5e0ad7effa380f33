"""The app's URL rules build the same URLs as Werkzeug's own, compiling each builder on
its first use only (`queue_server.routing.LazyRule`: two thirds of an app's build)."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from werkzeug.routing import BuildError, Map, MapAdapter, Rule

from queue_server import routing

# (rule, endpoint, options): static, quoted, converters, a path, a default for a value.
RULES: list[tuple[str, str, dict[str, Any]]] = [
    ("/", "front", {}),
    ("/a b/<int:id>", "item", {}),
    ("/years/<int:year>/<name>", "year", {}),
    ("/files/<path:rest>", "file", {}),
    ("/list/", "list", {"defaults": {"page": 1}}),
    ("/list/<int:page>", "list", {}),
]
BUILDS: list[tuple[str, dict[str, Any]]] = [
    ("front", {}), ("front", {"q": "x y", "lang": "en"}), ("item", {"id": 7}),
    ("year", {"year": 2026, "name": "ü/ä"}), ("file", {"rest": "a/b c.pdf"}),
    ("list", {}), ("list", {"page": 1}), ("list", {"page": 3, "sort": ["a", "b"]}),
]


def _app() -> Flask:
    app = Flask(__name__)
    routing.install(app)
    for rule, endpoint, options in RULES:
        app.add_url_rule(rule, endpoint, _view, **options)
    return app


def _view(**_: Any) -> str:
    return ""


def _werkzeug() -> MapAdapter:
    """The same rules as Werkzeug's own Rule (builders compiled when bound)."""
    url_map = Map([Rule(rule, endpoint=endpoint, **options)
                   for rule, endpoint, options in RULES])
    url_map.converters["int"] = routing.RowInt
    return url_map.bind("localhost")


def test_every_rule_of_the_app_is_lazy() -> None:
    rules = [r for r in _app().url_map.iter_rules() if r.endpoint != "static"]
    assert len(rules) == len(RULES)
    assert all(isinstance(r, routing.LazyRule) for r in rules)


@pytest.mark.parametrize(("endpoint", "values"), BUILDS)
@pytest.mark.parametrize("append_unknown", [True, False])
def test_urls_are_the_ones_werkzeug_builds(endpoint: str, values: dict[str, Any],
                                           append_unknown: bool) -> None:
    ours = _app().url_map.bind("localhost").build(endpoint, values,
                                                  append_unknown=append_unknown)
    assert ours == _werkzeug().build(endpoint, values, append_unknown=append_unknown)


def test_a_builder_is_compiled_on_first_use_then_kept() -> None:
    app = _app()
    rule = next(r for r in app.url_map.iter_rules() if r.rule == "/a b/<int:id>")
    stand_in = rule._build_unknown
    adapter = app.url_map.bind("localhost")
    assert adapter.build("item", {"id": 1}) == "/a%20b/1"
    compiled = rule._build_unknown
    assert compiled is not stand_in
    assert adapter.build("item", {"id": 2, "rule": "x"}) == "/a%20b/2?rule=x"
    assert rule._build_unknown is compiled  # compiled once
    assert rule._build is not compiled  # the other builder waits for its own first use


def test_a_missing_value_is_still_a_build_error() -> None:
    with pytest.raises(BuildError):
        _app().url_map.bind("localhost").build("year", {"year": 2026})
