"""/api/v1/wadul/open311-keys: the admin issues, lists and deactivates the API keys civic
applications file Open311 requests with (the key is shown once, only its SHA-256 kept),
and the demo's key loader."""

from __future__ import annotations

import os
from typing import Any

from flask import Flask, Response, current_app, jsonify
from flask_smorest import Blueprint

from mobile_api.auth import principal
from queue_server.runtime import current

from .open311_keys import deactivate_key, ensure_key, issue_key, list_keys
from .open311_schemas import Open311KeyIn, Open311KeyOut, Open311KeysOut, Open311NewKeyOut

blp = Blueprint("wadul_open311_keys", __name__, url_prefix="/api/v1/wadul/open311-keys",
                description="Open311 API keys of civic applications (admin)")
BEARER: list[dict[str, list[str]]] = [{"bearer": []}]
DEMO_KEY_NAME = "Demo Open311"


def _tz() -> str:
    return str(current_app.config.get("CITY_TIMEZONE", "Asia/Jakarta"))


def _json(body: Any, status: int) -> Response:
    response = jsonify(body)
    response.status_code = status
    return response


@blp.post("")
@blp.arguments(Open311KeyIn)
@blp.response(201, Open311NewKeyOut)
@blp.doc(security=BEARER)
def create_key(body: dict[str, Any]) -> Response:
    """Issue a key for the application `name` (admin only). The answer's `key` is the
    only time it is shown: give it to the application; the server keeps its SHA-256.
    Errors: 422 `open311_key_name_required`, 403 `admin_only`."""
    rt = current()
    return _json(issue_key(rt.uow(), rt.clock, principal(), body["name"], body["note"],
                           _tz()), 201)


@blp.get("")
@blp.response(200, Open311KeysOut)
@blp.doc(security=BEARER)
def keys() -> Response:
    """Every key, oldest first, active or not, without the keys themselves (admin)."""
    return _json(list_keys(current().uow(write=False), principal(), _tz()), 200)


@blp.post("/<int:key_id>/deactivate")
@blp.response(200, Open311KeyOut)
@blp.doc(security=BEARER)
def deactivate(key_id: int) -> Response:
    """The key files no more requests (admin only); 404 `open311_key_not_found`."""
    rt = current()
    return _json(deactivate_key(rt.uow(), rt.clock, principal(), key_id, _tz()), 200)


def load_demo_key(app: Flask) -> None:
    """The demo's Open311 key, `$ANTRIAN_DEMO_OPEN311_KEY` (default `demo-open311`),
    added once (a "demo" hook, run by `serve --demo`)."""
    rt = app.extensions["antrian"]
    ensure_key(rt.uow(), rt.clock, DEMO_KEY_NAME,
               os.environ.get("ANTRIAN_DEMO_OPEN311_KEY") or "demo-open311")
