"""The kiosk agent when things go wrong: a late or lost reply from the server, a printer
that stays off, no paper, an address phones cannot open, a PIN being guessed."""

from __future__ import annotations

import socket
import threading
from pathlib import Path
from typing import Any

from kiosk.agent import Options, create_agent, start_background
from kiosk.escpos_reader import read
from tests.conftest import Api
from tests.support.printer import FakePrinter
from tests.support.proxy import LoopbackListener
from tests.support.servers import serve_in_thread, wait_until

TICKETS = "/api/v1/kiosk/tickets"


def agent_for(server: str, printer: FakePrinter, tmp_path: Path, **extra: Any) -> Any:
    options = Options(server=server, device_token="demo-kiosk", staff_pin="2468",
                      printer=f"network:127.0.0.1:{printer.port}", spool=tmp_path / "spool",
                      request_timeout=0.5, server_retry_seconds=15.0, retry_seconds=0.1,
                      heartbeat_seconds=0.3, probe_seconds=0.1, **extra)
    return create_agent(options)


class SlowFirstTicket:
    """WSGI wrapper: the first ticket is issued at once, but its reply is held back until
    the agent, having timed out, has sent its retry."""

    def __init__(self, app: Any):
        self.app = app
        self.keys: list[str | None] = []
        self.retried = threading.Event()

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        if environ["PATH_INFO"] != TICKETS:
            return self.app(environ, start_response)
        self.keys.append(environ.get("HTTP_IDEMPOTENCY_KEY"))
        if len(self.keys) > 1:
            self.retried.set()
            return self.app(environ, start_response)
        held: list[Any] = []
        body = b"".join(self.app(environ, lambda *args: held.append(args)))
        self.retried.wait(timeout=20)
        start_response(*held[0])
        return [body]


class DropFirstReply(LoopbackListener):
    """A TCP proxy to the server that passes the first ticket request on, then hangs up on
    the agent instead of handing back the reply."""

    def __init__(self, upstream: str):
        host, port = upstream.removeprefix("http://").split(":")
        self.upstream = (host, int(port))
        self.dropped = 0
        super().__init__()

    def handle(self, conn: socket.socket) -> None:
        with conn:
            self._relay(conn)

    def _relay(self, conn: socket.socket) -> None:
        data = b""
        while b"\r\n\r\n" not in data:
            data += conn.recv(65536)
        head, _, body = data.partition(b"\r\n\r\n")
        length = next((int(line.split(b":")[1]) for line in head.split(b"\r\n")
                       if line.lower().startswith(b"content-length:")), 0)
        while len(body) < length:
            body += conn.recv(65536)
        with socket.create_connection(self.upstream) as server:
            server.sendall(head + b"\r\n\r\n" + body)
            reply = b"".join(iter(lambda: server.recv(65536), b""))
        if head.startswith(f"POST {TICKETS} ".encode()) and self.dropped == 0:
            self.dropped += 1
            return  # the ticket was issued; the agent never hears of it
        conn.sendall(reply)


def waiting_in(kiosk: Api, service: str) -> int:
    home = kiosk.get("/api/v1/kiosk/services").get_json()
    return next(s["waiting"] for s in home["services"] if s["code"] == service)


def test_a_reply_slower_than_the_agents_timeout_still_gives_one_number(
    app: Any, kiosk: Api, printer: FakePrinter, tmp_path: Path
) -> None:
    slow = SlowFirstTicket(app)
    with serve_in_thread(slow) as base:
        agent = agent_for(base, printer, tmp_path).test_client()
        reply = agent.post("/api/tickets", json={"service": "pendaftaran"})
    assert reply.status_code == 201, reply.get_json()
    assert reply.get_json()["ticket"]["number"] == "A-001"
    assert len(slow.keys) >= 2 and len(set(slow.keys)) == 1 and slow.keys[0]
    assert waiting_in(kiosk, "pendaftaran") == 1  # one number issued, not two
    assert [read(job).text.count("A-001") for job in printer.wait_for_jobs(1)] == [1]
    assert kiosk.ticket()["number"] == "A-002"


def test_a_dropped_connection_is_retried_with_the_same_key(
    live_server: str, kiosk: Api, printer: FakePrinter, tmp_path: Path
) -> None:
    proxy = DropFirstReply(live_server)
    try:
        agent = agent_for(proxy.url, printer, tmp_path).test_client()
        reply = agent.post("/api/tickets", json={"service": "umum", "priority": "elderly"})
    finally:
        proxy.close()
    assert proxy.dropped == 1
    assert reply.status_code == 201 and reply.get_json()["ticket"]["number"] == "B-001"
    assert waiting_in(kiosk, "umum") == 1


def test_a_printer_off_past_the_limit_shows_the_ticket_and_never_prints_it_later(
    live_server: str, printer: FakePrinter, tmp_path: Path, staff: Api
) -> None:
    app = agent_for(live_server, printer, tmp_path, print_within=0.5)
    agent = app.test_client()
    stop = start_background(app)
    try:
        printer.stop()
        reply = agent.post("/api/tickets", json={"service": "pendaftaran"}).get_json()
        assert reply["printed"] is False and reply["print"] == "waiting"
        assert reply["qr"].startswith("data:image/svg+xml;base64,")
        wait_until(lambda: agent.get(f"/api/jobs/{reply['job']}").get_json()["print"] == "shown",
                   timeout=10, what="the job to be recorded as shown-not-printed")

        def console_sees_it() -> bool:
            kiosk = next(d for d in staff.get("/api/v1/counters/loket-1").get_json()["devices"]
                         if d["code"] == "kiosk-1")
            return kiosk["status"].get("shown_numbers") == ["A-001"]

        wait_until(console_sees_it, timeout=10, what="the heartbeat to report it")
        printer.start()  # back on: the agent sees it online, and prints nothing
        wait_until(lambda: agent.get("/api/state").get_json()["printer"]["printer"] == "online",
                   timeout=10, what="the agent to see the printer online")
        assert printer.jobs == []
        status = agent.post("/api/staff/status", json={"pin": "2468"}).get_json()
        [shown] = status["shown"]
        assert shown["number"] == "A-001"
        again = agent.post("/api/staff/reprint", json={"pin": "2468", "job": shown["job"]})
        assert again.get_json()["printed"] is True
        assert again.get_json()["message"] == "Tiket A-001 dicetak ulang."
        [job] = printer.wait_for_jobs(1)
        assert "A-001" in read(job).text
        assert agent.post("/api/staff/status", json={"pin": "2468"}).get_json()["shown"] == []
    finally:
        stop.set()


def test_refuse_mode_pauses_numbers_while_there_is_no_paper(
    live_server: str, printer: FakePrinter, tmp_path: Path, kiosk: Api
) -> None:
    printer.paper = "out"
    app = agent_for(live_server, printer, tmp_path, when_no_paper="refuse")
    agent = app.test_client()
    stop = start_background(app)
    try:
        wait_until(lambda: agent.get("/api/state").get_json()["taking_numbers"] is False,
                   timeout=10, what="the probe to find no paper")
        state = agent.get("/api/state").get_json()
        assert state["notice"]["text"].startswith("Kertas printer habis. Pengambilan nomor")
        refused = agent.post("/api/tickets", json={"service": "pendaftaran"})
        assert refused.status_code == 503
        assert refused.get_json()["error"]["code"] == "printer_unavailable"
        assert waiting_in(kiosk, "pendaftaran") == 0
        printer.paper = "ok"
        wait_until(lambda: agent.get("/api/state").get_json()["taking_numbers"] is True,
                   timeout=10, what="the probe to find paper again")
        assert agent.post("/api/tickets", json={"service": "pendaftaran"}).status_code == 201
    finally:
        stop.set()


def test_the_printed_qr_uses_the_servers_public_url(
    engine: Any, clock: Any, printer: FakePrinter, tmp_path: Path
) -> None:
    from queue_server import create_app

    server = create_app({"TESTING": True, "ENGINE": engine, "DATABASE_URL": str(engine.url),
                         "CLOCK": clock, "SECRET_KEY": "test",
                         "PUBLIC_URL": "https://antrian.surabaya.go.id"})
    with serve_in_thread(server) as base:
        agent = agent_for(base, printer, tmp_path).test_client()
        reply = agent.post("/api/tickets", json={"service": "gigi"}).get_json()
        lines = agent.post("/api/staff/status", json={"pin": "2468"}).get_json()["lines"]
    [qr] = read(printer.wait_for_jobs(1)[0]).qr_codes
    assert reply["printed"] and qr.startswith("https://antrian.surabaya.go.id/t/")
    texts = [line["text"] for line in lines]
    assert "Alamat di QR tiket: https://antrian.surabaya.go.id" in texts
    assert not any(t.startswith("Peringatan") for t in texts)


def test_wrong_pins_are_throttled_with_retry_after(live_server: str, printer: FakePrinter,
                                                   tmp_path: Path) -> None:
    agent = agent_for(live_server, printer, tmp_path).test_client()
    for _ in range(5):
        wrong = agent.post("/api/staff/status", json={"pin": "1234"})
        assert wrong.status_code == 403 and wrong.get_json()["error"]["message"] == "PIN salah."
    throttled = agent.post("/api/staff/reprint", json={"pin": "2468"})
    assert throttled.status_code == 429 and throttled.headers["Retry-After"] == "30"
    assert "Coba lagi dalam 30 detik" in throttled.get_json()["error"]["message"]
    assert printer.jobs == []


def test_a_refused_device_token_reaches_the_patient_as_plain_words(
    live_server: str, printer: FakePrinter, tmp_path: Path
) -> None:
    app = create_agent(Options(server=live_server, device_token="not-a-kiosk",
                               printer=f"network:127.0.0.1:{printer.port}",
                               spool=tmp_path / "spool"))
    reply = app.test_client().post("/api/tickets", json={"service": "pendaftaran"})
    assert reply.status_code == 401
    assert reply.get_json()["error"]["message"] == (
        "Kiosk ini belum dapat mengambil nomor antrean. Silakan hubungi petugas.")
    assert printer.jobs == []
