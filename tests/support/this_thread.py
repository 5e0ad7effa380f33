"""Event listeners that hear only the test's own thread.

SQLAlchemy's events on `Session` or on a shared engine fire for every thread: an app's
background workers (the notification sender, the BPJS outbox, an earlier test's app still
winding down) run statements on the same engine at any moment, and a test counting what
*its* request ran must not count theirs. Flask's test client runs the request in the
calling thread."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any


def this_thread_only(listener: Callable[..., Any]) -> Callable[..., Any]:
    """`listener`, called only for events raised in the thread that made this wrapper."""
    own = threading.get_ident()

    def heard(*args: Any, **kwargs: Any) -> Any:
        if threading.get_ident() == own:
            return listener(*args, **kwargs)
        return None

    return heard
