"""Driving a real server process (started with tests/support/shifted_serve.py) over HTTP
through dated steps: its clock moved to a day, the demo users' tokens, JSON calls, pages
and CSV as text, a monthly progress report with a photo as multipart."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any
from urllib.request import Request, urlopen
from zoneinfo import ZoneInfo

from tests.support import images
from tests.support.http import JsonClient

CITY = ZoneInfo("Asia/Jakarta")


class Walk:
    """The server under test: its base URL, the file its clock shift is read from, and
    the demo users' tokens (taken again after each move of the clock)."""

    def __init__(self, base: str, shift: Path, password: str):
        self.base, self.shift, self.password = base, shift, password
        self.tokens: dict[str, str] = {}

    def at(self, day: date) -> None:
        """Move the server's clock to 10:00 of `day` in the city."""
        moment = datetime.combine(day, time(10), CITY).astimezone(UTC)
        self.shift.write_text(str((moment - datetime.now(UTC)).total_seconds()))
        self.tokens.clear()

    def token(self, user: str) -> str:
        """`user`'s bearer token (a demo user, signed in once per clock position)."""
        if user not in self.tokens:
            login = JsonClient(self.base).post("/api/v1/auth/login",
                                               {"username": user, "password": self.password})
            assert login.status == 200, login.body
            self.tokens[user] = login.body["token"]
        return self.tokens[user]

    def call(self, user: str | None, method: str, path: str, body: Any = None,
             status: int = 200) -> Any:
        """`method` on `path` under /api/v1 as `user` (None: nobody); asserts `status`."""
        client = JsonClient(self.base, self.token(user) if user else None)
        reply = client.request(method, "/api/v1" + path, body)
        client.close()
        assert reply.status == status, (method, path, reply.status, reply.body)
        return reply.body

    def text(self, path: str, user: str | None = None) -> str:
        """A page or a CSV answer, as text (200 asserted)."""
        headers = {"Authorization": f"Bearer {self.token(user)}"} if user else {}
        with urlopen(Request(self.base + path, headers=headers), timeout=30) as reply:
            assert reply.status == 200
            return str(reply.read().decode("utf-8"))

    def report(self, user: str, contract_id: int, month: str, physical: int,
               spent: int) -> Any:
        """`user` (a provider's) reports a month (financial progress = physical) with one
        photo, as multipart; answers the report."""
        fields = {"month": month, "physical": str(physical), "financial": str(physical),
                  "spent": str(spent), "note": f"Pekerjaan {physical} %."}
        boundary = uuid.uuid4().hex
        parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'
                 .encode() for k, v in fields.items()]
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="photos"; '
                     f'filename="foto.jpg"\r\nContent-Type: image/jpeg\r\n\r\n'.encode()
                     + images.jpeg() + b"\r\n")
        request = Request(f"{self.base}/api/v1/controlling/contracts/{contract_id}/reports",
                          data=b"".join(parts) + f"--{boundary}--\r\n".encode(), headers={
                              "Authorization": f"Bearer {self.token(user)}",
                              "Content-Type": f"multipart/form-data; boundary={boundary}",
                              "Accept": "application/json"}, method="POST")
        with urlopen(request, timeout=30) as reply:
            assert reply.status in (200, 201)
            return json.loads(reply.read())


def first_of(day: date, months: int) -> date:
    """The first day of the month `months` after `day`'s."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def months(first: date, count: int) -> list[str]:
    """`count` months (`YYYY-MM`) from `first`'s."""
    return [first_of(first, n).isoformat()[:7] for n in range(count)]
