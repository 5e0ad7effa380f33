"""The queue server's /api/v1, as the kiosk uses it, with the device token it keeps."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any


class ServerUnreachable(Exception):
    """The request never reached the server: nothing was issued."""


class ServerRefused(Exception):
    def __init__(self, status: int, error: dict[str, Any]):
        super().__init__(error.get("message", f"HTTP {status}"))
        self.status = status
        self.code = error.get("code", "error")
        self.message = error.get("message", f"HTTP {status}")


class QueueServer:
    def __init__(self, base_url: str, token: str, timeout: float = 8.0):
        self.base = base_url.rstrip("/")
        self.token = token
        self.timeout = timeout

    def _call(self, method: str, path: str, body: Any = None, lang: str = "id") -> Any:
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(
            self.base + path, data=data, method=method,
            headers={"Authorization": f"Bearer {self.token}", "Accept-Language": lang,
                     **({"Content-Type": "application/json"} if data else {})},
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as reply:
                raw = reply.read()
                return json.loads(raw) if raw else None
        except urllib.error.HTTPError as exc:
            try:
                error = json.loads(exc.read()).get("error", {})
            except ValueError:
                error = {}
            raise ServerRefused(exc.code, error) from None
        except (urllib.error.URLError, OSError) as exc:
            raise ServerUnreachable(str(getattr(exc, "reason", exc))) from None

    def home(self, lang: str = "id") -> dict[str, Any]:
        return self._call("GET", "/api/v1/kiosk/services", lang=lang)

    def take(self, service: str, priority: str | None, lang: str = "id") -> dict[str, Any]:
        body = {"service": service, **({"priority": priority} if priority else {})}
        return self._call("POST", "/api/v1/kiosk/tickets", body, lang)

    def check_in(self, code: str, lang: str = "id") -> dict[str, Any]:
        safe = urllib.request.quote(code.strip(), safe="")
        return self._call("POST", f"/api/v1/bookings/{safe}/check-in", {}, lang)

    def heartbeat(self, status: dict[str, Any]) -> None:
        self._call("POST", "/api/v1/kiosk/heartbeat", status)
