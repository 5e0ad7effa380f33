"""A small JSON client over real HTTP (urllib), for tests against a served app."""

from __future__ import annotations

import http.client
import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit


@dataclass
class Reply:
    status: int
    body: Any

    @property
    def error_code(self) -> str | None:
        if not isinstance(self.body, dict):
            return None
        return self.body.get("error", {}).get("code")


class JsonClient:
    """Keeps one keep-alive connection; not shared between threads."""

    def __init__(self, base_url: str, token: str | None = None):
        parts = urlsplit(base_url)
        self.conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
        self.token = token

    def request(self, method: str, path: str, body: Any = None) -> Reply:
        headers = {"Accept": "application/json"}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        self.conn.request(method, path, body=data, headers=headers)
        response = self.conn.getresponse()
        raw = response.read()
        return Reply(response.status, json.loads(raw) if raw else None)

    def get(self, path: str) -> Reply:
        return self.request("GET", path)

    def post(self, path: str, body: Any = None) -> Reply:
        return self.request("POST", path, body)

    def close(self) -> None:
        self.conn.close()

    def __del__(self) -> None:
        # One-off clients (`JsonClient(url).get(...)`) close their socket when dropped.
        self.conn.close()
