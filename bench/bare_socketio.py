"""The reference for bench/fanout.py: a bare Flask-SocketIO app on antrian's own stack.

    python bench/bare_socketio.py --port 5100                  # gevent, as `serve` runs
    BARE_MESSAGE_QUEUE=redis://... gunicorn -w 1 -k gevent --chdir bench bare_socketio:app

Every client that connects joins one room (`facility:{auth["room"]}`, default
`facility:bare`) and gets a small `snapshot` event (how a board knows it is in).
`POST /emit` with `{"room": R, "events": [[name, payload], ...]}` emits each event, in
order, to that room and answers 204; nothing else happens per client. One process is
served exactly as `python -m queue_server serve` serves antrian (gevent's WSGI server on
a no-Nagle listener, `settle_memory`'s collector settings); two processes run as
gunicorn gevent workers with Redis between them, as `AppProcess` runs antrian, on a
Redis channel of their own.
"""

from __future__ import annotations

import sys

if __name__ == "__main__" or "gunicorn" in sys.argv[0]:  # pragma: no cover - a server
    from gevent import monkey

    if not monkey.is_module_patched("socket"):
        monkey.patch_all()

import contextlib
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

CHANNEL = "bare-socketio"  # not antrian's "flask-socketio": both may share one Redis
HERE = Path(__file__).resolve().parent


def create_app(message_queue: str | None = None) -> Any:
    """The bare app: `/healthz`, `POST /emit`, and a connect handler joining a room.

    `message_queue`: a Redis URL shared by several processes (None: one process)."""
    from flask import Flask, request
    from flask_socketio import SocketIO, emit, join_room

    app = Flask("bare_socketio")
    socketio = SocketIO(app, async_mode="gevent", message_queue=message_queue,
                        channel=CHANNEL)

    @app.get("/healthz")
    def healthz() -> tuple[str, int]:
        return "ok", 200

    @app.post("/emit")
    def emit_events() -> tuple[str, int]:
        body = request.get_json()
        room = f"facility:{body.get('room', 'bare')}"
        for name, payload in body["events"]:
            socketio.emit(name, payload, to=room)
        return "", 204

    @socketio.on("connect")
    def connect(auth: Any = None) -> None:
        join_room(f"facility:{(auth or {}).get('room', 'bare')}")
        emit("snapshot", {"seq": 0})

    return app


@contextlib.contextmanager
def bare_servers(processes: int, redis_url: str | None, folder: Path) -> Iterator[list[str]]:
    """One bare process served like `queue_server serve`, or two gunicorn gevent workers
    sharing `redis_url`; yields their base URLs once they answer, stops them afterwards."""
    import sys as _sys

    from tests.support.servers import free_port, wait_until

    procs: list[subprocess.Popen[bytes]] = []
    urls: list[str] = []
    env = {**os.environ, "BARE_MESSAGE_QUEUE": redis_url or ""}
    try:
        for i in range(processes):
            port = free_port()
            if processes == 1:
                cmd = [_sys.executable, str(HERE / "bare_socketio.py"), "--port", str(port)]
            else:
                cmd = [_sys.executable, "-m", "gunicorn", "-w", "1", "-k", "gevent",
                       "--worker-connections", "4000", "--bind", f"127.0.0.1:{port}",
                       "--graceful-timeout", "5", "--chdir", str(HERE), "bare_socketio:app"]
            with open(folder / f"bare-{i}.log", "ab") as out:
                procs.append(subprocess.Popen(cmd, cwd=HERE.parent, env=env, stdout=out,
                                              stderr=subprocess.STDOUT))
            urls.append(f"http://127.0.0.1:{port}")
        for url, proc in zip(urls, procs, strict=True):
            wait_until(lambda u=url, p=proc: _healthy(u, p), timeout=60, what=f"{url}/healthz")
        yield urls
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def _healthy(url: str, proc: subprocess.Popen[bytes]) -> bool:
    import urllib.request

    if proc.poll() is not None:
        raise RuntimeError(f"bare server exited ({proc.returncode})")
    try:
        with urllib.request.urlopen(f"{url}/healthz", timeout=2) as reply:
            return bool(reply.status == 200)
    except OSError:
        return False


def _serve(port: int) -> None:
    """Serve one process with antrian's own runner and collector settings."""
    sys.path.insert(0, str(HERE.parent))
    from queue_server.cli import _serve_gevent, settle_memory

    app = create_app(None)
    settle_memory()
    _serve_gevent(app, "127.0.0.1", port)


if __name__ == "__main__":  # pragma: no cover - a server
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=5100)
    _serve(parser.parse_args().port)
elif "gunicorn" in sys.argv[0]:  # pragma: no cover - gunicorn's worker
    app = create_app(os.environ.get("BARE_MESSAGE_QUEUE") or None)
    sys.path.insert(0, str(HERE.parent))
    from queue_server.cli import settle_memory

    settle_memory()
