"""The kiosk agent for tests: served on loopback with its background loop, quick timers."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from kiosk.agent import Options, create_agent, start_background
from tests.support.printer import FakePrinter
from tests.support.servers import serve_in_thread


@contextmanager
def kiosk_agent(server: str, printer: FakePrinter, tmp_path: Path, token: str = "demo-kiosk",
                **extra: Any) -> Iterator[tuple[str, Any]]:
    """The agent (staff PIN 2468) with retries, expiry and printer probes every 0.1 s and a
    heartbeat every 0.5 s unless `extra` says otherwise; yields (page URL, its parts)."""
    options = {"retry_seconds": 0.1, "probe_seconds": 0.1, "heartbeat_seconds": 0.5, **extra}
    app = create_agent(Options(server=server, device_token=token, staff_pin="2468",
                               printer=f"network:127.0.0.1:{printer.port}",
                               spool=tmp_path / "spool", **options))
    stop = start_background(app)
    try:
        with serve_in_thread(app) as base:
            yield base, app.extensions["kiosk"]
    finally:
        stop.set()
