"""The test clients' socket hears its messages in order, on the connection's thread."""

from __future__ import annotations

import threading

import engineio

from tests.support.live import InOrderClient, InOrderEngineIO


def _handled_on(client: engineio.Client, event: str) -> int:
    seen: list[int] = []
    done = threading.Event()

    def handler(*_: object) -> None:
        seen.append(threading.get_ident())
        done.set()

    client.on(event, handler)
    client._trigger_event(event, "2[\"ticket.called\",{}]", run_async=True)
    assert done.wait(5)
    return seen[0]


def test_a_message_is_handled_on_the_thread_that_read_it() -> None:
    """python-engineio would start a thread per message (two events could then be
    recorded in the other order); ours hands it over where it was read."""
    assert _handled_on(InOrderEngineIO(), "message") == threading.get_ident()
    assert _handled_on(engineio.Client(), "message") != threading.get_ident()


def test_other_events_keep_their_own_way() -> None:
    assert _handled_on(InOrderEngineIO(), "connect") != threading.get_ident()


def test_the_socketio_client_uses_it() -> None:
    assert isinstance(InOrderClient().eio, InOrderEngineIO)
