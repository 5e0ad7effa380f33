"""Watching a combiner (queue_server/services/together.py) from a test: a condition
notified when an item starts waiting, to wait on instead of sleeping."""

from __future__ import annotations

import threading
from typing import Any

from queue_server.services.together import Combiner


class Queued(list[Any]):
    """A combiner's waiting list that tells a condition each time an entry joins it."""

    def __init__(self, changed: threading.Condition):
        super().__init__()
        self.changed = changed

    def append(self, entry: Any) -> None:
        with self.changed:
            super().append(entry)
            self.changed.notify_all()


def queued(together: Combiner[Any, Any]) -> threading.Condition:
    """A condition notified whenever an item starts waiting in `together`."""
    changed = threading.Condition()
    together._waiting = Queued(changed)
    return changed
