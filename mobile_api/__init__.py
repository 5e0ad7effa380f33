"""The versioned REST API (/api/v1) for phones, kiosks and staff consoles, with OpenAPI."""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask_smorest import Api

from queue_server.edge import screening
from queue_server.edge.ratelimit import init_limits
from queue_server.routing import RowInt, openapi_schema

from . import (
    admin,
    admin_accounts,
    admin_offices,
    auth,
    bookings,
    cases,
    counters,
    devices,
    documents,
    errors,
    facilities,
    kiosk,
    phone_bookings,
    reports,
    security_events,
    surveys,
)
from .error_codes import document
from .fields import normalise_path_values
from .schemas import ErrorOut

DESCRIPTION = """The public API of antrian, the puskesmas queue system.

Errors always have the shape `{"error": {"code": "...", "message": "..."}}` with a 4xx
status; messages are Indonesian unless `Accept-Language` prefers English. Every code is
listed below (and in `x-error-codes`) with its status and meaning. Times are ISO
8601 with the facility's offset (`+07:00`). Staff log in at `/api/v1/auth/login` and send
`Authorization: Bearer <token>`; kiosks and displays use their device token the same way.
Live updates come over Socket.IO (see the README): `snapshot`, `ticket.called`,
`ticket.updated`, `queue.changed`, each with the facility's rising `seq`."""


class AntrianApi(Api):
    """Documents every route's errors with antrian's one error shape.

    With app config `LAZY_OPENAPI` (the test suite's apps, made by the hundred), a
    blueprint's routes are registered at once but its part of the OpenAPI document is
    built the first time the document is read (`spec`): building it is half of making
    an app. A server builds it at start-up, as before (an error in it stops the start)."""

    ERROR_SCHEMA = ErrorOut

    def __init__(self, app: Flask | None = None, **kwargs: Any) -> None:
        self._pending: list[tuple[Any, str, Any]] = []
        self._spec: Any = None
        super().__init__(app, **kwargs)

    @property  # type: ignore[override]
    def spec(self) -> Any:
        """The OpenAPI document, with every blueprint registered so far documented."""
        while self._pending:
            blp, name, parameters = self._pending.pop(0)
            blp.register_views_in_doc(self, self._app, self._spec, name=name,
                                      parameters=parameters)
            self._spec.tag({"name": name, "description": blp.description})
        return self._spec

    @spec.setter
    def spec(self, value: Any) -> None:
        self._spec = value

    def register_blueprint(self, blp: Any, *, parameters: Any = None, **options: Any) -> None:
        """Register `blp` (see flask-smorest); its documentation now, or when the document
        is first read under `LAZY_OPENAPI`."""
        if not self._app.config.get("LAZY_OPENAPI"):
            super().register_blueprint(blp, parameters=parameters, **options)
            return
        name = options.get("name", blp.name)
        self._app.extensions["flask-smorest"]["blp_name_to_api"][name] = self
        self._app.register_blueprint(blp, **options)
        self._pending.append((blp, name, parameters))


def init_api(app: Flask) -> Api:
    app.config.setdefault("API_TITLE", "antrian")
    app.config.setdefault("API_VERSION", "v1")
    app.config.setdefault("OPENAPI_VERSION", "3.0.3")
    app.config.setdefault("OPENAPI_URL_PREFIX", "/api/v1")
    app.config.setdefault("OPENAPI_JSON_PATH", "openapi.json")
    # Human docs, served from the app itself (no CDN): ReDoc at /api/v1/docs.
    app.config.setdefault("OPENAPI_REDOC_PATH", "docs")
    app.config.setdefault("OPENAPI_REDOC_URL", "/static/vendor/redoc-2.5.4.standalone.js")
    api = AntrianApi(app, spec_kwargs={"servers": [{"url": "/"}], **document(DESCRIPTION)})
    api.register_converter(RowInt, openapi_schema)
    init_limits(app)
    api.spec.components.security_scheme(
        "bearer", {"type": "http", "scheme": "bearer", "description": "staff or device token"}
    )
    modules = (auth, facilities, kiosk, counters, devices, bookings, security_events,
               phone_bookings, reports, admin, admin_accounts, admin_offices,
               surveys, cases, documents)
    for module in modules:
        api.register_blueprint(module.blp)
    ours = {module.blp.name for module in modules}

    @app.url_value_preprocessor
    def _normalise_path(endpoint: str | None, values: dict[str, Any] | None) -> None:
        """Path parameters (`{code}`, `{facility}`, `{counter}`) through the same fields
        as bodies and query strings, before the view (mobile_api/fields.py)."""
        if endpoint and endpoint.split(".", 1)[0] in ours:
            normalise_path_values(endpoint, values)

    errors.install(app)
    screening.install(app)
    return api
