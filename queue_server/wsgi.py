"""The WSGI entry for production: `gunicorn -w 1 -k gthread --threads 64 queue_server.wsgi:app`.

One worker per process (Socket.IO sessions live in their process; several processes share
events through Redis); the schema must already be current (`python -m queue_server upgrade`).
"""

from __future__ import annotations

from . import create_app
from .logs import configure_logging

configure_logging()
app = create_app()
