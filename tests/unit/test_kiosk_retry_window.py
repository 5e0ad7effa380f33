"""The agent's retry window for a tap: it keeps asking, with one key, to the end of the
window, and only then says the server cannot be reached."""

from __future__ import annotations

import contextlib
import socket
import threading
import time

import pytest

from kiosk.server import LAST_TRY, QueueServer, ServerUnreachable


class Refusing:
    """A port that accepts each connection and hangs up at once, counting them."""

    def __init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}"
        self.count = 0
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            self.count += 1
            conn.close()

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.listener.shutdown(socket.SHUT_RDWR)
        self.listener.close()
        self.thread.join(timeout=10)


@pytest.mark.parametrize("window", [1.0, 2.5])
def test_a_tap_is_retried_to_the_end_of_its_window(window: float) -> None:
    server = Refusing()
    try:
        started = time.monotonic()
        with pytest.raises(ServerUnreachable):
            QueueServer(server.url, "t", timeout=0.5, retry_for=window).take("umum", None)
        took = time.monotonic() - started
    finally:
        server.close()
    assert window - LAST_TRY <= took < window + 1.0, took
    assert server.count >= 3  # asked again and again, not once
