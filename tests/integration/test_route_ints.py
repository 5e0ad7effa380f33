"""Every route's integer path segment is bounded to what the database holds: a larger
number names nothing (404), never a 500 (seen on e-Musrenbang's `/cycles/{year}` and
e-Controlling's report ids)."""

from __future__ import annotations

from typing import Any

import pytest

from queue_server.routing import LARGEST

HUGE = "99999999999999999999"


@pytest.mark.sqlite_only("the converter refuses before any query")
def test_every_int_route_answers_404_to_a_number_too_large(app: Any, client: Any) -> None:
    rules = [rule for rule in app.url_map.iter_rules()
             if any(type(c).__name__ == "RowInt" for c in rule._converters.values())]
    assert len(rules) > 20  # core and modules alike
    for rule in rules:
        path = rule.rule
        for name in rule.arguments:
            path = path.replace(f"<int:{name}>", HUGE).replace(f"<{name}>", "x")
            path = path.replace(f"<string:{name}>", "x").replace(f"<path:{name}>", "x")
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            reply = client.open(path, method=method)
            assert reply.status_code in (404, 405), (method, path, reply.status_code)


def test_the_largest_id_is_still_a_route(client: Any) -> None:
    reply = client.get(f"/api/v1/musrenbang/cycles/{LARGEST}")
    assert reply.status_code == 404  # the route matched: its own "no such cycle"
    assert reply.get_json()["error"]["code"] != "not_found"
