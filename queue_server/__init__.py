"""antrian's queue server: `create_app(config)` is the one place where things are wired."""

from __future__ import annotations

import sys

if sys.argv[:2] == ["-m", "serve"]:
    # `python -m queue_server serve` (while Python imports this package, argv[0] is "-m"):
    # patch for gevent before Flask, SQLAlchemy or anything else imports socket or ssl.
    from gevent import monkey

    monkey.patch_all()

from collections.abc import Mapping
from typing import Any

from flask import Flask

from . import i18n, routing
from .config import settings
from .json_replies import OrjsonProvider
from .persistence.db import make_engine
from .persistence.migrate import SchemaOutOfDate, require_current_schema
from .runtime import Runtime, csrf


def _register_routes(app: Flask) -> None:
    """The API, the pages (front page, console, board, patient pages) and health checks."""
    import display_board
    from mobile_api import init_api

    from . import (
        casepage,
        console,
        docpage,
        eservices,
        headers,
        health,
        home,
        patient,
        reports,
        turns,
    )
    from .logs import install_request_ids

    eservices.import_modules(app)  # their errors belong in the API document
    app.extensions["antrian.api"] = init_api(app)
    install_request_ids(app)
    turns.install(app)  # on gevent: a keep-alive connection gives way after each answer
    headers.install(app)
    for blueprint in (health.bp, console.bp, display_board.bp, patient.bp, home.bp,
                      reports.bp, casepage.bp, docpage.bp):
        app.register_blueprint(blueprint)
    from .admin import bp as admin_pages

    app.register_blueprint(admin_pages)
    eservices.load_modules(app)


def _start_workers(app: Flask, runtime: Runtime) -> None:
    """The background threads: the notification worker (with a webhook) and the
    end-of-day closer (`DAY_CLOSE_WORKER`; unset, it runs except under TESTING). Stop
    the closer with `app.extensions["antrian.day_closer"].stop()`."""
    webhook = app.config.get("NOTIFY_WEBHOOK_URL")
    if webhook:
        runtime.notify_at = int(app.config["NOTIFY_POSITION"])
        if app.config.get("NOTIFY_WORKER", True):
            from .notify import start_worker

            app.extensions["antrian.notify_stop"] = start_worker(
                runtime, webhook, public_url=app.config.get("PUBLIC_URL"))
    closer = app.config.get("DAY_CLOSE_WORKER")
    if closer is None:
        closer = not app.testing
    if closer:
        from datetime import timedelta

        from .closing import DayCloser

        grace = timedelta(minutes=float(app.config["DAY_CLOSE_GRACE_MINUTES"]))
        app.extensions["antrian.day_closer"] = DayCloser(runtime, grace).start()
    _start_case_sweep(app, runtime)


def _start_case_sweep(app: Flask, runtime: Runtime) -> None:
    """The case sweep (`CASE_SWEEP_SECONDS`; unset: 60, except under TESTING; 0: off),
    when a loaded module registered cases. Stop it with
    `app.extensions["antrian.case_sweeper"].stop()`."""
    from .eservices import hooks

    every = app.config.get("CASE_SWEEP_SECONDS")
    if every is None:
        every = 0.0 if app.testing else 60.0
    kinds = hooks(app, "case_kinds")
    if every and kinds:
        from .case_sweeper import CaseSweeper
        from .persistence.case_file_store import file_store
        from .services.case_messages import messages_on

        app.extensions["antrian.case_sweeper"] = CaseSweeper(
            runtime, kinds, app.config["CITY_TIMEZONE"], float(every),
            file_store(app.instance_path), messages_on(app.config),
            hooks(app, "sweeps")).start()


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app. `config` overrides the environment (tests pass DATABASE_URL, a clock)."""
    app = Flask(__name__)
    app.json = OrjsonProvider(app)
    routing.install(app)  # every `<int:…>` bounded to what the database holds (404 beyond)
    app.config.from_mapping(settings(app.instance_path))
    if config:
        app.config.update(config)
    engine = app.config.get("ENGINE") or make_engine(app.config["DATABASE_URL"],
                                                     background_checkpoints=True)
    if not app.config.get("SKIP_SCHEMA_CHECK"):
        try:
            require_current_schema(engine)
        except SchemaOutOfDate:
            engine.dispose()
            raise
    if app.config.get("PROXIES"):
        from werkzeug.middleware.proxy_fix import ProxyFix

        hops = int(app.config["PROXIES"])
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops,  # type: ignore[method-assign]
                                x_host=hops)
    runtime = Runtime(engine)
    if app.config.get("CLOCK") is not None:
        runtime.clock = app.config["CLOCK"]
    app.extensions["antrian"] = runtime
    csrf.init_app(app)
    i18n.init_app(app)

    from .realtime import SocketNotifier, init_realtime

    _register_routes(app)
    socketio = init_realtime(app)
    runtime.notifier = SocketNotifier(socketio)
    _start_workers(app, runtime)
    return app
