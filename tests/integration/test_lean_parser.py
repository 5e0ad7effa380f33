"""The API's argument parser (mobile_api/blueprint.py): an empty query string, or headers
holding none of a schema's, give the schema's defaults without webargs' whole parse; what
was sent, and what is missing but required, is parsed and refused exactly as webargs
does."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from flask_smorest import Api
from marshmallow import Schema, fields, post_load, validate

from mobile_api.blueprint import Blueprint
from tests.conftest import Api as Caller


class Optional(Schema):
    facility = fields.String(load_default=None, validate=validate.Length(min=3))

    @post_load
    def mark(self, data: dict[str, Any], **_: Any) -> dict[str, Any]:
        return {**data, "hooked": True}


class Key(Schema):
    key = fields.String(data_key="Idempotency-Key", load_default=None,
                        validate=validate.Length(min=8))


class Needed(Schema):
    key = fields.String(data_key="X-Needed", required=True)


@pytest.fixture
def bare() -> Any:
    app = Flask(__name__)
    app.config.update(API_TITLE="t", API_VERSION="1", OPENAPI_VERSION="3.0.3")
    blp = Blueprint("t", __name__)

    @blp.get("/optional")
    @blp.arguments(Optional(), location="query")
    @blp.arguments(Key(), location="headers")
    @blp.response(200)
    def optional(query: dict[str, Any], headers: dict[str, Any]) -> dict[str, Any]:
        return {"query": query, "headers": headers}

    @blp.get("/needed")
    @blp.arguments(Needed(), location="headers")
    @blp.response(200)
    def needed(headers: dict[str, Any]) -> dict[str, Any]:
        return headers

    Api(app).register_blueprint(blp)
    return app.test_client()


def test_nothing_sent_gives_the_defaults_through_the_schemas_hooks(bare: Any) -> None:
    assert bare.get("/optional").get_json() == {
        "query": {"facility": None, "hooked": True}, "headers": {"key": None}}


def test_what_was_sent_is_read_and_checked(bare: Any) -> None:
    got = bare.get("/optional?facility=pkm-demo", headers={"Idempotency-Key": "k" * 8})
    assert got.get_json() == {"query": {"facility": "pkm-demo", "hooked": True},
                              "headers": {"key": "k" * 8}}
    assert bare.get("/optional?facility=x").status_code == 422
    assert bare.get("/optional", headers={"Idempotency-Key": "short"}).status_code == 422


def test_a_required_header_missing_is_refused_as_webargs_refuses_it(bare: Any) -> None:
    refused = bare.get("/needed")
    assert refused.status_code == 422
    assert "X-Needed" in str(refused.get_json())
    assert bare.get("/needed", headers={"X-Needed": "ok"}).get_json() == {"key": "ok"}


def test_a_kiosk_walk_in_reads_its_key_and_query_as_before(kiosk: Caller,
                                                           staff: Caller) -> None:
    keyed = {**kiosk.headers(), "Idempotency-Key": "tap-0001-abcd"}
    first, again = (kiosk.client.post("/api/v1/kiosk/tickets", json={"service": "umum"},
                                      headers=keyed) for _ in range(2))
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.get_json()["number"] == again.get_json()["number"]
    by_hand = staff.post("/api/v1/kiosk/tickets?facility=pkm-demo", {"service": "umum"})
    assert by_hand.status_code == 201
