"""gunicorn configuration for the soak's --tracemalloc runs (GUNICORN_CMD_ARGS="-c" this
file, set only by bench/soak.py): each worker starts tracemalloc (25 frames) once built,
and on SIGUSR2 writes a snapshot to $SOAK_TRACE_DIR/<pid>-<n>.tracemalloc."""

from __future__ import annotations

import itertools
import os
import signal
import tracemalloc
from typing import Any

_taken = itertools.count(1)


def _dump(*_: Any) -> None:
    folder = os.environ["SOAK_TRACE_DIR"]
    path = os.path.join(folder, f"{os.getpid()}-{next(_taken)}.tracemalloc")
    tracemalloc.take_snapshot().dump(path + ".part")
    os.replace(path + ".part", path)


def post_worker_init(worker: Any) -> None:
    """Trace from here on; SIGUSR2 takes a snapshot (in the gevent hub when patched)."""
    tracemalloc.start(25)
    try:
        import gevent

        gevent.signal_handler(signal.SIGUSR2, _dump)
    except ImportError:
        signal.signal(signal.SIGUSR2, _dump)
