"""`close-day` run by hand beside servers sharing Redis: the boards hear the close (the
soak benchmark found TVs left showing a closed day's numbers)."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import pytest
import redis
from sqlalchemy import Engine

from tests.conftest import Api
from tests.integration.test_day_close import SIANG, siang, walk_in  # noqa: F401 (fixture)
from tests.support.clock import WIB, FakeClock
from tests.support.servers import redis_server, wait_until

CHANNEL = "flask-socketio"  # Flask-SocketIO's Redis channel, shared by every process


def test_close_day_by_hand_sends_the_close_through_the_servers_message_queue(
        engine: Engine, siang: Api, clock: FakeClock,  # noqa: F811
        monkeypatch: pytest.MonkeyPatch) -> None:
    from queue_server import cli

    walk_in(siang)
    with redis_server() as url:
        listener = redis.Redis.from_url(url).pubsub()
        listener.subscribe(CHANNEL)
        monkeypatch.setenv("DATABASE_URL", engine.url.render_as_string(hide_password=False))
        monkeypatch.setenv("SOCKETIO_MESSAGE_QUEUE", url)
        monkeypatch.setattr(cli, "configure_logging", lambda: None)
        monkeypatch.setattr(cli, "_clock", lambda: clock)
        clock.set(datetime(2026, 11, 23, 15, 30, tzinfo=WIB))
        assert cli.main(["close-day", "--facility", SIANG.code, "--date", "2026-11-23"]) == 0
        heard: list[dict[str, Any]] = []

        def closed_heard() -> bool:
            message = listener.get_message(timeout=0.2)
            if message and message["type"] == "message":
                heard.append(json.loads(message["data"]))
            return any(m.get("event") == "queue.changed"
                       and "closed_day" in m["data"][0] for m in heard)

        wait_until(closed_heard, timeout=10, what="the close's queue.changed on Redis")
        listener.close()
    close = next(m for m in heard if m.get("event") == "queue.changed")
    assert close["data"][0]["closed_day"] == {"service": "umum", "date": "2026-11-23"}
    assert f"facility:{SIANG.code}" in close["room"]
