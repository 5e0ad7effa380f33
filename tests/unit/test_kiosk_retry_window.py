"""The agent's retry window for a tap: it keeps asking, with one key, to the end of the
window, and only then says the server cannot be reached."""

from __future__ import annotations

import time

import pytest

from kiosk.server import LAST_TRY, QueueServer, ServerUnreachable
from tests.support.proxy import Refusing


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
