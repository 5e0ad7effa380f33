"""A real python-socketio client that records what it hears, for tests and benchmarks."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

import engineio
import socketio

EVENTS = ("snapshot", "ticket.called", "ticket.updated", "queue.changed")


class InOrderEngineIO(engineio.Client):
    """Hands each message to its handler in the connection's own thread, in the order the
    messages came. python-engineio starts a thread per message, so two events sent in
    one order could be recorded (or applied to a board) in the other, which a browser,
    with its one event loop, never does. A handler here must not wait for an answer."""

    def _trigger_event(self, event: str, *args: Any, **kwargs: Any) -> Any:
        if event == "message":
            kwargs["run_async"] = False
        return super()._trigger_event(event, *args, **kwargs)

    def disconnect(self, abort: bool = False, reason: Any = None) -> None:
        # The server cutting the socket reaches here from a message, on the reading thread,
        # which cannot wait for itself to end: it stops reading at once instead.
        if self.read_loop_task is threading.current_thread():
            abort = True
        super().disconnect(abort=abort, reason=reason)


class InOrderClient(socketio.Client):
    """A python-socketio client whose events arrive at their handlers in order."""

    def _engineio_client_class(self) -> type[engineio.Client]:
        return InOrderEngineIO


class Listener:
    """Connects with an `auth` payload and keeps every event with its arrival time."""

    def __init__(self, base_url: str, auth: dict[str, Any], transports: list[str] | None = None,
                 headers: dict[str, str] | None = None, reconnect: bool = False):
        self.received: list[tuple[str, Any, float]] = []
        self._cond = threading.Condition()
        self.sio = InOrderClient(reconnection=reconnect, reconnection_delay=0.5,
                                   reconnection_delay_max=2)
        for name in EVENTS:
            self.sio.on(name, self.handler(name))
        self.sio.connect(base_url, auth=auth, transports=transports or ["websocket"],
                         headers=headers or {}, wait_timeout=20)

    def handler(self, name: str) -> Callable[[Any], None]:
        """The function that receives `name`; subclasses react before recording."""
        return self._recorder(name)

    def _recorder(self, name: str) -> Callable[[Any], None]:
        def record(data: Any) -> None:
            with self._cond:
                self.received.append((name, data, time.perf_counter()))
                self._cond.notify_all()
        return record

    def events(self, name: str | None = None) -> list[Any]:
        with self._cond:
            return [data for n, data, _ in self.received if name is None or n == name]

    def wait_for(self, predicate: Callable[[list[tuple[str, Any, float]]], Any],
                 timeout: float = 10.0) -> Any:
        """Block until `predicate(received)` is truthy; returns its value."""
        with self._cond:
            result = self._cond.wait_for(lambda: predicate(self.received), timeout)
        if not result:
            raise TimeoutError(f"condition not met in {timeout}s; got {self.names()}")
        return result

    def wait_event(self, name: str, match: Callable[[Any], bool] = lambda _: True,
                   timeout: float = 10.0) -> Any:
        def found(received: list[tuple[str, Any, float]]) -> Any:
            return next((d for n, d, _ in received if n == name and match(d)), None)
        return self.wait_for(found, timeout)

    def names(self) -> list[str]:
        with self._cond:
            return [n for n, _, _ in self.received]

    def close(self) -> None:
        self.sio.disconnect()
