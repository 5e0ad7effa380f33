"""The agent's retry window for a tap: it keeps asking, with one key, to the end of the
window, and only then says the server cannot be reached."""

from __future__ import annotations

import time
from types import SimpleNamespace
from typing import Any

import pytest

import kiosk.server
from kiosk.server import LAST_TRY, QueueServer, ServerUnreachable
from tests.support.proxy import Refusing


@pytest.mark.parametrize("window", [1.0, 2.5])
def test_a_tap_is_retried_to_the_end_of_its_window(window: float) -> None:
    """On a real port that hangs up each connection: asked again and again, never giving
    up before the window's end. (Where the tries fall in the window: the next test, on a
    clock of its own.)"""
    server = Refusing()
    try:
        started = time.monotonic()
        with pytest.raises(ServerUnreachable):
            QueueServer(server.url, "t", timeout=0.5, retry_for=window).take("umum", None)
        took = time.monotonic() - started
    finally:
        server.close()
    assert took >= window - LAST_TRY, took
    assert server.count >= 3  # asked again and again, not once


class _Clock:
    """Seconds that move only when a try is made (`cost`) or the agent pauses."""

    def __init__(self) -> None:
        self.now = 0.0

    def monotonic(self) -> float:
        return self.now

    def wait(self, seconds: float) -> bool:
        self.now += max(0.0, seconds)
        return False


@pytest.mark.parametrize(("window", "cost"), [(1.0, 0.0), (2.5, 0.05), (30.0, 0.6)])
def test_the_tries_fill_the_window_and_none_starts_after_it(
        monkeypatch: pytest.MonkeyPatch, window: float, cost: float) -> None:
    clock = _Clock()
    monkeypatch.setattr(kiosk.server, "time", SimpleNamespace(monotonic=clock.monotonic))
    server = QueueServer("http://127.0.0.1:9", "t", timeout=0.5, retry_for=window)
    server._pause = SimpleNamespace(wait=clock.wait)  # type: ignore[assignment]
    tries: list[tuple[float, Any]] = []

    def unanswered(*_: Any, timeout: float, **__: Any) -> None:
        tries.append((clock.now, timeout))
        clock.now += min(cost, timeout)
        raise ServerUnreachable("refused")

    monkeypatch.setattr(server, "_call", lambda *a, **k: unanswered(*a, **k))
    with pytest.raises(ServerUnreachable):
        server.take("umum", None)
    starts = [at for at, _ in tries]
    assert len(starts) >= 3 and starts == sorted(starts)
    assert all(at <= window - LAST_TRY for at in starts)  # none starts after the window
    assert starts[-1] >= window - LAST_TRY - cost - 1e-9  # the last near its end
    assert window - LAST_TRY <= clock.now <= window  # told then, not before, not after
    assert all(at + limit <= window + 1e-9 or limit == LAST_TRY for at, limit in tries)
