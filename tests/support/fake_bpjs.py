"""A fake BPJS (queue_server/eservices/bpjs/fake) served over real HTTP in a thread on a
free loopback port, for tests of the outbound client, the sender and the demo path.

The `fake_bpjs` fixture (tests/conftest.py imports it, so every test may ask for it)
yields a FakeBpjs:
`url` (the base URL, as `BPJS_BASE_URL`), `cons_id`, `secret`, `user_key`, `config()`
(the app config keys), `client()` (a BpjsClient on it), `calls()`, `fail(times,
status)` (status 0 drops the connection), `hold()`, `release()`, `waiting()`, `reset()`,
`take(facility, body)` (the fake plays Mobile JKN at an antrian server).
The server is stopped after the test; no thread is left running."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest

from queue_server.eservices.bpjs.fake import STATE_KEY, create_fake
from queue_server.eservices.bpjs.fake.serving import fake_server
from queue_server.eservices.bpjs.fake.state import FakeState

CONS_ID = "12345"
SECRET = "fake-secret-for-tests"
USER_KEY = "fake-user-key-for-tests"


class FakeBpjs:
    """A running fake BPJS and its controls (the state read directly, in-process)."""

    def __init__(self, url: str, state: FakeState, cons_id: str = CONS_ID,
                 secret: str = SECRET, user_key: str = USER_KEY):
        self.url, self.state = url, state
        self.cons_id, self.secret, self.user_key = cons_id, secret, user_key

    def config(self) -> dict[str, Any]:
        """The app config a test passes to point the module at this fake."""
        return {"BPJS_BASE_URL": self.url, "BPJS_CONS_ID": self.cons_id,
                "BPJS_SECRET": self.secret, "BPJS_USER_KEY": self.user_key}

    def client(self, **options: Any) -> Any:
        """A BpjsClient on this fake (`timeout`, `clock`, `secret` … may be given)."""
        from queue_server.eservices.bpjs.client import BpjsClient

        values = {"base_url": self.url, "cons_id": self.cons_id, "secret": self.secret,
                  "user_key": self.user_key, **options}
        return BpjsClient(**values)

    def calls(self) -> list[dict[str, Any]]:
        """Every call received, oldest first: method, path, body, http_status, code,
        message, response (decrypted), at_ms; a failed one has `failed: True`."""
        return self.state.recorded()

    def fail(self, times: int, status: int = 500) -> None:
        """The next `times` calls fail with HTTP `status` (0: the connection dropped)."""
        self.state.fail(times, status)

    def hold(self) -> None:
        """Calls from now on wait until `release()` (at most 30 s)."""
        self.state.hold()

    def release(self) -> None:
        """Let held calls go on."""
        self.state.release()

    def waiting(self) -> int:
        """How many calls are held now."""
        return self.state.waiting

    def reset(self) -> None:
        """Forget antrean and calls; stop failing; release held calls."""
        self.state.reset()

    def take(self, facility: str | None, body: dict[str, Any], username: str = "mobilejkn",
             password: str = "demo") -> tuple[int, Any]:
        """The fake plays Mobile JKN (`POST /_fake/mjkn/antrean`): takes a number with
        `body` (the ambil-antrean fields) at the antrian server `facility` (None: left
        out); the HTTP status and JSON answer."""
        import requests

        place = {"username": username, "password": password}
        if facility is not None:
            place["url"] = facility
        got = requests.post(f"{self.url}/_fake/mjkn/antrean",
                            json={**body, "facility": place}, timeout=30)
        return got.status_code, got.json()


@pytest.fixture
def fake_bpjs() -> Iterator[FakeBpjs]:
    """A fake BPJS on a free loopback port for one test."""
    app = create_fake(CONS_ID, SECRET, USER_KEY)
    state: FakeState = app.extensions[STATE_KEY]
    server = fake_server(app)
    # A short poll interval: shutdown() waits for the loop to look (0.5 s by default).
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02},
                              name="fake-bpjs", daemon=True)
    thread.start()
    try:
        yield FakeBpjs(f"http://127.0.0.1:{server.server_port}", state)
    finally:
        state.release()
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
