"""The versioned REST API (/api/v1) for phones, kiosks and staff consoles, with OpenAPI."""

from __future__ import annotations

from flask import Flask
from flask_smorest import Api

from . import auth, bookings, counters, errors, facilities, kiosk
from .schemas import ErrorOut


class AntrianApi(Api):
    """Documents every route's errors with antrian's one error shape."""

    ERROR_SCHEMA = ErrorOut


def init_api(app: Flask) -> Api:
    app.config.setdefault("API_TITLE", "antrian")
    app.config.setdefault("API_VERSION", "v1")
    app.config.setdefault("OPENAPI_VERSION", "3.0.3")
    app.config.setdefault("OPENAPI_URL_PREFIX", "/api/v1")
    app.config.setdefault("OPENAPI_JSON_PATH", "openapi.json")
    api = AntrianApi(app, spec_kwargs={"servers": [{"url": "/"}]})
    bookings.limiter.init_app(app)
    api.spec.components.security_scheme(
        "bearer", {"type": "http", "scheme": "bearer", "description": "staff or device token"}
    )
    for module in (auth, facilities, kiosk, counters, bookings):
        api.register_blueprint(module.blp)
    errors.install(app)
    return api
