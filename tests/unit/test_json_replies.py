"""The JSON replies' writer (queue_server/json_replies.py): orjson's speed, Flask's text."""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, date, datetime
from decimal import Decimal
from enum import StrEnum

from flask import Flask
from flask.json.provider import DefaultJSONProvider

from queue_server.json_replies import OrjsonProvider


class Status(StrEnum):
    WAITING = "waiting"


@dataclasses.dataclass
class Point:
    x: int


def both(obj: object) -> tuple[object, object]:
    app = Flask(__name__)
    return (json.loads(OrjsonProvider(app).dumps(obj)),
            json.loads(DefaultJSONProvider(app).dumps(obj)))


def test_it_writes_what_flasks_provider_writes() -> None:
    for obj in ({"b": 1, "a": [1.5, None, True, "Poli Umum é"]},
                {"when": datetime(2026, 12, 1, 4, 0, tzinfo=UTC),
                 "day": date(2026, 12, 1)},
                {"amount": Decimal("300000000.50"), "status": Status.WAITING},
                {"point": Point(3)}, {1: "one", 2: "two"}, 2**70):
        mine, flasks = both(obj)
        assert mine == flasks, obj


def test_keys_are_sorted_and_options_go_to_flask() -> None:
    provider = OrjsonProvider(Flask(__name__))
    assert provider.dumps({"b": 1, "a": 2}) == '{"a":2,"b":1}'
    assert provider.dumps({"b": 1, "a": 2}, sort_keys=False) == '{"b": 1, "a": 2}'


def test_what_orjson_refuses_is_written_by_flask() -> None:
    provider = OrjsonProvider(Flask(__name__))
    assert json.loads(provider.dumps({"big": 2**70})) == {"big": 2**70}
    assert provider.dumps("\ud800") == '"\\ud800"'
