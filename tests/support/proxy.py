"""A TCP proxy in front of the queue server that a test can cut off and restore, as a
network cut between the kiosk and the server would."""

from __future__ import annotations

import contextlib
import socket
import threading

TICKETS = b"POST /api/v1/kiosk/tickets"


def read_request(conn: socket.socket) -> bytes | None:
    """One HTTP/1.1 request (head and body, by Content-Length), or None if the client
    hung up first."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            return None
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = next((int(line.split(b":")[1]) for line in head.split(b"\r\n")
                   if line.lower().startswith(b"content-length:")), 0)
    while len(body) < length:
        chunk = conn.recv(65536)
        if not chunk:
            return None
        body += chunk
    return head + b"\r\n\r\n" + body


def header(request: bytes, name: str) -> str | None:
    """A header's value in a raw request, or None."""
    head = request.partition(b"\r\n\r\n")[0].decode("latin-1")
    for line in head.split("\r\n")[1:]:
        key, _, value = line.partition(":")
        if key.strip().lower() == name.lower():
            return value.strip()
    return None


class CutProxy:
    """Relays each request to `upstream` while open. `cut("drop")` hangs up on every
    request unanswered (nothing reaches the server); `cut("hold")` keeps each one silent
    until `restore()` (the client times out). `ticket_keys` lists the Idempotency-Key of
    every ticket request that came, cut or not. Use it as a context manager."""

    def __init__(self, upstream: str):
        host, port = upstream.removeprefix("http://").split(":")
        self.upstream = (host, int(port))
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}"
        self.mode = "open"
        self.ticket_keys: list[str | None] = []
        self._release = threading.Event()  # wakes held connections (restore or close)
        self._lock = threading.Lock()
        self._threads: list[threading.Thread] = []
        self._accepting = threading.Thread(target=self._accept, daemon=True)
        self._accepting.start()

    def cut(self, mode: str = "drop") -> None:
        """From now on, requests are dropped ("drop") or held silent ("hold")."""
        self._release.clear()
        self.mode = mode

    def restore(self) -> None:
        """Relay again; connections held so far are let go unanswered."""
        self.mode = "open"
        self._release.set()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            thread = threading.Thread(target=self._serve, args=(conn,), daemon=True)
            with self._lock:
                self._threads = [t for t in self._threads if t.is_alive()] + [thread]
            thread.start()

    def _serve(self, conn: socket.socket) -> None:
        with conn:
            conn.settimeout(30)
            try:
                request = read_request(conn)
            except OSError:
                return
            if request is None:
                return
            if request.startswith(TICKETS):
                self.ticket_keys.append(header(request, "Idempotency-Key"))
            mode = self.mode
            if mode == "hold":
                self._release.wait(timeout=60)
            if mode != "open":
                return
            with contextlib.suppress(OSError), \
                    socket.create_connection(self.upstream, timeout=30) as server:
                server.sendall(request)
                conn.sendall(b"".join(iter(lambda: server.recv(65536), b"")))

    def close(self) -> None:
        """Stop listening, let held connections go, and wait for every thread to end."""
        self._release.set()
        with contextlib.suppress(OSError):
            self.listener.shutdown(socket.SHUT_RDWR)
        self.listener.close()
        self._accepting.join(timeout=10)
        with self._lock:
            threads = list(self._threads)
        for thread in threads:
            thread.join(timeout=35)

    def __enter__(self) -> CutProxy:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class LoopbackListener:
    """A port on 127.0.0.1 that hands each connection to `handle` on its own thread, until
    `close`; subclasses say what a connection gets."""

    def __init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}"
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            self.handle(conn)

    def handle(self, conn: socket.socket) -> None:
        conn.close()

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.listener.shutdown(socket.SHUT_RDWR)
        self.listener.close()
        self.thread.join(timeout=10)


class Refusing(LoopbackListener):
    """A port that accepts each connection and hangs up at once, counting them."""

    def __init__(self) -> None:
        self.count = 0
        super().__init__()

    def handle(self, conn: socket.socket) -> None:
        self.count += 1
        conn.close()
