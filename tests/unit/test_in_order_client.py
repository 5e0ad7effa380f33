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


def test_a_cut_from_the_server_ends_the_client_on_its_reading_thread() -> None:
    """The disconnect a server's message causes runs where the message was read: it
    cannot join that thread, so it stops reading instead of failing half-way."""
    client = InOrderEngineIO()
    client.state = "connected"
    client.read_loop_task = threading.current_thread()  # as if this were the reading thread
    client.disconnect()
    assert client.state == "disconnected"
