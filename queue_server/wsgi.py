"""The WSGI entry for production:
`gunicorn -w 1 -k gevent --worker-connections 4000 queue_server.wsgi:app`.

gunicorn's gevent worker patches the process before it loads this module, so Socket.IO
runs on greenlets (a waiting-room socket costs a greenlet, not a thread); `-k gthread`
works too, with one thread per socket. One worker per process (Socket.IO sessions live in
their process; several processes share events through Redis); the schema must already be
current (`python -m queue_server upgrade`).
"""

from __future__ import annotations

from . import create_app
from .cli import settle_memory, warn_unspoken_names
from .logs import configure_logging
from .persistence.backup import hold_serving_lock

configure_logging()
app = create_app()
app.extensions["antrian.serving"] = hold_serving_lock(app.config["DATABASE_URL"])
warn_unspoken_names(app.extensions["antrian"].engine)
settle_memory()
