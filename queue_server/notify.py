"""The notification worker: posts due messages to the webhook, in a background thread,
and lets go of booking holds whose time is up (holds exist only with a webhook)."""

from __future__ import annotations

import json
import logging
import threading
import urllib.error
import urllib.request
from typing import Any

from .domain.privacy import mask_text
from .runtime import Runtime
from .services import hold_expiry, notifications

log = logging.getLogger(__name__)


def post_json(url: str, payload: dict, timeout: float = 5.0) -> None:
    """POST the payload; raises on anything but a 2xx answer."""
    request = urllib.request.Request(url, data=json.dumps(payload).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=timeout) as reply:
        if not 200 <= reply.status < 300:
            raise OSError(f"HTTP {reply.status}")


def absolute_links(payload: dict[str, Any], public_url: str | None) -> dict[str, Any]:
    """The payload with its links (`ticket_url`, `case_url`, `staff_url`: paths when
    queued) made absolute with `public_url`, in the message text too."""
    if not public_url:
        return payload
    base = public_url.rstrip("/")
    for key in ("ticket_url", "case_url", "staff_url"):
        path = payload.get(key)
        if isinstance(path, str) and path.startswith("/"):
            payload[key] = base + path
            if isinstance(payload.get("message"), str):
                payload["message"] = payload["message"].replace(path, base + path)
    return payload


def deliver_due(runtime: Runtime, url: str, public_url: str | None = None) -> int:
    """Send what is due now; returns how many were sent."""
    sent = 0
    with runtime.uow() as uow:
        rows = notifications.due(uow, runtime.clock.now())
        for row in rows:
            payload = absolute_links(dict(row.payload), public_url)
            now = runtime.clock.now()
            said = mask_text(notifications.loggable(row))
            try:
                post_json(url, payload)
            except (OSError, urllib.error.URLError) as exc:
                notifications.failed(row, now, str(exc))
                log.warning("notification %s failed (%s): %s", row.id, row.attempts,
                            mask_text(str(exc)))
            else:
                notifications.delivered(row, now)
                sent += 1
                log.info("notification %s sent: %s", row.id, said)
        uow.commit()
    return sent


def start_worker(runtime: Runtime, url: str, interval: float = 1.0,
                 public_url: str | None = None) -> threading.Event:
    """Deliver in the background until the returned event is set."""
    stop = threading.Event()

    def loop() -> None:
        while not stop.wait(interval):
            try:
                hold_expiry.sweep(runtime.uow(), runtime.clock)
                deliver_due(runtime, url, public_url)
            except Exception:  # the worker must outlive a database hiccup
                log.exception("notification round failed")

    threading.Thread(target=loop, name="antrian-notify", daemon=True).start()
    return stop
