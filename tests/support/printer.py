"""A network thermal printer on 127.0.0.1: captures what it is sent, answers status queries."""

from __future__ import annotations

import contextlib
import socket
import threading

from tests.support.servers import free_port, wait_until

STATUS_ONLINE = b"\x10\x04\x01"
STATUS_PAPER = b"\x10\x04\x04"
PAPER_BYTES = {"ok": 0x12, "low": 0x1E, "out": 0x72}


class FakePrinter:
    """Each connection is one job; `jobs` holds those that carried a ticket (ESC @ ...)."""

    def __init__(self, port: int | None = None, paper: str = "ok"):
        self.port = port or free_port()
        self.paper = paper
        self.online = True
        self.jobs: list[bytes] = []
        self._lock = threading.Lock()
        self._server: socket.socket | None = None

    def start(self) -> FakePrinter:
        server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind(("127.0.0.1", self.port))
        server.listen(8)
        self._server = server
        threading.Thread(target=self._accept, args=(server,), daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            # shutdown() wakes the thread blocked in accept(); close() alone would leave the
            # port listening until then.
            with contextlib.suppress(OSError):
                self._server.shutdown(socket.SHUT_RDWR)
            self._server.close()
            self._server = None

    def _accept(self, server: socket.socket) -> None:
        while True:
            try:
                conn, _ = server.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        data = bytearray()
        with conn:
            while True:
                try:
                    chunk = conn.recv(65536)
                except OSError:
                    break
                if not chunk:
                    break
                data += chunk
                for query in (STATUS_ONLINE, STATUS_PAPER):
                    if chunk.endswith(query):  # python-escpos sends each query on its own
                        conn.sendall(bytes([self._answer(query)]))
        if b"\x1b@" in data:
            with self._lock:
                self.jobs.append(bytes(data))

    def _answer(self, query: bytes) -> int:
        if query == STATUS_ONLINE:
            return 0x12 if self.online else 0x1A
        return PAPER_BYTES[self.paper]

    def wait_for_jobs(self, count: int, timeout: float = 15.0) -> list[bytes]:
        wait_until(lambda: len(self.jobs) >= count, timeout=timeout,
                   what=f"{count} print job(s) at 127.0.0.1:{self.port}")
        with self._lock:
            return list(self.jobs)
