"""Routes parsed once a process (tests/support/route_cache.py, installed by conftest) match
and build as Werkzeug's own parse makes them, each rule with converters of its own map."""

from __future__ import annotations

from werkzeug.exceptions import NotFound
from werkzeug.routing import Map, Rule
from werkzeug.routing.rules import Rule as WerkzeugRule

from tests.support import route_cache

ROUTES = ["/a/<int(min=1):n>/b/<path:rest>", "/plain", "/x/<name>"]


def _map() -> Map:
    return Map([Rule(text, endpoint=f"e{i}") for i, text in enumerate(ROUTES)])


def test_the_cache_is_installed_and_a_second_map_gets_its_own_converters() -> None:
    assert WerkzeugRule._parse_rule is route_cache._parse_rule
    first, second = _map(), _map()
    for made in (first, second):
        urls = made.bind("example.org")
        assert urls.match("/a/7/b/c/d") == ("e0", {"n": 7, "rest": "c/d"})
        assert urls.match("/plain") == ("e1", {})
        try:
            urls.match("/a/0/b/c")  # below the converter's min: no route
            raise AssertionError("matched below min=1")
        except NotFound:
            pass
        assert urls.build("e2", {"name": "loket 1"}) == "/x/loket%201"
        assert urls.build("e0", {"n": 3, "rest": "p/q"}) == "/a/3/b/p/q"
    one = next(r for r in first.iter_rules() if r.endpoint == "e0")
    two = next(r for r in second.iter_rules() if r.endpoint == "e0")
    assert one._converters["n"] is not two._converters["n"]
    assert two._converters["n"].map is second and two._converters["n"].min == 1
    assert two.arguments == {"n", "rest"} and two._trace == one._trace
