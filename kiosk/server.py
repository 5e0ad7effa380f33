"""The queue server's /api/v1, as the kiosk uses it, with the device token it keeps."""

from __future__ import annotations

import http.client
import json
import logging
import threading
import time
import urllib.error
import urllib.request
import uuid
from typing import Any

log = logging.getLogger("kiosk")

# Answers that mean "try again" (a proxy or the server was busy): safe with the same key.
RETRY_STATUSES = (502, 503, 504)
LAST_TRY = 0.25  # seconds: the shortest try worth making before the retry window ends


class ServerUnreachable(Exception):
    """No answer came: the request may or may not have reached the server."""


class ServerRefused(Exception):
    """The server answered with an error; `message` is its plain sentence, if it gave one."""

    def __init__(self, status: int, error: dict[str, Any]):
        super().__init__(error.get("message", f"HTTP {status}"))
        self.status = status
        self.code = error.get("code", "error")
        self.message: str | None = error.get("message")


class QueueServer:
    """Calls the server with the device token. `timeout` is one request's limit;
    `retry_for` is how long a walk-in tap is retried, with one Idempotency-Key."""

    def __init__(self, base_url: str, token: str, timeout: float = 8.0,
                 retry_for: float = 30.0):
        self.base = base_url.rstrip("/")
        self.token = token
        self.timeout = timeout
        self.retry_for = retry_for
        self.reachable: bool | None = None  # as the last call found it
        self._pause = threading.Event()  # never set: waits between retries

    def _call(self, method: str, path: str, body: Any = None, lang: str = "id",
              headers: dict[str, str] | None = None, timeout: float | None = None) -> Any:
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(
            self.base + path, data=data, method=method,
            headers={"Authorization": f"Bearer {self.token}", "Accept-Language": lang,
                     **({"Content-Type": "application/json"} if data else {}),
                     **(headers or {})},
        )
        try:
            with urllib.request.urlopen(request, timeout=timeout or self.timeout) as reply:
                raw = reply.read()
                self.reachable = True
                return json.loads(raw) if raw else None
        except urllib.error.HTTPError as exc:
            self.reachable = True
            try:
                error = json.loads(exc.read()).get("error", {})
            except (ValueError, AttributeError, OSError, http.client.HTTPException):
                error = {}
            raise ServerRefused(exc.code, error) from None
        except (urllib.error.URLError, OSError, http.client.HTTPException) as exc:
            self.reachable = False
            raise ServerUnreachable(str(getattr(exc, "reason", exc))) from None

    def home(self, lang: str = "id") -> dict[str, Any]:
        """GET /api/v1/kiosk/services: facility, services, public_url, generated_at."""
        return self._call("GET", "/api/v1/kiosk/services", lang=lang)

    def take(self, service: str, priority: str | None, lang: str = "id",
             key: str | None = None) -> dict[str, Any]:
        """One walk-in ticket for one tap: on a timeout, a dropped connection or a 502-504
        the same request is sent again with the same Idempotency-Key until `retry_for`
        seconds have passed, so the patient gets one number. Raises ServerUnreachable
        (no answer in time) or ServerRefused (the server's refusal)."""
        key = key or uuid.uuid4().hex
        body = {"service": service, **({"priority": priority} if priority else {})}
        deadline = time.monotonic() + self.retry_for
        pause = 0.25
        while True:
            left = deadline - time.monotonic()
            try:
                return self._call("POST", "/api/v1/kiosk/tickets", body, lang,
                                  {"Idempotency-Key": key},
                                  timeout=max(min(self.timeout, left), LAST_TRY))
            except ServerRefused as exc:
                if exc.status not in RETRY_STATUSES:
                    raise
                failure: Exception = exc
            except ServerUnreachable as exc:
                failure = exc
            left = deadline - time.monotonic()
            if left <= LAST_TRY:  # the window is used up: now the patient is told
                raise failure
            log.warning("ticket request %s got no answer (%s); retrying with the same key",
                        key[:8], failure)
            # The last pause is cut short, so that a try is made to the end of the window.
            self._pause.wait(min(pause, left - LAST_TRY))
            pause = min(pause * 2, 2.0)

    def check_in(self, code: str, lang: str = "id") -> dict[str, Any]:
        """Check a booking in: `code` is whatever the scanner or keypad typed (the whole
        `/t/{code}` address too); the server normalises it, so it is sent URL-encoded."""
        safe = urllib.request.quote(code.strip(), safe="")
        return self._call("POST", f"/api/v1/bookings/{safe}/check-in", {}, lang)

    def heartbeat(self, status: dict[str, Any]) -> None:
        """POST /api/v1/kiosk/heartbeat with the printer's state."""
        self._call("POST", "/api/v1/kiosk/heartbeat", status)
