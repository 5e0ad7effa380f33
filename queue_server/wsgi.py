"""The WSGI entry for production:
`gunicorn -w 1 -k gevent --worker-connections 4000 queue_server.wsgi:app`.

gunicorn's gevent worker patches the process before it loads this module, so Socket.IO
runs on greenlets (a waiting-room socket costs a greenlet, not a thread); `-k gthread`
works too, with one thread per socket. One worker per process (Socket.IO sessions live in
their process; several processes share events through Redis); the schema must already be
current (`python -m queue_server upgrade`). It does not start while an active user or
device has a demo or weak secret, unless ANTRIAN_DEMO=1 says the run is a demo on purpose.
"""

from __future__ import annotations

import logging
import sys

from . import create_app
from .cli import settle_memory, warn_unspoken_names
from .cli_secrets import guard_secrets
from .logs import configure_logging, route_gevent_errors, route_gunicorn_logs
from .persistence.backup import hold_serving_lock
from .realtime import async_mode
from .settings_read import BadSetting

configure_logging()
route_gunicorn_logs()  # gunicorn's request lines and errors: masked, as JSON
if async_mode() == "gevent":
    route_gevent_errors()
try:
    app = create_app()
except BadSetting as exc:  # exit code 4: gunicorn's master stops (see below)
    logging.getLogger("antrian").error("%s", exc)
    sys.exit(4)
# Demo or weak secrets refuse to start (ANTRIAN_DEMO=1: a demo on purpose). Exit code 4 is
# gunicorn's "app failed to load": the master stops instead of starting workers again.
if not guard_secrets(app.extensions["antrian"].engine, demo=False):
    sys.exit(4)
app.extensions["antrian.serving"] = hold_serving_lock(app.config["DATABASE_URL"])
warn_unspoken_names(app.extensions["antrian"].engine)
settle_memory()
