"""A log handler for tests: keeps every record as the JSON object our formatter writes."""

from __future__ import annotations

import json
import logging
from typing import Any

from queue_server.logs import JsonFormatter


class Kept(logging.Handler):
    """Formats each record with the server's JsonFormatter and keeps the parsed entry."""

    def __init__(self) -> None:
        super().__init__()
        self.setFormatter(JsonFormatter())
        self.entries: list[dict[str, Any]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.entries.append(json.loads(self.format(record)))
